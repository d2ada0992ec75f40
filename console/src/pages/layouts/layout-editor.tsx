import { LAYOUT_ZONES_MAX } from '@playlists/limits'
import { type Layout, type LayoutInput, MAIN_ZONE, type Zone } from '@playlists/schemas/layout'
import type { Playlist } from '@playlists/schemas/playlist'
import type { Screen } from '@playlists/schemas/screen'
import { useEffect, useState } from 'preact/hooks'
import { type ApiError, api, read } from '../../api'
import { ApprovalState, useStandings } from '../../components/approval-state'
import { Dialog } from '../../components/dialog'
import { hasStrings, isRecord } from '../../components/draft-shape'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { useLocalDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { DraftNotice } from '../../components/restore-banner'
import { statusMessage, tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { href, navigate } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { t } from './messages'
import { type Preset, presetName, presetZones } from './presets'
import { initialShape, shapesOf } from './shapes'
import { ZoneCanvas } from './zone-canvas'
import { zoneChecks } from './zone-checks'
import { ZoneTable } from './zone-table'

interface Draft {
  name: string
  zones: Zone[]
}

const copyZones = (zones: readonly Zone[]): Zone[] => zones.map((z) => ({ ...z }))
const asText = (d: Draft | null) => JSON.stringify(d)

/** A zone id not yet taken: zone-2, zone-3… */
function freeId(zones: readonly Zone[]): string {
  for (let n = zones.length + 1; ; n++) if (!zones.some((z) => z.id === `zone-${n}`)) return `zone-${n}`
}

const isZone = (z: unknown): z is Zone =>
  hasStrings(z, ['id', 'name']) &&
  isRecord(z) &&
  ['x', 'y', 'width', 'height'].every((k) => typeof z[k] === 'number') &&
  (z.playlistId === null || typeof z.playlistId === 'string')

/** A kept draft of a layout (components/local-draft.ts) read back, or null when it is not one. */
function parseDraft(data: unknown): Draft | null {
  if (!isRecord(data) || typeof data.name !== 'string' || !Array.isArray(data.zones)) return null
  if (data.zones.length > LAYOUT_ZONES_MAX || !data.zones.every(isZone)) return null
  return { name: data.name, zones: copyZones(data.zones as Zone[]) }
}

/**
 * One layout (`#/layouts/<id>`) or a new one from a preset (`#/layouts/new?preset=wide-led`): the
 * zones drawn over the chosen screen's real shape, edited there or as numbers, checked as they
 * change, saved as a draft and submitted for approval like any content.
 */
export function LayoutEditor({
  layoutId,
  presetId,
  shapeParam,
}: {
  layoutId: string | null
  presetId: string | null
  /** The screen shape to draw over (`1536x768`), carried from the new layout to the saved one. */
  shapeParam: string | null
}) {
  const existing = useResource(layoutId ? read('/api/layouts/:id', { params: { id: layoutId } }) : null)
  const presets = useResource(read('/api/layouts/presets'))
  const screens = useResource(read('/api/screens'))
  const playlists = useResource(read('/api/playlists'))
  const [draft, setDraft] = useState<Draft | null>(null)
  const [savedText, setSavedText] = useState('')
  const [shapeId, setShapeId] = useState<string | null>(shapeParam)
  const [selected, setSelected] = useState(0)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [applyId, setApplyId] = useState(presetId ?? '')
  const [deleting, setDeleting] = useState(false)
  const [nonce, setNonce] = useState(0)
  const standings = useStandings('layout', existing.data ? [existing.data] : [], nonce)
  // An existing layout's unsaved zones are kept in the browser; a new one is a preset away.
  const local = useLocalDraft<Draft>({
    form: 'layout',
    id: layoutId ?? 'new',
    base: layoutId && existing.data && draft ? existing.data.updatedAt : null,
    value: draft ?? { name: '', zones: [] },
    dirty: draft !== null && asText(draft) !== savedText,
    parse: parseDraft,
    onRestore: (kept) => setDraft(kept),
  })

  const preset = presets.data?.find((p) => p.id === (presetId ?? 'full-screen')) ?? presets.data?.[0]
  // The draft starts from the server's layout, or from the preset, once either has arrived.
  useEffect(() => {
    if (draft) return
    if (layoutId && existing.data) {
      const start = { name: existing.data.name, zones: copyZones(existing.data.zones) }
      setDraft(start)
      setSavedText(asText(start))
    } else if (!layoutId && preset) {
      setDraft({ name: t('new.name', { preset: presetName(preset) }), zones: presetZones(preset) })
    }
  }, [layoutId, existing.data, preset, draft])

  const loadError = existing.error ?? presets.error ?? screens.error ?? playlists.error
  if (loadError) return <ErrorMessage error={loadError} />
  if (!draft || !screens.data || !playlists.data || !presets.data)
    return <p class="loading">{tc('loading')}</p>

  const shapes = shapesOf(screens.data)
  const shape =
    shapes.find((s) => s.id === shapeId) ??
    initialShape(shapes, screens.data, existing.data?.screens ?? [], layoutId ? 0 : (preset?.aspect ?? 0))!
  const problems = zoneChecks(draft.name, draft.zones)
  const dirty = asText(draft) !== savedText
  const mayEdit = can('content:write')
  // The main zone without a playlist of its own plays the screen's default playlist.
  const playlistName = (id: string | null, zoneId: string) =>
    id !== null
      ? (playlists.data!.find((p) => p.id === id)?.name ?? id)
      : zoneId === MAIN_ZONE
        ? t('zones.screen-default')
        : t('zones.no-playlist')

  const update = (change: (zones: Zone[]) => Zone[]) =>
    setDraft((d) => (d ? { ...d, zones: change(copyZones(d.zones)) } : d))
  const changeZone = (index: number, change: Partial<Zone>) =>
    update((zones) => zones.map((z, i) => (i === index ? { ...z, ...change } : z)))
  const moveZone = (index: number, by: -1 | 1) => {
    update((zones) => {
      const [zone] = zones.splice(index, 1)
      zones.splice(index + by, 0, zone!)
      return zones
    })
    setSelected(index + by)
  }
  const removeZone = (index: number) => {
    update((zones) => zones.filter((_, i) => i !== index))
    setSelected(0)
  }
  const addZone = () => {
    update((zones) => [
      ...zones,
      {
        id: freeId(zones),
        name: t('zones.new-name', { n: zones.length + 1 }),
        x: 0.05,
        y: 0.05,
        width: 0.3,
        height: 0.3,
        playlistId: null,
      },
    ])
    setSelected(draft.zones.length)
  }
  const applyPreset = () => {
    const p = presets.data!.find((x) => x.id === applyId)
    if (!p) return
    update(() => presetZones(p))
    setSelected(0)
  }

  async function save() {
    if (!draft || problems.length > 0) return
    setSaving(true)
    setError(null)
    const body: LayoutInput = { name: draft.name.trim(), zones: draft.zones }
    try {
      if (layoutId) {
        const saved = await api.put('/api/layouts/:id', { params: { id: layoutId }, body })
        const next = { name: saved.name, zones: copyZones(saved.zones) }
        setDraft(next)
        setSavedText(asText(next))
        setNonce((n) => n + 1)
        notify(t('saved', { name: saved.name }))
      } else {
        const created = await api.post('/api/layouts', { body })
        notify(t('saved', { name: created.name }))
        navigate(`${href('layouts', created.id)}?shape=${shape.id}`)
      }
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  async function submit() {
    if (!layoutId) return
    try {
      await api.post('/api/layouts/:id/submit', { params: { id: layoutId }, body: {} })
      notify(t('submitted', { name: draft!.name }))
      setNonce((n) => n + 1)
    } catch (err) {
      const e = toApiError(err)
      notify(`${statusMessage(e.status)} ${e.message}`, 'error')
    }
  }

  async function remove() {
    if (!layoutId) return
    try {
      await api.delete('/api/layouts/:id', { params: { id: layoutId } })
      local.clear()
      notify(t('deleted', { name: draft!.name }))
      navigate(href('layouts'))
    } catch (err) {
      setDeleting(false)
      setError(toApiError(err))
    }
  }

  const usedBy = (existing.data?.screens ?? []).map((id) =>
    shownName(screens.data!.find((s) => s.id === id)?.name ?? id),
  )

  return (
    <>
      <p>
        <a href={href('layouts')}>{t('back')}</a>
      </p>
      <h1>
        {layoutId ? t('title.edit', { name: shownName(existing.data?.name ?? layoutId) }) : t('title.new')}
      </h1>
      {layoutId && (
        <p class="layout-meta">
          <ApprovalState standing={standings.get(layoutId)} />{' '}
          <span class="muted">
            {usedBy.length > 0 ? t('used-by', { screens: usedBy.join(', ') }) : t('used-by-none')}
          </span>
        </p>
      )}
      <DraftNotice draft={local} />
      <div class="toolbar">
        <label class="field layout-name">
          <span>{tc('name')}</span>
          <input
            name="name"
            value={draft.name}
            maxLength={120}
            readOnly={!mayEdit}
            aria-invalid={!draft.name.trim()}
            onInput={(e) => {
              const name = e.currentTarget.value
              setDraft((d) => (d ? { ...d, name } : d))
            }}
          />
        </label>
        <label class="field">
          <span>{t('shape')}</span>
          <select name="shape" value={shape.id} onChange={(e) => setShapeId(e.currentTarget.value)}>
            {shapes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.screens.length > 0
                  ? t('shape.option', { width: s.width, height: s.height, screens: s.screens.join(', ') })
                  : t('shape.planned', { width: s.width, height: s.height })}
              </option>
            ))}
          </select>
        </label>
        {mayEdit && (
          <>
            <label class="field">
              <span>{t('preset')}</span>
              <select name="preset" value={applyId} onChange={(e) => setApplyId(e.currentTarget.value)}>
                <option value="">{t('preset.choose')}</option>
                {presets.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {presetName(p)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!applyId} onClick={applyPreset}>
              {t('preset.apply')}
            </button>
          </>
        )}
      </div>

      <div class="layout-workspace">
        <ZoneCanvas
          shape={shape}
          zones={draft.zones}
          selected={selected}
          playlistName={playlistName}
          onSelect={setSelected}
          onChange={(index, geometry) => mayEdit && changeZone(index, geometry)}
        />

        <section aria-labelledby="layout-zones-title">
          <h2 id="layout-zones-title">{t('zones.title', { count: draft.zones.length })}</h2>
          <p class="muted">{t('zones.intro')}</p>
          <div class="layout-table-scroll">
            <ZoneTable
              zones={draft.zones}
              selected={selected}
              shape={shape}
              playlists={playlists.data}
              problems={problems}
              onChange={changeZone}
              onMove={moveZone}
              onRemove={removeZone}
              onSelect={setSelected}
            />
          </div>
          {mayEdit && (
            <button type="button" disabled={draft.zones.length >= LAYOUT_ZONES_MAX} onClick={addZone}>
              {t('zones.add')}
            </button>
          )}
        </section>
      </div>
      {problems.length > 0 && (
        <div class="error-message layout-problems" role="alert">
          <p>{t('problems')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.text}>{p.text}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorMessage error={error} />

      {mayEdit && (
        <div class="toolbar layout-actions">
          <button
            type="button"
            class="primary"
            disabled={saving || problems.length > 0 || (!dirty && layoutId !== null)}
            onClick={() => void save()}
          >
            {saving ? tc('saving') : tc('save')}
          </button>
          {layoutId && (
            <button
              type="button"
              disabled={dirty}
              onClick={() => void submit()}
              title={dirty ? t('submit.save-first') : undefined}
            >
              {t('submit')}
            </button>
          )}
          {layoutId && (
            <button type="button" class="danger" onClick={() => setDeleting(true)}>
              {tc('delete')}
            </button>
          )}
          {dirty && <span class="badge warn">{t('unsaved')}</span>}
        </div>
      )}
      <Dialog title={t('delete.title')} open={deleting} onClose={() => setDeleting(false)}>
        <p>{t('delete.confirm', { name: draft.name })}</p>
        <div class="toolbar">
          <button type="button" class="danger" onClick={() => void remove()}>
            {tc('delete')}
          </button>
          <button type="button" onClick={() => setDeleting(false)}>
            {tc('cancel')}
          </button>
        </div>
      </Dialog>
    </>
  )
}

import { LAYOUT_ZONES_MAX } from '@playlists/limits'
import { type LayoutInput, MAIN_ZONE, type Zone } from '@playlists/schemas/layout'
import { useEffect, useId, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { ApprovalState, useStandings } from '../../components/approval-state'
import { ErrorMessage } from '../../components/error-message'
import { refusedFields, refuses } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { useLocalDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { DraftNotice } from '../../components/restore-banner'
import { tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { href, navigate } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { LayoutActions } from './layout-actions'
import { asText, copyZones, type Draft, movedZones, newZone, parseDraft } from './layout-draft'
import { LayoutSettings } from './layout-settings'
import { t } from './messages'
import { presetName, presetZones } from './presets'
import { initialShape, shapesOf } from './shapes'
import { ZoneCanvas } from './zone-canvas'
import { problemId, problemIdsOf, zoneChecks } from './zone-checks'
import { type ZoneCheck, ZoneTable } from './zone-table'

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
  const [nonce, setNonce] = useState(0)
  const problemsId = useId()
  const refusalId = useId()
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
  const save = useAction(async (body: LayoutInput, shape: string) => {
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
      navigate(`${href('layouts', created.id)}?shape=${shape}`)
    }
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
  const refused = refusedFields(save.error)
  /**
   * A field is invalid while the page finds a problem with it (described by that problem's line)
   * or the server's last refusal names it (described by the refusal).
   */
  const describe = (index: number | null, field: string, path: string) => {
    const ids = problemIdsOf(problems, problemsId, index, field)
    if (refuses(refused, path)) ids.push(refusalId)
    return ids
  }
  const zoneCheck: ZoneCheck = (index, field) => {
    const ids = describe(index, field, `zones[${index}].${field}`)
    return { 'aria-invalid': ids.length > 0 || undefined, 'aria-describedby': ids.join(' ') || undefined }
  }
  const nameIds = describe(null, 'name', 'name')
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
      <LayoutSettings
        name={draft.name}
        nameCheck={{ invalid: nameIds.length > 0, refusalId: nameIds.join(' ') }}
        onName={(name) => setDraft((d) => (d ? { ...d, name } : d))}
        shapes={shapes}
        shape={shape}
        onShape={setShapeId}
        presets={presets.data}
        presetId={presetId}
        onPreset={(p) => {
          update(() => presetZones(p))
          setSelected(0)
        }}
        mayEdit={mayEdit}
      />

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
              check={zoneCheck}
              onChange={changeZone}
              onMove={(index, by) => {
                update((zones) => movedZones(zones, index, by))
                setSelected(index + by)
              }}
              onRemove={(index) => {
                update((zones) => zones.filter((_, i) => i !== index))
                setSelected(0)
              }}
              onSelect={setSelected}
            />
          </div>
          {mayEdit && (
            <button
              type="button"
              disabled={draft.zones.length >= LAYOUT_ZONES_MAX}
              onClick={() => {
                update((zones) => [...zones, newZone(zones)])
                setSelected(draft.zones.length)
              }}
            >
              {t('zones.add')}
            </button>
          )}
        </section>
      </div>
      {problems.length > 0 && (
        <div class="error-message layout-problems" role="alert">
          <p>{t('problems')}</p>
          <ul>
            {problems.map((p, position) => (
              <li key={p.text} id={problemId(problemsId, position)}>
                {p.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorMessage error={save.error} id={refusalId} />

      {mayEdit && (
        <LayoutActions
          layoutId={layoutId}
          name={draft.name}
          dirty={dirty}
          saveBlocked={problems.length > 0 || (!dirty && layoutId !== null)}
          saving={save.busy}
          onSave={() => {
            if (problems.length === 0)
              void save.run({ name: draft.name.trim(), zones: draft.zones }, shape.id)
          }}
          onSubmitted={() => setNonce((n) => n + 1)}
          onDeleted={() => {
            local.clear()
            navigate(href('layouts'))
          }}
        />
      )}
    </>
  )
}

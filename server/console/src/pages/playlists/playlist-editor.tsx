import { useEffect, useId, useMemo, useState } from 'preact/hooks'
import { NAME_CHARS_MAX, PLAYLIST_ITEMS_MAX } from '../../../../../playlists/limits'
import type { VersionSummary } from '../../../../../playlists/schemas/approval'
import { ITEM_KINDS, type ItemKind } from '../../../../../playlists/schemas/items'
import type { LegibilityReport } from '../../../../../playlists/schemas/legibility'
import type { Playlist } from '../../../../../playlists/schemas/playlist'
import type { Screen } from '../../../../../playlists/schemas/screen'
import type { Site } from '../../../../../playlists/schemas/site'
import { type ApiError, api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { useLocalDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { DraftNotice } from '../../components/restore-banner'
import { tc } from '../../i18n/common'
import { formatDuration } from '../../i18n/i18n'
import { href, navigate } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { ApprovalPanel } from './approval-panel'
import { adoptKeys, check, type Draft, durationMsOf, type EditItem, move, newItem, toInput } from './draft'
import { DeleteDialog, MissingSummary, OverwriteDialog } from './editor-dialogs'
import { type ErrorOf, FieldError, invalid } from './field-error'
import { ItemDetail } from './item-detail'
import { ItemList } from './item-list'
import { draftPrint, parseKeptDraft } from './kept-draft'
import { MediaPicker } from './media-picker'
import { t } from './messages'
import { StateBadges } from './playlist-list'
import { previewSizes } from './screen-sizes'
import { fieldErrors, problemText } from './server-errors'

/**
 * `#/playlists/<id>`: the draft of one playlist — its items in order (drag, or move buttons),
 * each item's duration and settings, the selected item's live preview — saved whole (PUT), then
 * submitted for approval.
 */
export function PlaylistEditor({ id }: { id: string }) {
  const path = `/api/playlists/${encodeURIComponent(id)}`
  const loaded = useResource<Playlist>(path)
  const versions = useResource<VersionSummary[]>(`${path}/versions`)
  const screens = useResource<Screen[]>('/api/screens')
  const sites = useResource<Site[]>('/api/sites')
  const origins = useResource<{ origins: string[] }>('/api/web-origins')
  const legibility = useResource<LegibilityReport>(`${path}/legibility`)
  const editable = can('content:write')
  const nameId = useId()

  const [playlist, setPlaylist] = useState<Playlist | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [savedJson, setSavedJson] = useState('')
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map())
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState<'saving' | 'deleting' | null>(null)
  const [sizeId, setSizeId] = useState('')
  const [adding, setAdding] = useState<'image' | 'video' | null>(null)
  const [overwrite, setOverwrite] = useState<Playlist | null>(null)
  const [deleting, setDeleting] = useState(false)
  /** The server revision the edits start from: the overwrite check compares against it. */
  const [baseRevision, setBaseRevision] = useState<number | null>(null)

  const adopt = (saved: Playlist, keys?: readonly string[]) => {
    const next = adoptKeys(saved, keys)
    setPlaylist(saved)
    setBaseRevision(saved.draftRevision)
    setDraft(next)
    setSavedJson(JSON.stringify(toInput(next)))
    setSelectedKey((key) => (next.items.some((i) => i.key === key) ? key : (next.items[0]?.key ?? null)))
  }

  useEffect(() => {
    if (loaded.data) adopt(loaded.data)
  }, [loaded.data])

  const dirty = draft !== null && JSON.stringify(toInput(draft)) !== savedJson
  const local = useLocalDraft<Draft>({
    form: 'playlist',
    id,
    base: baseRevision === null ? null : String(baseRevision),
    value: draft ?? { name: '', items: [] },
    dirty,
    parse: parseKeptDraft,
    fingerprint: draftPrint,
    onRestore: (kept, base) => {
      setDraft(kept)
      setSelectedKey(kept.items[0]?.key ?? null)
      // Saving a draft taken from an older revision goes through the overwrite question.
      if (base !== null && Number.isInteger(Number(base))) setBaseRevision(Number(base))
    },
  })
  // The browser's own leave-page question, only when the changes cannot be kept locally.
  useEffect(() => {
    if (!dirty || local.kept) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    addEventListener('beforeunload', warn)
    return () => removeEventListener('beforeunload', warn)
  }, [dirty, local.kept])

  const webOrigins = origins.data?.origins ?? null
  const problems = useMemo(() => (draft ? check(draft, webOrigins) : []), [draft, webOrigins])
  const sizes = useMemo(() => previewSizes(screens.data, sites.data), [screens.data, sites.data])

  if (!draft || !playlist) {
    return (
      <section class="pl-page">
        <p>
          <a href={href('playlists')}>{t('editor.back')}</a>
        </p>
        <h1>{t('editor.loading-title')}</h1>
        {loaded.error ? <ErrorMessage error={loaded.error} /> : <p class="loading">{tc('loading')}</p>}
      </section>
    )
  }

  const errorOf: ErrorOf = (field) => {
    const server = serverErrors.get(field)
    if (server) return server
    if (!attempted) return undefined
    const problem = problems.find((p) => p.field === field)
    return problem && problemText(problem)
  }

  const edit = (change: (d: Draft) => Draft) => setDraft((d) => (d ? change(d) : d))
  const editItem = (key: string, change: (item: EditItem) => EditItem) =>
    edit((d) => ({ ...d, items: d.items.map((i) => (i.key === key ? change(i) : i)) }))
  const add = (kind: ItemKind, mediaId?: string) => {
    const item = newItem(kind, mediaId)
    edit((d) => ({ ...d, items: [...d.items, item] }))
    setSelectedKey(item.key)
  }

  const save = async (e?: Event, force = false) => {
    e?.preventDefault()
    setAttempted(true)
    setError(null)
    if (problems.length > 0) {
      setServerErrors(new Map())
      // Open the item of the first problem (durations are in the list itself), then focus the first
      // marked field: where the reader's eyes and keyboard should go.
      const [key, path] = problems[0]!.field.split(':')
      if (path && path !== 'durationMs') setSelectedKey(key!)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.pl-page [aria-invalid="true"]')?.focus(),
      )
      return
    }
    setBusy('saving')
    const sent = toInput(draft)
    const keys = draft.items.map((i) => i.key)
    try {
      if (!force) {
        // The API replaces the draft whole: someone else's save in between would be lost unseen.
        const current = await api.get<Playlist>(path)
        if (current.draftRevision !== baseRevision) {
          setOverwrite(current)
          return
        }
      }
      const saved = await api.put<Playlist>(path, sent)
      setServerErrors(new Map())
      setAttempted(false)
      // Edits typed while the request was out are kept; the saved playlist still becomes the base.
      setDraft((current) =>
        current && JSON.stringify(toInput(current)) !== JSON.stringify(sent)
          ? current
          : adoptKeys(saved, keys),
      )
      setPlaylist(saved)
      setBaseRevision(saved.draftRevision)
      setSavedJson(JSON.stringify(toInput(adoptKeys(saved, keys))))
      versions.reload()
      notify(t('save.done', { revision: saved.draftRevision }))
    } catch (err) {
      const apiError = toApiError(err)
      setError(apiError)
      setServerErrors(fieldErrors(apiError, keys))
    } finally {
      setBusy(null)
    }
  }

  const remove = async () => {
    setBusy('deleting')
    try {
      await api.delete(path)
      local.clear()
      notify(t('delete.done', { name: playlist.name }))
      navigate(href('playlists'))
    } catch (err) {
      setDeleting(false)
      setError(toApiError(err))
    } finally {
      setBusy(null)
    }
  }

  const inUse =
    error?.status === 409
      ? (error.details as { screens?: string[]; layouts?: string[]; schedules?: string[] })
      : null
  const selectedIndex = draft.items.findIndex((i) => i.key === selectedKey)
  const selected = draft.items[selectedIndex]
  const full = draft.items.length >= PLAYLIST_ITEMS_MAX
  const total = draft.items.reduce((sum, i) => sum + (durationMsOf(i) ?? 0), 0)

  return (
    <section class="pl-page pl-editor">
      <p class="no-print">
        <a href={href('playlists')}>{t('editor.back')}</a>
      </p>
      <h1>{t('editor.title', { name: playlist.name })}</h1>
      <div class="pl-status">
        <StateBadges playlist={playlist} versions={versions.data} />
        {dirty && <span class="badge warn">{t('editor.unsaved')}</span>}
      </div>

      <DraftNotice draft={local} />
      <form class="card pl-head" onSubmit={save} noValidate>
        <label class="field pl-grow" for={nameId}>
          <span>{tc('name')}</span>
          <input
            id={nameId}
            name="playlist-name"
            value={draft.name}
            maxLength={NAME_CHARS_MAX}
            disabled={!editable}
            onInput={(e) => {
              const name = e.currentTarget.value
              edit((d) => ({ ...d, name }))
            }}
            {...invalid('name', errorOf)}
          />
          <FieldError field="name" errorOf={errorOf} />
        </label>
        {editable && (
          <div class="pl-head-actions">
            <button type="submit" class="primary" name="save" disabled={busy !== null}>
              {busy === 'saving' ? tc('saving') : tc('save')}
            </button>
            <button
              type="button"
              disabled={!dirty || busy !== null}
              onClick={() => {
                local.clear()
                adopt(playlist)
              }}
            >
              {t('editor.discard')}
            </button>
            <button type="button" class="danger" disabled={busy !== null} onClick={() => setDeleting(true)}>
              {tc('delete')}
            </button>
          </div>
        )}
      </form>

      {error && (
        <ErrorMessage
          error={error}
          headline={
            inUse && (inUse.screens || inUse.layouts || inUse.schedules)
              ? t('delete.in-use', {
                  screens: inUse.screens?.length ?? 0,
                  layouts: inUse.layouts?.length ?? 0,
                  schedules: inUse.schedules?.length ?? 0,
                })
              : undefined
          }
        />
      )}
      {attempted && problems.length > 0 && (
        <p class="error-message" role="alert">
          {t('save.problems', { count: problems.length })}
        </p>
      )}
      <MissingSummary items={draft.items} onSelect={setSelectedKey} />

      <div class="pl-columns">
        <section class="card pl-items-col" aria-labelledby={`${nameId}-items`}>
          <h2 id={`${nameId}-items`}>
            {t('items.title')}{' '}
            <span class="muted">
              {t('items.summary', {
                count: draft.items.length,
                duration: formatDuration(total),
              })}
            </span>
          </h2>
          {editable && (
            <fieldset class="pl-add">
              <legend class="visually-hidden">{t('add.label')}</legend>
              {ITEM_KINDS.map((kind) => (
                <button
                  key={kind}
                  type="button"
                  name={`add-${kind}`}
                  disabled={full}
                  onClick={() => (kind === 'image' || kind === 'video' ? setAdding(kind) : add(kind))}
                >
                  {t(`add.${kind}`)}
                </button>
              ))}
            </fieldset>
          )}
          {editable && full && <p class="muted">{t('add.full', { max: PLAYLIST_ITEMS_MAX })}</p>}
          <ItemList
            items={draft.items}
            selectedKey={selectedKey}
            editable={editable}
            errorOf={errorOf}
            onSelect={setSelectedKey}
            onMove={(from, to) => edit((d) => ({ ...d, items: move(d.items, from, to) }))}
            onRemove={(key) => {
              edit((d) => ({ ...d, items: d.items.filter((i) => i.key !== key) }))
              if (selectedKey === key) setSelectedKey(null)
              // The server's refusal was about this item alone: it goes with it.
              const left = new Map([...serverErrors].filter(([field]) => !field.startsWith(`${key}:`)))
              if (left.size < serverErrors.size) {
                setServerErrors(left)
                if (left.size === 0 && error?.status === 400) setError(null)
              }
            }}
            needsFixing={(key) =>
              [...serverErrors.keys(), ...(attempted ? problems.map((p) => p.field) : [])].some(
                (field) => field.startsWith(`${key}:`) && !field.endsWith(':durationMs'),
              )
            }
            onDuration={(key, text) => editItem(key, (i) => ({ ...i, durationText: text }))}
          />
        </section>
        {selected ? (
          <ItemDetail
            key={selected.key}
            item={selected}
            position={selectedIndex + 1}
            sizes={sizes}
            sizeId={sizeId}
            onSize={setSizeId}
            onChange={(next) => editItem(next.key, () => next)}
            errorOf={errorOf}
            webOrigins={webOrigins}
            editable={editable}
            legibility={legibility}
          />
        ) : (
          <p class="card empty pl-detail">{t('detail.none')}</p>
        )}
      </div>

      <ApprovalPanel
        playlist={playlist}
        versions={versions.data}
        dirty={dirty}
        editable={editable}
        onSubmitted={versions.reload}
      />

      <MediaPicker
        kind={adding ?? 'image'}
        open={adding !== null}
        onClose={() => setAdding(null)}
        onPick={(media) => {
          if (adding) add(adding, media.id)
          setAdding(null)
        }}
      />
      <OverwriteDialog
        revision={overwrite?.draftRevision ?? null}
        onClose={() => setOverwrite(null)}
        onKeepMine={() => {
          if (overwrite) {
            setPlaylist(overwrite)
            setBaseRevision(overwrite.draftRevision)
          }
          setOverwrite(null)
          void save(undefined, true)
        }}
        onTakeTheirs={() => {
          if (overwrite) adopt(overwrite)
          setOverwrite(null)
        }}
      />
      <DeleteDialog
        name={playlist.name}
        open={deleting}
        busy={busy !== null}
        onConfirm={remove}
        onClose={() => setDeleting(false)}
      />
    </section>
  )
}

import type { ItemKind } from '@playlists/schemas/items'
import type { Playlist } from '@playlists/schemas/playlist'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { toApiError } from '../../components/form/action'
import { useAction } from '../../components/form/use-action'
import { useLocalDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { DraftNotice } from '../../components/restore-banner'
import { href, navigate } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { ApprovalPanel } from './approval-panel'
import { adoptKeys, check, type Draft, type EditItem, move, newItem, toInput } from './draft'
import { DeleteDialog, MissingSummary, OverwriteDialog } from './editor-dialogs'
import { EditorHead, EditorTitle } from './editor-head'
import { EditorLoading, EditorRefusal } from './editor-refusal'
import { ItemDetail } from './item-detail'
import { ItemsColumn } from './items-column'
import { draftPrint, parseKeptDraft } from './kept-draft'
import { useLeaveWarning } from './leave-warning'
import { MediaPicker } from './media-picker'
import { t } from './messages'
import { StateBadges } from './playlist-list'
import { previewSizes } from './screen-sizes'
import { fieldErrors, fieldMessages } from './server-errors'

/**
 * `#/playlists/<id>`: the draft of one playlist — its items in order (drag, or move buttons),
 * each item's duration and settings, the selected item's live preview — saved whole (PUT), then
 * submitted for approval.
 */
export function PlaylistEditor({ id }: { id: string }) {
  const loaded = useResource(read('/api/playlists/:id', { params: { id } }))
  const versions = useResource(read('/api/playlists/:id/versions', { params: { id } }))
  const screens = useResource(read('/api/screens'))
  const sites = useResource(read('/api/sites'))
  const origins = useResource(read('/api/web-origins'))
  const legibility = useResource(read('/api/playlists/:id/legibility', { params: { id } }))
  const editable = can('content:write')

  const [playlist, setPlaylist] = useState<Playlist | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [savedJson, setSavedJson] = useState('')
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map())
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
  useLeaveWarning(dirty && !local.kept)

  const webOrigins = origins.data?.origins ?? null
  const problems = useMemo(() => (draft ? check(draft, webOrigins) : []), [draft, webOrigins])
  const sizes = useMemo(() => previewSizes(screens.data, sites.data), [screens.data, sites.data])

  // Declared before the loading return below (hooks run in the same order on every render); they
  // run only once the playlist is loaded, when the editor's buttons exist.
  const save = useAction(async (force: boolean) => {
    if (!draft) return
    const sent = toInput(draft)
    const keys = draft.items.map((i) => i.key)
    if (!force) {
      // The API replaces the draft whole: someone else's save in between would be lost unseen.
      const current = await api.get('/api/playlists/:id', { params: { id } })
      if (current.draftRevision !== baseRevision) {
        setOverwrite(current)
        return
      }
    }
    let saved: Playlist
    try {
      saved = await api.put('/api/playlists/:id', { params: { id }, body: sent })
    } catch (err) {
      // The refusal names fields by the items' keys of this page: mark them, then show it.
      setServerErrors(fieldErrors(toApiError(err), keys))
      throw err
    }
    setServerErrors(new Map())
    setAttempted(false)
    // Edits typed while the request was out are kept; the saved playlist still becomes the base.
    setDraft((current) =>
      current && JSON.stringify(toInput(current)) !== JSON.stringify(sent) ? current : adoptKeys(saved, keys),
    )
    setPlaylist(saved)
    setBaseRevision(saved.draftRevision)
    setSavedJson(JSON.stringify(toInput(adoptKeys(saved, keys))))
    versions.reload()
    notify(t('save.done', { revision: saved.draftRevision }))
  })
  const remove = useAction(async () => {
    try {
      await api.delete('/api/playlists/:id', { params: { id } })
    } catch (err) {
      setDeleting(false)
      throw err
    }
    local.clear()
    notify(t('delete.done', { name: playlist?.name ?? id }))
    navigate(href('playlists'))
  })

  if (!draft || !playlist) return <EditorLoading error={loaded.error} />

  const { errorOf, needsFixing } = fieldMessages(serverErrors, attempted ? problems : null)

  const edit = (change: (d: Draft) => Draft) => setDraft((d) => (d ? change(d) : d))
  const editItem = (key: string, change: (item: EditItem) => EditItem) =>
    edit((d) => ({ ...d, items: d.items.map((i) => (i.key === key ? change(i) : i)) }))
  const add = (kind: ItemKind, mediaId?: string) => {
    const item = newItem(kind, mediaId)
    edit((d) => ({ ...d, items: [...d.items, item] }))
    setSelectedKey(item.key)
  }

  const submit = (e?: Event, force = false) => {
    e?.preventDefault()
    setAttempted(true)
    // One refusal shows at a time: the delete's goes when a save is tried, and the other way round.
    remove.setError(null)
    if (problems.length > 0) {
      save.setError(null)
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
    void save.run(force)
  }

  const error = remove.error ?? save.error
  const busy = save.busy ? 'saving' : remove.busy ? 'deleting' : null
  const selectedIndex = draft.items.findIndex((i) => i.key === selectedKey)
  const selected = draft.items[selectedIndex]

  return (
    <section class="pl-page pl-editor">
      <EditorTitle name={playlist.name} dirty={dirty}>
        <StateBadges playlist={playlist} versions={versions.data} />
      </EditorTitle>

      <DraftNotice draft={local} />
      <EditorHead
        name={draft.name}
        onName={(name) => edit((d) => ({ ...d, name }))}
        errorOf={errorOf}
        editable={editable}
        dirty={dirty}
        busy={busy}
        onSave={submit}
        onDiscard={() => {
          local.clear()
          adopt(playlist)
        }}
        onDelete={() => setDeleting(true)}
      />

      <EditorRefusal error={error} problems={attempted ? problems.length : 0} />
      <MissingSummary items={draft.items} onSelect={setSelectedKey} />

      <div class="pl-columns">
        <ItemsColumn
          items={draft.items}
          onAdd={(kind) => (kind === 'image' || kind === 'video' ? setAdding(kind) : add(kind))}
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
              if (left.size === 0 && save.error?.status === 400) save.setError(null)
            }
          }}
          needsFixing={needsFixing}
          onDuration={(key, text) => editItem(key, (i) => ({ ...i, durationText: text }))}
        />
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
          submit(undefined, true)
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
        onConfirm={() => {
          save.setError(null)
          void remove.run()
        }}
        onClose={() => setDeleting(false)}
      />
    </section>
  )
}

import type { Media } from '@playlists/schemas/media'
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { ApiError } from '../../api'
import { toApiError } from '../../components/form/action'
import { Field } from '../../components/form/field'
import { tc } from '../../i18n/common'
import { formatBytes, formatNumber } from '../../i18n/i18n'
import { MediaFacts } from './media-facts'
import { tm } from './messages'
import { refusalText } from './refusals'
import { splitTags, tagProblem } from './tags'
import { CANCELLED, startUpload, type UploadHandle } from './upload'

/** Two at a time: a third would only share the same uplink and make every bar crawl. */
const PARALLEL = 2

type RowState = 'waiting' | 'sending' | 'checking' | 'done' | 'refused' | 'cancelled'

interface UploadRow {
  key: number
  file: File
  /** The tags field as it was when the file was added. */
  tags: string
  state: RowState
  loaded: number
  total: number
  media?: Media
  created?: boolean
  error?: ApiError
}

let nextKey = 1

/**
 * Uploading: files dropped on the zone or chosen with the button (the keyboard's way), each with
 * its own row — a progress bar while it is sent, then the stored medium as the server measured
 * it, or why the server refused it.
 */
export function UploadPanel({ onUploaded }: { onUploaded: () => void }) {
  const [rows, setRows] = useState<UploadRow[]>([])
  const [tagsText, setTagsText] = useState('')
  const [over, setOver] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const handles = useRef(new Map<number, UploadHandle>())
  const dropId = useId()
  const tagsError = tagProblem(splitTags(tagsText))

  const update = (key: number, change: Partial<UploadRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)))

  const add = (files: Iterable<File>) => {
    if (tagsError) return
    const added = [...files].map(
      (file): UploadRow => ({
        key: nextKey++,
        file,
        tags: tagsText,
        state: 'waiting',
        loaded: 0,
        total: file.size,
      }),
    )
    if (added.length) setRows((all) => [...all, ...added])
  }

  // Starts waiting files while fewer than PARALLEL are on their way.
  useEffect(() => {
    const busy = rows.filter((r) => r.state === 'sending' || r.state === 'checking').length
    const next = rows.filter((r) => r.state === 'waiting' && !handles.current.has(r.key))
    for (const row of next.slice(0, Math.max(0, PARALLEL - busy))) {
      const handle = startUpload(row.file, row.tags, {
        onProgress: (loaded, total) => update(row.key, { loaded, total }),
        onSent: () => update(row.key, { state: 'checking' }),
      })
      handles.current.set(row.key, handle)
      update(row.key, { state: 'sending' })
      handle.done.then(
        ({ media, created }) => {
          update(row.key, { state: 'done', media, created })
          onUploaded()
        },
        (error: unknown) => {
          const err = toApiError(error)
          update(row.key, { state: err.kind === CANCELLED ? 'cancelled' : 'refused', error: err })
        },
      )
    }
  }, [rows, onUploaded])

  // Leaving the page stops what is still being sent; a dropped file outside the zone is not opened.
  useEffect(() => {
    const ignore = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault()
    }
    window.addEventListener('dragover', ignore)
    window.addEventListener('drop', ignore)
    const running = handles.current
    return () => {
      window.removeEventListener('dragover', ignore)
      window.removeEventListener('drop', ignore)
      for (const handle of running.values()) handle.cancel()
    }
  }, [])

  const cancel = (row: UploadRow) => {
    const handle = handles.current.get(row.key)
    if (handle) handle.cancel()
    else update(row.key, { state: 'cancelled', error: new ApiError(0, CANCELLED, '') })
  }
  const finished = rows.filter((r) => r.state === 'done' || r.state === 'refused' || r.state === 'cancelled')

  return (
    <div class="media-upload">
      <div class="media-upload-fields">
        <Field label={tm('upload.tags')} hint={tm('upload.tags-hint')} error={tagsError}>
          {(control) => (
            <input
              {...control}
              name="upload-tags"
              value={tagsText}
              placeholder={tm('tags.placeholder')}
              onInput={(e) => setTagsText(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <section
        class={`media-drop${over ? ' over' : ''}`}
        aria-labelledby={dropId}
        onDragEnter={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragOver={(e) => {
          e.preventDefault()
          if (e.dataTransfer) e.dataTransfer.dropEffect = tagsError ? 'none' : 'copy'
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false)
        }}
        onDrop={(e) => {
          e.preventDefault()
          setOver(false)
          if (e.dataTransfer) add(e.dataTransfer.files)
        }}
      >
        <p id={dropId} class="media-drop-title">
          {tm('upload.drop')}
        </p>
        <p class="muted">{tm('upload.accepts')}</p>
        <input
          ref={input}
          type="file"
          name="files"
          multiple
          class="visually-hidden"
          tabIndex={-1}
          aria-label={tm('upload.choose')}
          onChange={(e) => {
            add(e.currentTarget.files ?? [])
            e.currentTarget.value = ''
          }}
        />
        <button type="button" class="primary" disabled={!!tagsError} onClick={() => input.current?.click()}>
          {tm('upload.choose')}
        </button>
      </section>
      {rows.length > 0 && (
        <>
          <ul class="media-uploads" aria-label={tm('upload.list')}>
            {rows.map((row) => (
              <UploadRowView key={row.key} row={row} onCancel={() => cancel(row)} />
            ))}
          </ul>
          {finished.length > 0 && (
            <button
              type="button"
              onClick={() => setRows((all) => all.filter((r) => !finished.some((f) => f.key === r.key)))}
            >
              {tm('upload.clear')}
            </button>
          )}
        </>
      )}
    </div>
  )
}

function UploadRowView({ row, onCancel }: { row: UploadRow; onCancel: () => void }) {
  const percent = row.total > 0 ? row.loaded / row.total : 0
  return (
    <li class={`media-upload-row ${row.state}`} data-state={row.state}>
      <div class="media-upload-head">
        <strong class="media-upload-name">{row.file.name}</strong>
        <span class="muted">{formatBytes(row.file.size)}</span>
        <span class="media-upload-status">{statusText(row)}</span>
        {(row.state === 'waiting' || row.state === 'sending') && (
          <button
            type="button"
            class="link"
            aria-label={tm('upload.cancel-label', { name: row.file.name })}
            onClick={onCancel}
          >
            {tm('upload.cancel')}
          </button>
        )}
      </div>
      {row.state === 'sending' && (
        <progress
          max={row.total || 1}
          value={row.loaded}
          aria-label={tm('upload.progress', { name: row.file.name })}
          aria-valuetext={formatNumber(percent, { style: 'percent' })}
        />
      )}
      {row.state === 'checking' && (
        <progress aria-label={tm('upload.checking-label', { name: row.file.name })} />
      )}
      {row.state === 'done' && row.media && <MediaFacts media={row.media} />}
      {row.state === 'refused' && row.error && (
        <div class="error-message" role="alert">
          <p>{refusalText(row.error, row.file)}</p>
          {row.error.status !== 0 && row.error.message && (
            <p class="error-detail">
              <span class="visually-hidden">{tc('details')}: </span>
              <span lang="en">{row.error.message}</span>
            </p>
          )}
        </div>
      )}
    </li>
  )
}

function statusText(row: UploadRow): string {
  switch (row.state) {
    case 'waiting':
      return tm('upload.waiting')
    case 'sending':
      return formatNumber(row.total > 0 ? row.loaded / row.total : 0, { style: 'percent' })
    case 'checking':
      return tm('upload.checking')
    case 'done':
      return row.created ? tm('upload.done') : tm('upload.already')
    case 'refused':
      return tm('upload.refused')
    case 'cancelled':
      return tm('upload.cancelled')
  }
}

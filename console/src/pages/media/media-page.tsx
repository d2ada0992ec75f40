import type { Media, MediaKind } from '@playlists/schemas/media'
import { useCallback, useEffect, useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { Pager } from '../../components/form/pager'
import { SearchField } from '../../components/form/search-field'
import { useSettledSearch } from '../../components/form/settled-search'
import { tc } from '../../i18n/common'
import { formatNumber } from '../../i18n/i18n'
import { ts } from '../../i18n/shell'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { DeleteDialog } from './delete-dialog'
import { EditDialog } from './edit-dialog'
import { MediaTable } from './media-table'
import { tm } from './messages'
import { UploadPanel } from './upload-panel'
import './media.css'

/** The server answers a page at a time, so a library of thousands loads as fast as one of ten. */
const PAGE_SIZE = 24
/** Searching waits for a pause in typing. */
const TYPING_MS = 300

const asKind = (value: string | null): MediaKind | '' => (value === 'image' || value === 'video' ? value : '')

/**
 * The media library: upload pictures and videos (each checked by the server, which says why it
 * refuses one), find them by name, tag or kind, rename and tag them, delete those no playlist
 * uses. `#/media?q=&tag=&kind=` opens it filtered.
 */
export function MediaPage({ query }: PageProps) {
  const writable = can('content:write')
  const [page, setPage] = useState(1)
  const search = useSettledSearch(query.get('q') ?? '', TYPING_MS, () => setPage(1))
  const q = search.query
  const [tag, setTag] = useState(query.get('tag') ?? '')
  const [kind, setKind] = useState<MediaKind | ''>(asKind(query.get('kind')))
  const [editing, setEditing] = useState<Media | null>(null)
  const [deleting, setDeleting] = useState<Media | null>(null)

  const list = useResource(read('/api/media/library', { query: { q, tag, kind, page, pageSize: PAGE_SIZE } }))
  const tags = useResource(read('/api/media/tags'))
  const reloadList = list.reload
  const reloadTags = tags.reload
  const refresh = useCallback(() => {
    reloadList()
    reloadTags()
  }, [reloadList, reloadTags])

  // After a delete emptied the last page, show the page before it.
  const data = list.data
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && data.page > 1) {
      setPage(Math.ceil(data.total / data.pageSize))
    }
  }, [data])

  const chooseTag = (next: string) => {
    setTag(next)
    setPage(1)
  }
  const filtered = q !== '' || tag !== '' || kind !== ''
  const tagOptions = tags.data ?? []

  return (
    <div class="media-page">
      <h1>{ts('nav.media')}</h1>
      <p class="muted">{tm('intro')}</p>

      {writable && (
        <section class="card media-section" aria-labelledby="media-upload-title">
          <h2 id="media-upload-title">{tm('upload.title')}</h2>
          <UploadPanel onUploaded={refresh} />
        </section>
      )}

      <section class="media-section" aria-labelledby="media-library-title" aria-busy={list.loading}>
        <h2 id="media-library-title">{tm('library.title')}</h2>
        <search class="toolbar media-filters">
          {/* No count of its own: the library's count below says, politely, what every filter left. */}
          <SearchField
            label={tc('search')}
            name="q"
            placeholder={tm('filter.search-placeholder')}
            {...search.field}
            counted={false}
          />
          <Field label={tm('filter.tag')}>
            {(control) => (
              <select {...control} name="tag" value={tag} onChange={(e) => chooseTag(e.currentTarget.value)}>
                <option value="">{tm('filter.all-tags')}</option>
                {tag && !tagOptions.some((t) => t.tag === tag) && <option value={tag}>{tag}</option>}
                {tagOptions.map((t) => (
                  <option key={t.tag} value={t.tag}>
                    {tm('filter.tag-count', { tag: t.tag, count: formatNumber(t.count) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={tm('col.kind')}>
            {(control) => (
              <select
                {...control}
                name="kind"
                value={kind}
                onChange={(e) => {
                  setKind(asKind(e.currentTarget.value))
                  setPage(1)
                }}
              >
                <option value="">{tm('filter.all-kinds')}</option>
                <option value="image">{tm('kind.image')}</option>
                <option value="video">{tm('kind.video')}</option>
              </select>
            )}
          </Field>
          {filtered && (
            <button
              type="button"
              onClick={() => {
                search.clear()
                setTag('')
                setKind('')
                setPage(1)
              }}
            >
              {tm('filter.clear')}
            </button>
          )}
        </search>
        <ErrorMessage error={list.error} />
        {data ? (
          <>
            <p class="muted media-count" aria-live="polite">
              {filtered ? tm('count.found', { count: data.total }) : tm('count.all', { count: data.total })}
            </p>
            {data.items.length === 0 ? (
              <p class="empty">{filtered ? tm('none-found') : tm('library-empty')}</p>
            ) : (
              <MediaTable
                items={data.items}
                writable={writable}
                onTag={chooseTag}
                onEdit={setEditing}
                onDelete={setDeleting}
              />
            )}
            {/* The page of the rows on screen, not the one asked for: until that one arrives the
                label and the rows agree. */}
            <Pager page={data.page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
          </>
        ) : (
          !list.error && <p class="loading">{tc('loading')}</p>
        )}
      </section>

      <EditDialog
        media={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          refresh()
        }}
      />
      <DeleteDialog
        media={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null)
          refresh()
        }}
      />
    </div>
  )
}

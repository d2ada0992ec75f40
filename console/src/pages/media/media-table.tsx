import type { Media } from '@playlists/schemas/media'
import { tc } from '../../i18n/common'
import { formatBytes, formatDateTime, formatDuration } from '../../i18n/i18n'
import { codecs, pixelSize, Thumbnail } from './media-facts'
import { tm } from './messages'

/** One page of the library: what each file is, as the server measured it, and what may be done with it. */
export function MediaTable({
  items,
  writable,
  onTag,
  onEdit,
  onDelete,
}: {
  items: Media[]
  writable: boolean
  /** Show only media with this tag. */
  onTag: (tag: string) => void
  onEdit: (media: Media) => void
  onDelete: (media: Media) => void
}) {
  return (
    <div class="media-table-wrap">
      <table class="media-table">
        <thead>
          <tr>
            <th scope="col">{tm('col.thumbnail')}</th>
            <th scope="col">{tc('name')}</th>
            <th scope="col">{tm('col.kind')}</th>
            <th scope="col">{tm('col.pixels')}</th>
            <th scope="col">{tm('col.duration')}</th>
            <th scope="col">{tm('col.bytes')}</th>
            <th scope="col">{tm('col.tags')}</th>
            <th scope="col">{tm('col.added')}</th>
            {writable && <th scope="col">{tc('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-media-id={m.id}>
              <td class="media-thumb-cell">
                <a href={m.url} target="_blank" rel="noopener" aria-label={tm('open', { name: m.name })}>
                  <Thumbnail media={m} />
                </a>
              </td>
              <td>
                <span class="media-name">{m.name}</span>
                {m.originalName !== m.name && (
                  <span class="muted media-original">{tm('original', { name: m.originalName })}</span>
                )}
              </td>
              <td>
                {tm(m.kind === 'video' ? 'kind.video' : 'kind.image')}
                {m.kind === 'video' && codecs(m) && <span class="muted media-codecs">{codecs(m)}</span>}
              </td>
              <td class="media-pixels">{pixelSize(m)}</td>
              <td>{m.kind === 'video' && m.durationMs ? formatDuration(m.durationMs) : '—'}</td>
              <td>{formatBytes(m.bytes)}</td>
              <td>
                <ul class="media-tags">
                  {m.tags.map((tag) => (
                    <li key={tag}>
                      <button
                        type="button"
                        class="badge media-tag"
                        title={tm('filter.by-tag', { tag })}
                        aria-label={tm('filter.by-tag', { tag })}
                        onClick={() => onTag(tag)}
                      >
                        {tag}
                      </button>
                    </li>
                  ))}
                </ul>
              </td>
              <td>{formatDateTime(m.createdAt)}</td>
              {writable && (
                <td class="media-actions">
                  <button
                    type="button"
                    aria-label={tm('edit.label', { name: m.name })}
                    onClick={() => onEdit(m)}
                  >
                    {tc('edit')}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    aria-label={tm('delete.label', { name: m.name })}
                    onClick={() => onDelete(m)}
                  >
                    {tc('delete')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

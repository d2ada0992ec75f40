import type { Media, MediaKind } from '@playlists/schemas/media'
import { read } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { SearchField } from '../../components/form/search-field'
import { useSettledSearch } from '../../components/form/settled-search'
import { tc } from '../../i18n/common'
import { formatDuration, formatNumber } from '../../i18n/i18n'
import { useResource } from '../../use-resource'
import { t } from './item-messages'
import { rememberMedia } from './media-cache'

/** A library can hold thousands of files: the picker shows this many and asks for a narrower search. */
const SHOWN_MAX = 24
/** Searching waits for a pause in typing. */
const TYPING_MS = 250

/**
 * Choosing a picture or video from the media library: a search by name (diacritics ignored, as the
 * server does it) over the library's files of the kind the item needs.
 */
export function MediaPicker({
  kind,
  open,
  onPick,
  onClose,
}: {
  kind: MediaKind
  open: boolean
  onPick: (media: Media) => void
  onClose: () => void
}) {
  const search = useSettledSearch('', TYPING_MS)
  const query = search.query

  // One page of matches and their number: the answer stays small however large the library.
  const found = useResource(
    open ? read('/api/media/library', { query: { kind, q: query, pageSize: SHOWN_MAX } }) : null,
  )
  const list = found.data?.items ?? []
  const total = found.data?.total ?? 0

  return (
    <Dialog
      title={t(kind === 'image' ? 'picker.title-image' : 'picker.title-video')}
      open={open}
      onClose={onClose}
    >
      <div class="pl-picker">
        <SearchField
          label={tc('search')}
          name="media-search"
          placeholder={t('picker.placeholder')}
          {...search.field}
          matches={search.matches(found)}
        />
        <ErrorMessage error={found.error} />
        {found.loading && !found.data ? (
          <p class="loading">{tc('loading')}</p>
        ) : list.length === 0 ? (
          <p class="empty">{t(query ? 'picker.none-found' : 'picker.library-empty')}</p>
        ) : (
          <>
            <ul class="pl-picker-grid">
              {list.map((media) => (
                <li key={media.id}>
                  <button
                    type="button"
                    class="pl-picker-choice"
                    onClick={() => {
                      rememberMedia(media)
                      onPick(media)
                    }}
                  >
                    {media.thumbnailUrl ? (
                      <img src={media.thumbnailUrl} alt="" loading="lazy" />
                    ) : (
                      <span class="pl-picker-nothumb" aria-hidden="true" />
                    )}
                    <span class="pl-picker-name">{media.name}</span>
                    <span class="muted">
                      {media.width && media.height ? `${media.width}×${media.height}` : ''}
                      {media.durationMs ? ` · ${formatDuration(media.durationMs)}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {total > list.length && (
              <p class="muted">{t('picker.more', { shown: formatNumber(list.length), total })}</p>
            )}
          </>
        )}
        <div class="toolbar">
          <button type="button" onClick={onClose}>
            {tc('cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  )
}

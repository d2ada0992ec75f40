import type { Media } from '@playlists/schemas/media'
import { formatBytes, formatDuration } from '../../i18n/i18n'
import { tm } from './messages'

/** The server's thumbnail (a poster card for a video), or a plain box for media stored before thumbnails. */
export function Thumbnail({ media }: { media: Media }) {
  return media.thumbnailUrl ? (
    <img class="media-thumb" src={media.thumbnailUrl} alt="" loading="lazy" decoding="async" />
  ) : (
    <span class="media-thumb media-thumb-none" aria-hidden="true" />
  )
}

/** 1920×1080, as measured by the server from the file (rotation applied). */
export const pixelSize = (media: Media): string =>
  media.width && media.height ? `${media.width}×${media.height}` : tm('unknown')

/** A video's codecs as stored (`h264 + aac`); nothing for images. */
export const codecs = (media: Media): string =>
  [media.videoCodec, media.audioCodec].filter((c): c is string => !!c).join(' + ')

/** What an upload turned into: the thumbnail and what the server measured. */
export function MediaFacts({ media }: { media: Media }) {
  return (
    <div class="media-facts">
      <Thumbnail media={media} />
      <dl>
        <div>
          <dt>{tm('col.kind')}</dt>
          <dd>{tm(media.kind === 'video' ? 'kind.video' : 'kind.image')}</dd>
        </div>
        <div>
          <dt>{tm('col.pixels')}</dt>
          <dd class="media-pixels">{pixelSize(media)}</dd>
        </div>
        {media.kind === 'video' && (
          <div>
            <dt>{tm('col.duration')}</dt>
            <dd>{media.durationMs ? formatDuration(media.durationMs) : tm('unknown')}</dd>
          </div>
        )}
        {media.kind === 'video' && codecs(media) && (
          <div>
            <dt>{tm('col.codecs')}</dt>
            <dd>{codecs(media)}</dd>
          </div>
        )}
        <div>
          <dt>{tm('col.bytes')}</dt>
          <dd>{formatBytes(media.bytes)}</dd>
        </div>
        {media.tags.length > 0 && (
          <div>
            <dt>{tm('col.tags')}</dt>
            <dd>{media.tags.join(', ')}</dd>
          </div>
        )}
      </dl>
    </div>
  )
}

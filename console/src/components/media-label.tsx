import { defineMessages } from '../i18n/i18n'
import { useMedia } from '../pages/playlists/media-cache'
import './media-label.css'

const t = defineMessages('media-label', {
  vi: {
    loading: 'Đang tải tệp…',
    missing: 'Tệp không còn trong thư viện',
    video: 'Ảnh bìa của đoạn phim {name}',
    image: 'Hình thu nhỏ của {name}',
  },
  zh: {
    loading: '正在加载文件…',
    missing: '媒体库中已无此文件',
    video: '视频 {name} 的封面',
    image: '{name} 的缩略图',
  },
  en: {
    loading: 'Loading the file…',
    missing: 'The file is no longer in the library',
    video: 'Poster of the video {name}',
    image: 'Thumbnail of {name}',
  },
})

/**
 * A medium as a person knows it: its file name and, with `thumb`, the server's thumbnail (a poster
 * for a video), never its id. Approvers and the preview read `m-f543a1011b26fc1e` otherwise.
 */
export function MediaLabel({ id, thumb = false }: { id: string; thumb?: boolean }) {
  const { media, error } = useMedia(id)
  if (error) return <span class="media-label media-label-missing">{t('missing')}</span>
  if (!media) return <span class="media-label muted">{t('loading')}</span>
  const video = media.contentType.startsWith('video/')
  return (
    <span class="media-label" data-media-id={media.id}>
      {thumb &&
        (media.thumbnailUrl ? (
          <img
            class="media-label-thumb"
            src={media.thumbnailUrl}
            alt={t(video ? 'video' : 'image', { name: media.name })}
            loading="lazy"
            decoding="async"
          />
        ) : (
          <span class="media-label-thumb media-label-thumb-none" aria-hidden="true" />
        ))}
      <span class="media-label-name">{media.name}</span>
    </span>
  )
}

import type { DocumentItem } from '@playlists/schemas/items'
import { useRef, useState } from 'preact/hooks'
import { formatNumber } from '../../i18n/i18n'
import { type FrameStatus, ItemFrame, useFitScale } from './item-frame'
import { t } from './item-messages'
import type { PreviewSize } from './screen-sizes'

/**
 * The item as a screen of the chosen size shows it, drawn by the player's own renderers and stage
 * (see ItemFrame), scaled down to fit, with a word on what keeps it from showing.
 */
export function ItemPreview({
  item,
  size,
  label,
  waiting,
}: {
  item: DocumentItem | null
  size: PreviewSize
  /** Names the item for the frame's title: "item 3, slide". */
  label: string
  /** Why there is nothing to show yet (a medium to choose or still loading). */
  waiting?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const [status, setStatus] = useState<FrameStatus>('idle')
  const { width, height } = size
  const scale = useFitScale(box, width, height)

  const foreignPage = item?.kind === 'web' && originOf(item.url) !== location.origin
  const drawn = foreignPage ? null : item

  const message =
    waiting ??
    (foreignPage
      ? t('preview.foreign-page')
      : status === 'failed'
        ? t('preview.failed')
        : status === 'unknown-kind'
          ? t('preview.unknown-kind')
          : null)

  return (
    <figure class="pl-preview">
      <div ref={box} class="pl-preview-fit">
        <div class="pl-preview-screen" style={{ width: `${width * scale}px`, height: `${height * scale}px` }}>
          {scale > 0 && (
            <ItemFrame
              item={drawn}
              width={width}
              height={height}
              timeZone={size.timeZone}
              scale={scale}
              title={t('preview.frame-title', { item: label, width, height })}
              onStatus={setStatus}
            />
          )}
          {message && (
            <p class="pl-preview-message" role="status">
              {message}
              {foreignPage && item?.kind === 'web' && (
                <>
                  {' '}
                  <a href={item.url} target="_blank" rel="noopener noreferrer">
                    {t('preview.open-page')}
                  </a>
                </>
              )}
            </p>
          )}
        </div>
      </div>
      <figcaption class="muted">
        {t('preview.caption', {
          width,
          height,
          percent: formatNumber(scale, { style: 'percent', maximumFractionDigits: 0 }),
        })}
        {status === 'preparing' && !message ? ` · ${t('preview.preparing')}` : ''}
      </figcaption>
    </figure>
  )
}

/** A web page's origin: pages from elsewhere are not drawn in the console (see the message). */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

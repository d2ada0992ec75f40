import type { Ref } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { formatNumber } from '../../i18n/i18n'
import { t } from './messages'

/** The frame never takes more of the window's height than this, so the controls stay in view. */
const HEIGHT_SHARE = 0.7

/**
 * The player's preview mode in a frame laid out at the screen's real resolution (its own page sees
 * a 1536×768 window, as the panel's PC does) and scaled down to fit the official's window, aspect
 * kept: what the screen shows, only smaller.
 */
export function PreviewFrame({
  src,
  width,
  height,
  name,
  frame,
}: {
  src: string
  width: number
  height: number
  name: string
  frame: Ref<HTMLIFrameElement>
}) {
  const box = useRef<HTMLDivElement>(null)
  const [scale, setScale] = useState(0)

  useEffect(() => {
    const element = box.current
    if (!element) return
    const fitToWindow = () => {
      const room = Math.max(160, innerHeight * HEIGHT_SHARE)
      setScale(Math.min(1, element.clientWidth / width, room / height))
    }
    const observer = new ResizeObserver(fitToWindow)
    observer.observe(element)
    addEventListener('resize', fitToWindow)
    fitToWindow()
    return () => {
      observer.disconnect()
      removeEventListener('resize', fitToWindow)
    }
  }, [width, height])

  return (
    <figure class="preview-figure">
      <div ref={box} class="preview-fit">
        <div class="preview-screen" style={{ width: `${width * scale}px`, height: `${height * scale}px` }}>
          {scale > 0 && (
            <iframe
              ref={frame}
              src={src}
              width={width}
              height={height}
              title={t('frame.title', { name })}
              style={{ transform: `scale(${scale})` }}
            />
          )}
        </div>
      </div>
      <figcaption class="muted">
        {t('frame.scale', { width, height, percent: formatNumber(scale, { style: 'percent' }) })} ·{' '}
        <a href={src} target="_blank" rel="noopener">
          {t('frame.open')}
        </a>
      </figcaption>
    </figure>
  )
}

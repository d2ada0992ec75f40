import { renderItem } from '@player/renderers/registry'
import type { Rendered } from '@player/renderers/renderer'
import { Stage } from '@player/stage'
import type { DocumentItem } from '@playlists/schemas/items'
import type { RefObject } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'

/** Typing re-renders the item; waiting this long after the last key keeps text fitting off the keystrokes. */
const SETTLE_MS = 150
/** A preview never takes more of the window's height than this, so the fields below stay in reach. */
const HEIGHT_SHARE = 0.45

/**
 * What the panel prepares in its frame: the player's stylesheet and fonts, and its stage. The
 * frame is an empty same-origin document (no `src`), so the console's own scripts draw into it and
 * the frame is laid out at the screen's real size: the player's CSS, which sizes text in `vmin`,
 * then measures the panel, not the console's window.
 */
const frames = new WeakMap<Document, Promise<HTMLElement>>()

function stageIn(frame: HTMLIFrameElement): Promise<HTMLElement> | null {
  const doc = frame.contentDocument
  if (!doc?.body) return null
  let ready = frames.get(doc)
  if (!ready) {
    doc.documentElement.lang = 'vi'
    const sheets = ['/player/fonts.css', '/player/player.css'].map((href) => {
      const link = doc.createElement('link')
      link.rel = 'stylesheet'
      link.href = href
      doc.head.append(link)
      return new Promise<void>((resolve) => {
        link.addEventListener('load', () => resolve(), { once: true })
        // Without the stylesheet the preview is unstyled, not absent: go on.
        link.addEventListener('error', () => resolve(), { once: true })
      })
    })
    const stage = doc.createElement('main')
    stage.id = 'stage'
    doc.body.append(stage)
    ready = Promise.all(sheets).then(() => stage)
    frames.set(doc, ready)
  }
  return ready
}

export type FrameStatus = 'idle' | 'preparing' | 'showing' | 'failed' | 'unknown-kind'

/**
 * The scale that fits a `width`×`height` panel into the element's width and a share of the
 * window's height (never enlarged); 0 until measured.
 */
export function useFitScale(box: RefObject<HTMLElement | null>, width: number, height: number): number {
  const [scale, setScale] = useState(0)
  useEffect(() => {
    const element = box.current
    if (!element) return
    const fitToRoom = () => {
      const room = Math.max(160, innerHeight * HEIGHT_SHARE)
      setScale(Math.min(1, element.clientWidth / width, room / height))
    }
    const observer = new ResizeObserver(fitToRoom)
    observer.observe(element)
    fitToRoom()
    return () => observer.disconnect()
  }, [width, height])
  return scale
}

/**
 * A frame laid out at `width`×`height` CSS pixels and drawn scaled by `scale`, in which the
 * player's own renderers and stage (the code screens run) show the item. It restarts when it
 * reaches the end of its duration, as the playlist's loop would, so a rotating slide keeps going
 * through its languages. Null draws nothing (an empty black panel).
 */
export function ItemFrame({
  item,
  width,
  height,
  timeZone,
  scale,
  title,
  onStatus,
}: {
  item: DocumentItem | null
  width: number
  height: number
  timeZone: string
  scale: number
  title: string
  onStatus?: (status: FrameStatus) => void
}) {
  const frame = useRef<HTMLIFrameElement>(null)
  const [fontsLoaded, setFontsLoaded] = useState(0)
  const shown = useRef<Rendered | null>(null)
  const report = useRef(onStatus)
  report.current = onStatus
  const setStatus = (status: FrameStatus) => report.current?.(status)

  // Text is fitted to its box once the fonts it uses are in: when more arrive, fit again.
  useEffect(() => {
    const fonts = frame.current?.contentDocument?.fonts
    if (!fonts) return
    const again = () => setFontsLoaded((n) => n + 1)
    fonts.addEventListener('loadingdone', again)
    return () => fonts.removeEventListener('loadingdone', again)
  }, [])

  const signature = item ? JSON.stringify(item) : ''

  useEffect(() => {
    const element = frame.current
    if (!element || !item) {
      clear(shown)
      setStatus('idle')
      return
    }
    let cancelled = false
    let pending: { rendered: Rendered; layer: HTMLElement; stage: Stage } | null = null
    let loop: ReturnType<typeof setTimeout> | undefined
    const run = async () => {
      const root = await stageIn(element)
      if (!root || cancelled) return
      const stage = new Stage(root)
      const startMs = Date.now()
      const rendered = renderItem(item, {
        startMs,
        endMs: startMs + item.durationMs,
        // The console's clock is the edge here; the player's would be server time, to the same effect.
        now: () => Date.now(),
        width,
        height,
        timeZone,
        audio: false,
      })
      if (!rendered) {
        setStatus('unknown-kind')
        return
      }
      const layer = stage.mount(rendered)
      pending = { rendered, layer, stage }
      if (!shown.current) setStatus('preparing')
      try {
        await rendered.prepare()
      } catch {
        // The player would skip this item and keep what it showed: say so.
        if (!cancelled) setStatus('failed')
        rendered.dispose()
        stage.discard(layer)
        pending = null
        return
      }
      if (cancelled) return
      pending = null
      const previous = shown.current
      await stage.show(layer)
      rendered.start()
      previous?.dispose()
      shown.current = rendered
      setStatus('showing')
      loop = setTimeout(run, Math.max(SETTLE_MS, startMs + item.durationMs - Date.now()))
    }
    const settle = setTimeout(run, SETTLE_MS)
    return () => {
      cancelled = true
      clearTimeout(settle)
      clearTimeout(loop)
      if (pending) {
        pending.rendered.dispose()
        pending.stage.discard(pending.layer)
      }
    }
  }, [signature, width, height, timeZone, fontsLoaded])

  useEffect(() => () => clear(shown), [])

  return (
    <iframe
      ref={frame}
      class="pl-preview-frame"
      width={width}
      height={height}
      title={title}
      style={{ transform: `scale(${scale})` }}
      tabIndex={-1}
    />
  )
}

function clear(shown: { current: Rendered | null }) {
  const rendered = shown.current
  if (!rendered) return
  shown.current = null
  rendered.dispose()
  rendered.element.closest('.layer')?.remove()
}

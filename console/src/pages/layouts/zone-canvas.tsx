import { ZONE_FRACTION_MIN } from '@playlists/limits'
import type { Zone } from '@playlists/schemas/layout'
import { useRef } from 'preact/hooks'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import type { Shape } from './shapes'

/** Drags land on thousandths of the screen: finer than a pixel on the widest panel would be noise. */
const SNAP = 1000
const snap = (v: number) => Math.round(v * SNAP) / SNAP
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
/** Arrow keys move a hundredth of the screen; with Shift they resize instead. */
const KEY_STEP = 0.01

type Geometry = Pick<Zone, 'x' | 'y' | 'width' | 'height'>

/** A zone moved by (dx, dy) fractions, kept whole on the screen. */
export function moved(z: Geometry, dx: number, dy: number): Geometry {
  return {
    ...z,
    x: snap(clamp(z.x + dx, 0, 1 - z.width)),
    y: snap(clamp(z.y + dy, 0, 1 - z.height)),
  }
}

/** A zone whose bottom-right corner moved by (dx, dy), never smaller than the smallest side. */
export function resized(z: Geometry, dx: number, dy: number): Geometry {
  return {
    ...z,
    width: snap(clamp(z.width + dx, ZONE_FRACTION_MIN, 1 - z.x)),
    height: snap(clamp(z.height + dy, ZONE_FRACTION_MIN, 1 - z.y)),
  }
}

interface Props {
  shape: Shape
  zones: readonly Zone[]
  selected: number
  playlistName: (id: string | null, zoneId: string) => string
  onSelect: (index: number) => void
  onChange: (index: number, geometry: Geometry) => void
}

interface Drag {
  index: number
  mode: 'move' | 'resize'
  startX: number
  startY: number
  start: Geometry
  frame: DOMRect
}

/**
 * The layout drawn over a frame with the screen's real aspect ratio (LED panels are 2:1, walls
 * 16:9, kiosks 9:16): zones are rectangles to drag, with a corner handle to resize. Arrow keys
 * move the chosen zone and Shift+arrows resize it; the numeric table beside it does the same.
 */
export function ZoneCanvas({ shape, zones, selected, playlistName, onSelect, onChange }: Props) {
  const frame = useRef<HTMLElement>(null)
  const drag = useRef<Drag | null>(null)

  const begin = (index: number, mode: Drag['mode']) => (e: PointerEvent) => {
    if (e.button !== 0 || !frame.current) return
    e.preventDefault()
    e.stopPropagation()
    onSelect(index)
    ;(e.currentTarget as HTMLElement).setPointerCapture(e.pointerId)
    const z = zones[index]!
    drag.current = {
      index,
      mode,
      startX: e.clientX,
      startY: e.clientY,
      start: { x: z.x, y: z.y, width: z.width, height: z.height },
      frame: frame.current.getBoundingClientRect(),
    }
  }
  const move = (e: PointerEvent) => {
    const d = drag.current
    if (!d) return
    const dx = (e.clientX - d.startX) / d.frame.width
    const dy = (e.clientY - d.startY) / d.frame.height
    onChange(d.index, d.mode === 'move' ? moved(d.start, dx, dy) : resized(d.start, dx, dy))
  }
  const end = () => {
    drag.current = null
  }
  const key = (index: number) => (e: KeyboardEvent) => {
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key]
    if (!step) return
    e.preventDefault()
    const z = zones[index]!
    const [dx, dy] = [step[0]! * KEY_STEP, step[1]! * KEY_STEP]
    onChange(index, e.shiftKey ? resized(z, dx, dy) : moved(z, dx, dy))
  }

  return (
    <div
      class="layout-stage"
      // As wide as the column allows, but never taller than most of the window (portrait kiosks).
      style={{ width: `min(100%, calc(62vh * ${shape.width / shape.height}))` }}
    >
      <section
        ref={frame}
        class="layout-frame"
        data-width={shape.width}
        data-height={shape.height}
        style={{ aspectRatio: `${shape.width} / ${shape.height}` }}
        aria-label={t('canvas.label', { width: shape.width, height: shape.height })}
      >
        {zones.map((z, index) => (
          <button
            type="button"
            key={index}
            class={`layout-zone${index === selected ? ' selected' : ''}`}
            data-zone={z.id}
            style={{
              left: `${z.x * 100}%`,
              top: `${z.y * 100}%`,
              width: `${z.width * 100}%`,
              height: `${z.height * 100}%`,
              zIndex: index === selected ? zones.length + 1 : index + 1,
            }}
            aria-pressed={index === selected}
            aria-label={t('canvas.zone', { name: shownName(z.name) || z.id })}
            aria-describedby="layout-canvas-help"
            onPointerDown={begin(index, 'move')}
            onPointerMove={move}
            onPointerUp={end}
            onPointerCancel={end}
            onKeyDown={key(index)}
            onFocus={() => onSelect(index)}
          >
            <span class="layout-zone-name">{shownName(z.name) || z.id}</span>
            <span class="layout-zone-playlist">{playlistName(z.playlistId, z.id)}</span>
            <span
              class="layout-handle"
              aria-hidden="true"
              title={t('canvas.resize')}
              onPointerDown={begin(index, 'resize')}
              onPointerMove={move}
              onPointerUp={end}
              onPointerCancel={end}
            />
          </button>
        ))}
      </section>
      <p id="layout-canvas-help" class="muted">
        {t('canvas.help')}
      </p>
    </div>
  )
}

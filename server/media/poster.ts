/**
 * The console's thumbnail for a video. The server cannot decode video frames without ffmpeg
 * (it must run where only `npm ci` ran, and no npm package decodes H.264 or VP9 without native
 * code of its own), so a video gets a poster card instead: a dark card in the video's shape
 * with a play symbol, its length and its resolution. The digits are drawn as seven-segment
 * strokes rather than text, so the card looks the same on a server with no fonts installed.
 */

/** Seven segments, clockwise from the top, then the middle one. */
const SEGMENTS: Readonly<Record<string, string>> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
}

/** Segment ends on a 1 × 2 cell. */
const SEGMENT_LINES: Readonly<Record<string, readonly [number, number, number, number]>> = {
  a: [0, 0, 1, 0],
  b: [1, 0, 1, 1],
  c: [1, 1, 1, 2],
  d: [0, 2, 1, 2],
  e: [0, 1, 0, 2],
  f: [0, 0, 0, 1],
  g: [0, 1, 1, 1],
}

/** Stroked path data for `text` (digits, ":" and "×") with glyphs `size` tall, from (x, y). */
export function sevenSegmentPath(text: string, x: number, y: number, size: number): string {
  const unit = size / 2
  const parts: string[] = []
  let pen = x
  for (const ch of text) {
    if (ch === ':') {
      parts.push(`M${pen} ${y + unit * 0.6}h0M${pen} ${y + unit * 1.4}h0`)
      pen += unit * 0.6
    } else if (ch === '×') {
      const s = unit * 0.7
      const top = y + unit - s / 2
      parts.push(`M${pen} ${top}l${s} ${s}M${pen + s} ${top}l${-s} ${s}`)
      pen += s + unit * 0.5
    } else if (SEGMENTS[ch]) {
      for (const seg of SEGMENTS[ch]) {
        const [x1, y1, x2, y2] = SEGMENT_LINES[seg]!
        parts.push(`M${pen + x1 * unit} ${y + y1 * unit}L${pen + x2 * unit} ${y + y2 * unit}`)
      }
      pen += unit * 1.6
    } else {
      pen += unit
    }
  }
  return parts.join('')
}

/** The width of `text` as `sevenSegmentPath` draws it, to centre it. */
export function sevenSegmentWidth(text: string, size: number): number {
  const unit = size / 2
  let width = 0
  for (const ch of text) width += ch === ':' ? unit * 0.6 : ch === '×' ? unit * 1.2 : unit * 1.6
  return Math.max(0, width - unit * 0.6)
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** An SVG poster card `width × height` for a video of the given size and length. */
export function posterSvg(
  card: { width: number; height: number },
  video: { width: number; height: number; durationMs: number },
): string {
  const { width: w, height: h } = card
  const r = Math.min(w, h) * 0.16
  const cx = w / 2
  const cy = h * 0.42
  const glyph = Math.max(10, Math.round(Math.min(w, h) * 0.1))
  const duration = formatDuration(video.durationMs)
  const size = `${video.width}×${video.height}`
  const line = (text: string, yy: number) =>
    `<path d="${sevenSegmentPath(text, (w - sevenSegmentWidth(text, glyph)) / 2, yy, glyph)}"/>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<rect width="${w}" height="${h}" fill="#15191f"/>
<rect x="3" y="3" width="${w - 6}" height="${h - 6}" rx="6" fill="none" stroke="#2f3a47" stroke-width="2"/>
<circle cx="${cx}" cy="${cy}" r="${r}" fill="#2563eb"/>
<path d="M${cx - r * 0.32} ${cy - r * 0.45}L${cx + r * 0.5} ${cy}L${cx - r * 0.32} ${cy + r * 0.45}Z" fill="#fff"/>
<g fill="none" stroke="#e5e7eb" stroke-width="${Math.max(1.5, glyph / 8)}" stroke-linecap="round" stroke-linejoin="round">
${line(duration, h * 0.68)}
</g>
<g fill="none" stroke="#9ca3af" stroke-width="${Math.max(1.2, glyph / 10)}" stroke-linecap="round" stroke-linejoin="round">
${line(size, h * 0.68 + glyph * 1.6)}
</g>
</svg>`
}

import type { ScreenshotVerdict } from '@playlists/schemas/screenshots'
import type { FrameMeasures } from './measure'

/**
 * The verdict on a screenshot, as a pure function of measured numbers: no image, no clock, no
 * database. The service measures (measure.ts), reads the power plan and the timeline, and
 * renders the expected picture; this decides. Checks in order:
 *  1. off-hours: the player covers the screen in black, so a dark frame is as expected and a lit
 *     one is wrong (a screen left on at 3 a.m.);
 *  2. frozen: the very same picture as earlier captures while the timeline says the content
 *     moved (before the expected picture: a stuck frame of a slow video still looks close);
 *  3. an expected picture close to the frame settles it as expected, whatever it looks like
 *     (a slide may be white with a small centred title);
 *  4. black: nearly uniform dark, scaled by the planned brightness (the player dims its own
 *     output, so a frame at 20 % is darker but keeps its contrast);
 *  5. error page: a white page, or a plain light page with a little content near the centre,
 *     the look of Chromium's "Aw, Snap!" and "This site can't be reached";
 *  6. wrong content: far from the expected picture; unverified when there is none.
 */

export interface Evidence {
  frame: FrameMeasures
  /** The power plan at the capture instant. */
  power: { on: boolean; brightness: number }
  /**
   * The earliest of the screen's recent captures that shows the same frame as this one (each
   * between it and this one too), and whether the expected content moved since then; null when
   * the previous capture already differs, or there is none.
   */
  sameSince: { capturedAtMs: number; contentMoved: boolean } | null
  /**
   * The expected picture's measures, or why there is none. `offsetMs`: the picture matched is
   * the one this long after the capture instant (negative: before), beside a change of item.
   */
  expected: { measures: FrameMeasures; offsetMs?: number } | { missing: string }
}

export interface Classification {
  verdict: ScreenshotVerdict
  /** Why, in English, with the numbers that decided. */
  detail: string
  /** The comparison with the expected picture, when there was one. */
  distance?: FrameDistance
}

/**
 * The brightest 1 % of a black frame at full brightness stays under this (of 255): the panel's
 * black plus JPEG noise. Any picture a person could read has highlights well above it.
 */
export const DARK_P99_MAX = 24
/** A white page: even its darkest 1 % is this light. */
export const WHITE_P1_MIN = 225
/** An error page's background: light and plain around the edge. */
export const ERROR_RING_MEAN_MIN = 200
export const ERROR_RING_STD_MAX = 8
/** …with a little content (an icon and two lines of text), not a picture. */
export const ERROR_INK_SHARE_MAX = 0.12
/** …whose centre lies in the middle of the page (Chromium centres its error card). */
export const ERROR_INK_CENTRE_SPREAD = 0.25

/**
 * Far from the expected picture: any one of these is another picture. Calibrated on real captures
 * (tests/e2e/screenshots.spec.ts, several runs): the player's own frame of the seed video against
 * the server's render of the same instant measured at most dHash 4, colours 0.012, layout 2.1; a
 * slide of another screen against that render dHash 19, colours 0.81, layout 45.8. Each bound sits
 * well clear of the first, so video motion, the agent's scaling and JPEG noise stay as expected.
 */
export const WRONG_DHASH_MIN = 16
export const WRONG_HISTOGRAM_MIN = 0.3
export const WRONG_LAYOUT_MIN = 20

export interface FrameDistance {
  /** Hamming distance of the dHashes, 0–64. */
  dHash: number
  /** Half the L1 distance of the colour histograms, 0–1. */
  histogram: number
  /** Mean absolute difference of the 16×9 grey layouts, 0–255. */
  layout: number
}

export function distance(a: FrameMeasures, b: FrameMeasures): FrameDistance {
  return {
    dHash: hamming(a.dHash, b.dHash),
    histogram: round(a.histogram.reduce((sum, v, i) => sum + Math.abs(v - (b.histogram[i] ?? 0)), 0) / 2),
    layout: round(layoutDifference(a.layout, b.layout)),
  }
}

/** Mean absolute difference of two stored layouts (base64 grey bytes), 0–255. */
export function layoutDifference(a: string, b: string): number {
  const x = Buffer.from(a, 'base64')
  const y = Buffer.from(b, 'base64')
  if (x.length !== y.length || x.length === 0) return 255
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] ?? 0) - (y[i] ?? 0))
  return sum / x.length
}

/** The very same picture: a frozen screen captured twice, not two frames of a slow video. */
export const sameFrame = (a: FrameMeasures, b: FrameMeasures): boolean => a.gridHash === b.gridHash

export function isDark(frame: FrameMeasures, brightness: number): boolean {
  return frame.lumaP99 <= Math.max(1, (DARK_P99_MAX * brightness) / 100)
}

export function looksLikeErrorPage(frame: FrameMeasures): 'white' | 'error' | null {
  if (frame.lumaP1 >= WHITE_P1_MIN) return 'white'
  const plainLightEdge = frame.ringMean >= ERROR_RING_MEAN_MIN && frame.ringStd <= ERROR_RING_STD_MAX
  const smallCentredInk =
    frame.inkShare > 0 &&
    frame.inkShare <= ERROR_INK_SHARE_MAX &&
    Math.abs(frame.inkX - 0.5) <= ERROR_INK_CENTRE_SPREAD &&
    Math.abs(frame.inkY - 0.5) <= ERROR_INK_CENTRE_SPREAD
  return plainLightEdge && smallCentredInk ? 'error' : null
}

export const isWrong = (d: FrameDistance): boolean =>
  d.layout >= WRONG_LAYOUT_MIN || d.dHash >= WRONG_DHASH_MIN || d.histogram >= WRONG_HISTOGRAM_MIN

export function classify(evidence: Evidence): Classification {
  const { frame, power, sameSince, expected } = evidence
  const lumaText = `brightest 1 % at ${frame.lumaP99} of 255`
  if (!power.on) {
    return isDark(frame, 100)
      ? { verdict: 'as-expected', detail: `Off-hours, and dark as planned (${lumaText}).` }
      : {
          verdict: 'wrong-content',
          detail: `The screen should be dark outside its operating hours, but shows a picture (${lumaText}).`,
        }
  }
  if (sameSince?.contentMoved) {
    return {
      verdict: 'frozen',
      detail: `The same picture as the capture at ${new Date(sameSince.capturedAtMs).toISOString()}, though the content should have moved since.`,
    }
  }
  const measured = 'measures' in expected ? distance(frame, expected.measures) : undefined
  const numbers = measured
    ? `dHash ${measured.dHash}/64, colours ${measured.histogram}, layout ${measured.layout}`
    : ''
  if (measured && !isWrong(measured)) {
    const offset = 'offsetMs' in expected ? (expected.offsetMs ?? 0) : 0
    const when =
      offset === 0
        ? ''
        : ` ${Math.abs(offset) / 1000} s ${offset < 0 ? 'before' : 'after'} the capture, beside a change of item`
    return {
      verdict: 'as-expected',
      detail: `Close to the expected picture${when} (${numbers}).`,
      distance: measured,
    }
  }
  const extra = measured ? { distance: measured } : {}
  if (power.brightness > 0 && isDark(frame, power.brightness)) {
    return {
      verdict: 'black',
      detail: `Nearly uniformly dark (${lumaText}) at a planned brightness of ${power.brightness} %.`,
      ...extra,
    }
  }
  const error = looksLikeErrorPage(frame)
  if (error) {
    return {
      verdict: 'error-page',
      detail:
        error === 'white'
          ? `A white page (darkest 1 % at ${frame.lumaP1} of 255).`
          : `The look of a browser error page: a plain light page (edge ${frame.ringMean}±${frame.ringStd}) with a little content (${Math.round(frame.inkShare * 100)} %) near the centre.`,
      ...extra,
    }
  }
  if (measured) {
    return {
      verdict: 'wrong-content',
      detail: `Far from the expected picture (${numbers}).`,
      distance: measured,
    }
  }
  const why = 'missing' in expected ? expected.missing : ''
  return {
    verdict: 'unverified',
    detail: `Not black, not an error page, not frozen; not compared with the expected picture: ${why}`,
  }
}

function hamming(a: string, b: string): number {
  if (a.length !== b.length) return 64
  let bits = 0
  for (let i = 0; i < a.length; i += 2) {
    let x = Number.parseInt(a.slice(i, i + 2), 16) ^ Number.parseInt(b.slice(i, i + 2), 16)
    while (x) {
      bits += x & 1
      x >>= 1
    }
  }
  return bits
}

const round = (n: number) => Math.round(n * 1000) / 1000

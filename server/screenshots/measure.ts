import { createHash } from 'node:crypto'
import { SCREENSHOT_SIDE_MAX } from '@playlists/schemas/screenshots'
import sharp from 'sharp'
import { refuse } from '../errors'

/**
 * The numbers a frame is judged by, measured once on arrival and stored with it (so a later
 * capture compares with this one without reading its file). Everything is measured on small
 * downscaled copies: what matters is the layout of light and colour a person would see from
 * across a gate's hall, not pixels, so video motion, compression and the agent's scaling wash out.
 */
export interface FrameMeasures {
  width: number
  height: number
  /** Luma (0–255) of the 64×36 copy: mean, spread, and the 1st and 99th percentiles. */
  lumaMean: number
  lumaStd: number
  lumaP1: number
  lumaP99: number
  /** The outer ring (the 64×36 copy's edge, 4 pixels deep): its mean and spread. */
  ringMean: number
  ringStd: number
  /** Share (0–1) of inner pixels unlike the ring (the "content" on a plain background). */
  inkShare: number
  /** Where that content's centre of mass lies, as shares of the width and height (0.5: centred). */
  inkX: number
  inkY: number
  /** 64-bit difference hash of a 9×8 grey copy, as 16 hex digits. */
  dHash: string
  /**
   * The 64×36 colour copy's digest (16 hex digits): equal only for the same picture. A playing
   * video changes some of its 6,912 values between any two captures; a frozen one changes none.
   */
  gridHash: string
  /** 16×9 grey layout, base64 of 144 bytes: the expected-picture comparison. */
  layout: string
  /** Colour histogram, 4 bins per channel (64), shares summing to 1, rounded to 4 decimals. */
  histogram: number[]
}

const GRID_W = 64
const GRID_H = 36
const RING_PX = 4
/** A pixel this far from the ring's mean luma is content, not background. */
const INK_LUMA_DELTA = 40

/** Decoding refused past this many pixels: a screenshot of an 8K panel at most. */
const PIXELS_MAX = SCREENSHOT_SIDE_MAX * SCREENSHOT_SIDE_MAX
const DECODE = { failOn: 'error', limitInputPixels: PIXELS_MAX } as const

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b

/** Measures a PNG or JPEG; refuses one sharp cannot read, or one larger than a screen. */
export async function measureFrame(image: Buffer): Promise<FrameMeasures> {
  let width: number
  let height: number
  try {
    const meta = await sharp(image, { ...DECODE, limitInputPixels: false }).metadata()
    width = meta.width ?? 0
    height = meta.height ?? 0
  } catch {
    throw unreadable()
  }
  if (width < 1 || height < 1) throw unreadable()
  if (width > SCREENSHOT_SIDE_MAX || height > SCREENSHOT_SIDE_MAX) {
    throw refuse(
      'screenshot.too-many-pixels',
      `The picture is ${width}×${height}; a screenshot is at most ${SCREENSHOT_SIDE_MAX} pixels on a side.`,
      { params: { width, height, max: SCREENSHOT_SIDE_MAX } },
    )
  }
  try {
    const [grid, hash, layout] = await Promise.all([
      rawRgb(image, GRID_W, GRID_H),
      rawGrey(image, 9, 8),
      rawGrey(image, 16, 9),
    ])
    return {
      width,
      height,
      ...lightOf(grid),
      gridHash: createHash('sha256').update(grid).digest('hex').slice(0, 16),
      dHash: dHashOf(hash),
      layout: layout.toString('base64'),
      histogram: histogramOf(grid),
    }
  } catch {
    throw unreadable()
  }
}

const unreadable = () =>
  refuse('screenshot.unreadable', 'The picture could not be decoded: send the PNG or JPEG as captured.')

const rawRgb = (image: Buffer, w: number, h: number) =>
  sharp(image, DECODE).removeAlpha().resize(w, h, { fit: 'fill' }).raw().toBuffer()

const rawGrey = (image: Buffer, w: number, h: number) =>
  sharp(image, DECODE).removeAlpha().greyscale().resize(w, h, { fit: 'fill' }).raw().toBuffer()

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length
  return { mean, std: Math.sqrt(variance) }
}

function lightOf(
  rgb: Buffer,
): Omit<FrameMeasures, 'width' | 'height' | 'gridHash' | 'dHash' | 'layout' | 'histogram'> {
  const all: number[] = []
  const ring: number[] = []
  const inner: { x: number; y: number; l: number }[] = []
  for (let y = 0; y < GRID_H; y++) {
    for (let x = 0; x < GRID_W; x++) {
      const i = (y * GRID_W + x) * 3
      const l = luma(rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0)
      all.push(l)
      const edge = x < RING_PX || y < RING_PX || x >= GRID_W - RING_PX || y >= GRID_H - RING_PX
      if (edge) ring.push(l)
      else inner.push({ x, y, l })
    }
  }
  const sorted = [...all].sort((a, b) => a - b)
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0
  const { mean, std } = meanStd(all)
  const ringStats = meanStd(ring)
  const ink = inner.filter((p) => Math.abs(p.l - ringStats.mean) > INK_LUMA_DELTA)
  const centre = (key: 'x' | 'y', size: number) =>
    ink.length === 0 ? 0.5 : (ink.reduce((a, p) => a + p[key], 0) / ink.length + 0.5) / size
  return {
    lumaMean: round(mean),
    lumaStd: round(std),
    lumaP1: round(at(0.01)),
    lumaP99: round(at(0.99)),
    ringMean: round(ringStats.mean),
    ringStd: round(ringStats.std),
    inkShare: round(ink.length / inner.length, 4),
    inkX: round(centre('x', GRID_W), 3),
    inkY: round(centre('y', GRID_H), 3),
  }
}

/** Each bit: is a pixel brighter than its right-hand neighbour (rows of 9 grey pixels, 8 rows). */
function dHashOf(grey: Buffer): string {
  let hex = ''
  for (let y = 0; y < 8; y++) {
    let byte = 0
    for (let x = 0; x < 8; x++) {
      const left = grey[y * 9 + x] ?? 0
      const right = grey[y * 9 + x + 1] ?? 0
      byte = (byte << 1) | (left > right ? 1 : 0)
    }
    hex += byte.toString(16).padStart(2, '0')
  }
  return hex
}

function histogramOf(rgb: Buffer): number[] {
  const bins = new Array<number>(64).fill(0)
  const pixels = rgb.length / 3
  for (let i = 0; i < rgb.length; i += 3) {
    const bin = ((rgb[i] ?? 0) >> 6) * 16 + ((rgb[i + 1] ?? 0) >> 6) * 4 + ((rgb[i + 2] ?? 0) >> 6)
    bins[bin] = (bins[bin] ?? 0) + 1
  }
  return bins.map((n) => round(n / pixels, 4))
}

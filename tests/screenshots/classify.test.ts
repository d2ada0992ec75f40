import {
  classify,
  DARK_P99_MAX,
  distance,
  type Evidence,
  isWrong,
  layoutDifference,
  looksLikeErrorPage,
  sameFrame,
} from '@server/screenshots/classify'
import type { FrameMeasures } from '@server/screenshots/measure'
import { describe, expect, it } from 'vitest'

/** A 16×9 layout of one grey level, or of a gradient, as measure.ts stores it. */
const layoutOf = (level: (i: number) => number) =>
  Buffer.from(
    Array.from({ length: 144 }, (_, i) => Math.max(0, Math.min(255, Math.round(level(i))))),
  ).toString('base64')

/** A busy picture: mid-grey on average, with contrast, colours spread. */
const PICTURE: FrameMeasures = {
  width: 1920,
  height: 960,
  lumaMean: 110,
  lumaStd: 60,
  lumaP1: 8,
  lumaP99: 240,
  ringMean: 90,
  ringStd: 40,
  inkShare: 0.55,
  inkX: 0.5,
  inkY: 0.5,
  gridHash: '0123456789abcdef',
  dHash: '3c3c7e7e18180000',
  layout: layoutOf((i) => (i * 7) % 256),
  histogram: Array.from({ length: 64 }, (_, i) => (i % 4 === 0 ? 1 / 16 : 0)),
}

const frame = (changes: Partial<FrameMeasures>): FrameMeasures => ({ ...PICTURE, ...changes })
const BLACK = frame({
  lumaMean: 2,
  lumaStd: 0.5,
  lumaP1: 1,
  lumaP99: 3,
  ringMean: 2,
  ringStd: 0.3,
  inkShare: 0,
  dHash: '0000000000000000',
  layout: layoutOf(() => 2),
  histogram: [1, ...Array<number>(63).fill(0)],
})
const WHITE = frame({
  lumaMean: 254,
  lumaStd: 0.4,
  lumaP1: 253,
  lumaP99: 255,
  ringMean: 255,
  ringStd: 0,
  inkShare: 0,
  layout: layoutOf(() => 255),
})
/** Chromium's "This site can't be reached": white, an icon and two lines of grey text in the middle. */
const ERROR_PAGE = frame({
  lumaMean: 246,
  lumaStd: 20,
  lumaP1: 95,
  lumaP99: 255,
  ringMean: 255,
  ringStd: 0,
  inkShare: 0.04,
  inkX: 0.42,
  inkY: 0.38,
})

const evidence = (changes: Partial<Evidence>): Evidence => ({
  frame: PICTURE,
  power: { on: true, brightness: 100 },
  sameSince: null,
  expected: { missing: 'no Chromium is configured to render it (SCREENSHOT_CHROMIUM).' },
  ...changes,
})

describe('the screenshot classifier', () => {
  it('calls a picture like the expected one as expected, and says how close', () => {
    const moved = frame({ dHash: '3c3c7e7e18180101', layout: layoutOf((i) => ((i * 7) % 256) + 6) })
    const result = classify(evidence({ frame: moved, expected: { measures: PICTURE } }))
    expect(result.verdict).toBe('as-expected')
    expect(result.distance).toMatchObject({ dHash: 2, histogram: 0 })
    // 6 levels brighter, less where the brightest cells clip at 255.
    expect(result.distance?.layout).toBeGreaterThan(5)
    expect(result.distance?.layout).toBeLessThanOrEqual(6)
  })

  it('calls a picture far from the expected one wrong content', () => {
    const other = frame({
      dHash: 'c3c38181e7e7ffff',
      layout: layoutOf((i) => 255 - ((i * 7) % 256)),
      histogram: Array.from({ length: 64 }, (_, i) => (i % 4 === 3 ? 1 / 16 : 0)),
    })
    const result = classify(evidence({ frame: other, expected: { measures: PICTURE } }))
    expect(result.verdict).toBe('wrong-content')
    expect(result.detail).toMatch(/^Far from the expected picture/)
  })

  it('calls a uniformly dark frame black while the screen should show something', () => {
    expect(classify(evidence({ frame: BLACK })).verdict).toBe('black')
    // The expected picture is not black: a black frame is black, not merely "wrong".
    expect(classify(evidence({ frame: BLACK, expected: { measures: PICTURE } })).verdict).toBe('black')
  })

  it('expects black outside operating hours, and calls a lit screen then wrong', () => {
    const off = { on: false, brightness: 0 }
    expect(classify(evidence({ frame: BLACK, power: off })).verdict).toBe('as-expected')
    const lit = classify(evidence({ frame: PICTURE, power: off }))
    expect(lit.verdict).toBe('wrong-content')
    expect(lit.detail).toMatch(/outside its operating hours/)
  })

  it('scales "dark" by the planned brightness: a dimmed picture is not black', () => {
    // At 10 % the player's own dimming leaves highlights around a tenth of full.
    const dimmed = frame({
      lumaMean: 11,
      lumaStd: 6,
      lumaP1: 1,
      lumaP99: DARK_P99_MAX - 1,
      ringMean: 9,
      ringStd: 4,
    })
    expect(classify(evidence({ frame: dimmed, power: { on: true, brightness: 10 } })).verdict).toBe(
      'unverified',
    )
    // The same frame at full brightness is a panel gone dark.
    expect(classify(evidence({ frame: dimmed })).verdict).toBe('black')
    // At 0 % nothing can be told from darkness.
    expect(classify(evidence({ frame: BLACK, power: { on: true, brightness: 0 } })).verdict).toBe(
      'unverified',
    )
  })

  it('calls a white page and a browser error page error pages', () => {
    expect(looksLikeErrorPage(WHITE)).toBe('white')
    expect(looksLikeErrorPage(ERROR_PAGE)).toBe('error')
    expect(looksLikeErrorPage(PICTURE)).toBeNull()
    expect(classify(evidence({ frame: WHITE })).verdict).toBe('error-page')
    expect(classify(evidence({ frame: ERROR_PAGE })).verdict).toBe('error-page')
    // Content off to a corner of a plain page is no error card.
    expect(looksLikeErrorPage(frame({ ...ERROR_PAGE, inkX: 0.9, inkY: 0.1 }))).toBeNull()
  })

  it('trusts a close expected picture over looks: a white slide with a small title is as expected', () => {
    expect(classify(evidence({ frame: ERROR_PAGE, expected: { measures: ERROR_PAGE } })).verdict).toBe(
      'as-expected',
    )
  })

  it('calls a frame frozen when it repeats while the content should have moved, and not otherwise', () => {
    const since = Date.UTC(2026, 11, 5, 3, 0, 0)
    const frozen = classify(evidence({ sameSince: { capturedAtMs: since, contentMoved: true } }))
    expect(frozen.verdict).toBe('frozen')
    expect(frozen.detail).toContain('2026-12-05T03:00:00.000Z')
    // Even when it looks like the expected picture: a slow video stuck on one frame still does.
    expect(
      classify(
        evidence({ sameSince: { capturedAtMs: since, contentMoved: true }, expected: { measures: PICTURE } }),
      ).verdict,
    ).toBe('frozen')
    // A still image shown across both captures: the same frame is right.
    expect(classify(evidence({ sameSince: { capturedAtMs: since, contentMoved: false } })).verdict).toBe(
      'unverified',
    )
  })

  it('says why a frame it could not compare is unverified', () => {
    const result = classify(evidence({}))
    expect(result.verdict).toBe('unverified')
    expect(result.detail).toContain('no Chromium is configured')
  })
})

describe('comparing frames', () => {
  it('measures distance as dHash bits, histogram share and layout difference', () => {
    expect(distance(PICTURE, PICTURE)).toEqual({ dHash: 0, histogram: 0, layout: 0 })
    const d = distance(PICTURE, BLACK)
    expect(d.histogram).toBe(0.938)
    expect(isWrong(d)).toBe(true)
  })

  it('takes only the very same picture as the same frame', () => {
    expect(sameFrame(PICTURE, frame({}))).toBe(true)
    expect(sameFrame(PICTURE, frame({ gridHash: '0123456789abcdee' }))).toBe(false)
    expect(layoutDifference('', PICTURE.layout)).toBe(255)
  })
})

describe('the bounds of "another picture"', () => {
  // The distances measured in tests/e2e/screenshots.spec.ts, the calibration the bounds come from.
  const ownFrame = { dHash: 4, histogram: 0.012, layout: 2.1 }
  const otherScreen = { dHash: 19, histogram: 0.81, layout: 45.8 }

  it('takes the screen’s own frame as close and another screen’s content as far', () => {
    expect(isWrong(ownFrame)).toBe(false)
    expect(isWrong(otherScreen)).toBe(true)
  })

  it('calls a picture far on any one measure another picture', () => {
    expect(isWrong({ ...ownFrame, dHash: 16 })).toBe(true)
    expect(isWrong({ ...ownFrame, histogram: 0.3 })).toBe(true)
    expect(isWrong({ ...ownFrame, layout: 20 })).toBe(true)
  })
})

import { type CheckedSlide, measureSlide, slideFindings } from '@playlists/legibility/check'
import { fittedFontPx, lineCount } from '@playlists/legibility/measure'
import {
  HAN_FACE_ARCMIN,
  heightForAngleMm,
  LATIN_CAP_ARCMIN,
  minimumText,
  readingSeconds,
  readingUnits,
} from '@playlists/legibility/rules'
import { PLANNED_SHAPES, shapesOf, zonesFor } from '@playlists/legibility/shapes'
import type { LegibilityShape } from '@playlists/schemas/legibility'
import { describe, expect, it } from 'vitest'

const wall: LegibilityShape = {
  id: '1920x960',
  width: 1920,
  height: 960,
  zoneWidth: 1440,
  zoneHeight: 826,
  pixelPitchMm: 6,
  viewingDistanceM: 25,
  screens: ['Wall'],
}

const slide = (text: Partial<Record<'vi' | 'zh' | 'en', string>>, durationMs = 12_000): CheckedSlide => ({
  id: 's1',
  kind: 'slide',
  durationMs,
  text: {
    vi: { title: 'Chào mừng', body: text.vi ?? '' },
    ...(text.zh === undefined ? {} : { zh: { title: '欢迎', body: text.zh } }),
    ...(text.en === undefined ? {} : { en: { title: 'Welcome', body: text.en } }),
  },
})

describe('legibility rule: minimum text height', () => {
  it('turns a visual angle into a height: 20′ at 25 m is about 145 mm', () => {
    expect(heightForAngleMm(20, 25)).toBeCloseTo(145.4, 0)
    expect(heightForAngleMm(20, 50)).toBeCloseTo(2 * heightForAngleMm(20, 25), 6)
  })

  it('sets a far LED wall’s minimum by the visual angle: capitals 145 mm high at 25 m on P6', () => {
    const min = minimumText('latin', 6, 25)
    expect(min.rule).toBe('angle')
    expect(min.glyphMm).toBeCloseTo(heightForAngleMm(LATIN_CAP_ARCMIN, 25), 6)
    expect(min.fontPx).toBeCloseTo(145.4 / 6 / 0.714, 0)
  })

  it('sets a kiosk read up close by the rows per glyph: Vietnamese needs more rows than English, Han 16', () => {
    const en = minimumText('latin', 0.49, 0.5)
    const vi = minimumText('vietnamese', 0.49, 0.5)
    const zh = minimumText('han', 0.49, 0.5)
    expect([en.rule, vi.rule, zh.rule]).toEqual(['rows', 'rows', 'rows'])
    expect(en.fontPx * 0.714).toBeCloseTo(9, 6)
    expect(vi.fontPx * 0.714).toBeCloseTo(12, 6)
    expect(zh.fontPx).toBeCloseTo(16, 6)
  })

  it('asks more of Han than of Latin at the same distance: more strokes need a larger angle', () => {
    expect(HAN_FACE_ARCMIN).toBeGreaterThan(LATIN_CAP_ARCMIN)
    expect(minimumText('han', 8, 40).glyphMm).toBeGreaterThan(minimumText('latin', 8, 40).glyphMm)
  })

  it('grows with distance and shrinks in pixels as the pitch grows', () => {
    expect(minimumText('latin', 6, 40).fontPx).toBeGreaterThan(minimumText('latin', 6, 20).fontPx)
    expect(minimumText('latin', 10, 40).fontPx).toBeLessThan(minimumText('latin', 6, 40).fontPx)
  })
})

describe('legibility rule: reading time', () => {
  it('counts words, Vietnamese syllables and Han characters', () => {
    expect(readingUnits('Welcome to Lạng Sơn — the gate')).toEqual({ words: 6, han: 0 })
    expect(readingUnits('连接中国和东盟市场 ASEAN')).toEqual({ words: 1, han: 9 })
  })

  it('adds a fixed recognition time to words at 3 a second, syllables at 4.5, characters at 4', () => {
    expect(readingSeconds('latin', 'one two three four five six')).toBeCloseTo(2 + 2, 6)
    expect(readingSeconds('vietnamese', 'một hai ba bốn năm sáu bảy tám chín')).toBeCloseTo(2 + 2, 6)
    expect(readingSeconds('han', '一二三四五六七八')).toBeCloseTo(2 + 2, 6)
  })
})

describe('text measure (the fitter, without a browser)', () => {
  it('wraps Latin at spaces and Han between characters', () => {
    expect(lineCount('word '.repeat(20).trim(), 100, 1000)).toBeGreaterThan(1)
    expect(lineCount('word', 100, 1000)).toBe(1)
    // 20 ideographs of 1 em each at 100 px in 1000 px: 2 lines.
    expect(lineCount('中'.repeat(20), 100, 1000)).toBe(2)
    // Closing punctuation never starts a line.
    expect(lineCount(`${'中'.repeat(10)}。`, 100, 1000)).toBe(2)
  })

  it('fits short text at the largest size, a tenth of the zone’s shorter side', () => {
    const box = { width: 1440, height: 826, panelMin: 960, image: false }
    expect(fittedFontPx([{ lang: 'vi', title: 'Chào', body: '' }], box)).toBeCloseTo(82.6, 6)
  })

  it('shrinks longer text, and text beside a picture', () => {
    const box = { width: 1440, height: 826, panelMin: 960, image: false }
    const short = [{ lang: 'vi' as const, title: 'Chào mừng', body: 'Một câu ngắn.' }]
    const long = [{ lang: 'vi' as const, title: 'Chào mừng', body: 'Một câu dài hơn nhiều. '.repeat(12) }]
    expect(fittedFontPx(long, box)).toBeLessThan(fittedFontPx(short, box))
    expect(fittedFontPx(long, { ...box, image: true })).toBeLessThan(fittedFontPx(long, box))
  })
})

describe('legibility check of a slide', () => {
  it('passes a short trilingual slide on a wall read from 25 m', () => {
    expect(slideFindings(slide({ vi: 'Xin chào', zh: '你好', en: 'Hello' }), 0, wall)).toEqual([])
  })

  it('flags text the fitter shrinks below the minimum, per script, in mm', () => {
    const long = slide(
      { vi: 'Thông tin cửa khẩu. '.repeat(40), en: 'Border gate notice. '.repeat(40) },
      120_000,
    )
    const findings = slideFindings(long, 2, wall)
    expect(findings.map((f) => [f.itemIndex, f.lang, f.problem])).toEqual([
      [2, 'vi', 'text-too-small'],
      [2, 'en', 'text-too-small'],
    ])
    expect(findings[0]!.value).toBeLessThan(findings[0]!.minimum)
    expect(findings[0]!.minimum).toBeCloseTo(145.4, 0)
  })

  it('flags a slide on screen for less time than reading it takes', () => {
    const findings = slideFindings(slide({ en: 'A short line that takes some time to read' }, 3_000), 0, wall)
    // Title and line in English take 2 + 10 / 3 = 5.3 s; the Vietnamese title alone 2 + 2 / 4.5 s.
    expect(findings.map((f) => [f.lang, f.problem, f.value, f.minimum])).toEqual([
      ['en', 'too-short-to-read', 3, 5.3],
    ])
  })

  it('gives each language of a rotating slide its share of the time, and the whole box', () => {
    const rotating = {
      ...slide({ vi: 'Xin chào', zh: '你好', en: 'Hello' }, 9_000),
      display: 'rotating' as const,
    }
    const measures = measureSlide(rotating, wall)
    expect(measures.map((m) => m.shownS)).toEqual([3, 3, 3])
    const stacked = measureSlide(slide({ vi: 'Xin chào', zh: '你好', en: 'Hello' }, 9_000), wall)
    expect(measures[0]!.fontPx).toBeGreaterThanOrEqual(stacked[0]!.fontPx)
  })
})

describe('shapes a playlist reaches', () => {
  const base = { width: 1920, height: 960, pixelPitchMm: 6, viewingDistanceM: 25, defaultPlaylistId: 'p' }
  const zones = [
    { id: 'main', x: 0, y: 0, width: 0.75, height: 0.86, playlistId: null },
    { id: 'ticker', x: 0, y: 0.86, width: 1, height: 0.14, playlistId: 't' },
  ]

  it('measures a playlist in the zone it fills: main as a default, its own zone otherwise', () => {
    expect(zonesFor('p', { ...base, name: 'A', zones }).map((z) => z.id)).toEqual(['main'])
    expect(zonesFor('t', { ...base, name: 'A', zones }).map((z) => z.id)).toEqual(['ticker'])
  })

  it('joins screens that share panel, zone and facts; lists screens without facts apart', () => {
    const { shapes, unchecked } = shapesOf('p', [
      { ...base, name: 'A', zones },
      { ...base, name: 'B', zones },
      { ...base, name: 'C', zones, viewingDistanceM: 40 },
      { ...base, name: 'D', zones: null, pixelPitchMm: null },
    ])
    expect(shapes.map((s) => [s.id, s.zoneWidth, s.zoneHeight, s.screens])).toEqual([
      ['1920x960', 1440, 826, ['A', 'B']],
      ['1920x960-2', 1440, 826, ['C']],
    ])
    expect(unchecked).toEqual(['D'])
  })

  it('plans for the four seeded panel shapes', () => {
    expect(PLANNED_SHAPES.map((s) => s.id)).toEqual(['1920x960', '1536x768', '1920x1080', '1080x1920'])
  })
})

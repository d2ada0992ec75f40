import {
  type DocumentZone,
  MAIN_ZONE,
  type PixelBox,
  type Zone,
  zonePixels,
  zoneProblems,
} from '@playlists/schemas/layout'
import { instantOf } from '@playlists/time/zone'
import { nextChange, resolve, timeline } from '@playlists/timeline'
import { describe, expect, it } from 'vitest'
import { documentWith, item, playlist, rule } from '../helpers/documents'

/** 2026-01-01 00:00 UTC is 07:00 in Vietnam; rules below use Vietnamese wall-clock windows. */
const EPOCH = Date.UTC(2026, 0, 1)
const local = (hour: number, minute = 0) =>
  instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 1, day: 1 }, hour * 60 + minute)
const EVENING = local(18)
const LATE = local(22)

const docZone = (id: string, defaultPlaylistId: string | null, y = 0.86): DocumentZone => ({
  id,
  name: id,
  x: 0,
  y,
  width: 1,
  height: 1 - y,
  defaultPlaylistId,
})

/**
 * Main loops one 13 s item, the ticker one 7 s item; neither loop has a boundary at 18:00, so
 * every change seen at 18:00 comes from the schedule. The ticker's alert daypart is 18:00–22:00,
 * and the clock zone has no default: it plays only while its noon rule is active.
 */
const zoned = documentWith([item('m1', 13_000)], EPOCH, 'pl', {
  zones: [docZone('ticker', 'tick'), docZone('clock', null, 0)],
  playlists: [
    playlist('tick', [item('t1', 7_000)]),
    playlist('alert', [item('a1', 5_000), item('a2', 5_000)]),
    playlist('clock-face', [item('c1', 60_000)]),
  ],
  rules: [
    rule('r-alert', 'alert', { zoneId: 'ticker', window: { start: '18:00', end: '22:00' } }),
    rule('r-noon', 'clock-face', { zoneId: 'clock', window: { start: '12:00', end: '13:00' } }),
  ],
})

describe('zones: resolve', () => {
  it('plays a zone’s own default outside its rules, looping from the epoch', () => {
    const at = local(8)
    expect(resolve(zoned, at, 'ticker')).toMatchObject({
      segment: { playlistId: 'tick', ruleId: null, anchorMs: EPOCH },
      playing: { playlistId: 'tick', item: { id: 't1' } },
    })
    expect(resolve(zoned, at).playing?.playlistId).toBe('pl')
  })

  it('switches a zone to the rule aimed at it, starting its playlist at the window’s start', () => {
    expect(resolve(zoned, EVENING - 1, 'ticker').playing?.item.id).toBe('t1')
    expect(resolve(zoned, EVENING, 'ticker')).toMatchObject({
      segment: { playlistId: 'alert', ruleId: 'r-alert', startMs: EVENING, endMs: LATE },
      playing: { item: { id: 'a1' }, startMs: EVENING, endMs: EVENING + 5_000, loop: 0 },
    })
    expect(resolve(zoned, EVENING + 7_000, 'ticker').playing?.item.id).toBe('a2')
    expect(resolve(zoned, LATE, 'ticker').playing?.playlistId).toBe('tick')
  })

  it('keeps rules out of zones they do not name: main plays its default all evening', () => {
    for (const at of [EVENING - 1, EVENING, EVENING + 3_600_000, local(12, 30)]) {
      expect(resolve(zoned, at).segment).toMatchObject({ playlistId: 'pl', ruleId: null })
      expect(resolve(zoned, at, MAIN_ZONE).segment.playlistId).toBe('pl')
    }
  })

  it('uses the main zone when no zone is named', () => {
    const mainRule = documentWith([item('m1', 11_000)], EPOCH, 'pl', {
      zones: [docZone('ticker', 'tick')],
      playlists: [playlist('tick', [item('t1', 7_000)]), playlist('alert', [item('a1', 5_000)])],
      rules: [rule('r-main', 'alert', { window: { start: '18:00', end: '22:00' } })],
    })
    expect(resolve(mainRule, EVENING).segment.ruleId).toBe('r-main')
    expect(resolve(mainRule, EVENING, MAIN_ZONE).segment.ruleId).toBe('r-main')
    expect(resolve(mainRule, EVENING, 'ticker').segment).toMatchObject({ playlistId: 'tick', ruleId: null })
  })

  it('plays nothing in a zone without a default and without an active rule', () => {
    const at = local(9)
    expect(resolve(zoned, at, 'clock')).toMatchObject({
      segment: { playlistId: null, ruleId: null },
      playing: null,
      override: null,
    })
    expect(resolve(zoned, local(12, 30), 'clock').playing?.item.id).toBe('c1')
  })

  it('plays nothing in a zone the layout lacks, even though other zones have rules', () => {
    for (const at of [local(8), EVENING, local(12, 30)]) {
      expect(resolve(zoned, at, 'logo')).toMatchObject({ segment: { playlistId: null }, playing: null })
    }
  })

  it('lets an emergency message cover every zone', () => {
    const override = {
      id: 'storm',
      text: { vi: { title: 'Bão', body: '' } },
      startsAtMs: local(9),
      endsAtMs: local(10),
    }
    const withOverride = { ...zoned, overrides: [override] }
    for (const zoneId of [MAIN_ZONE, 'ticker', 'clock']) {
      expect(resolve(withOverride, local(9, 30), zoneId).override?.id).toBe('storm')
      expect(nextChange(withOverride, local(8, 59), zoneId)).toBeLessThanOrEqual(local(9))
    }
    expect(nextChange(withOverride, local(8, 59), 'clock')).toBe(local(9))
  })
})

describe('zones: nextChange', () => {
  it('is the rule’s start in the zone it names and the item’s end in the others', () => {
    const at = EVENING - 500
    expect(nextChange(zoned, at, 'ticker')).toBe(EVENING)
    // Main's item started at a multiple of 13 s from the epoch and runs past 18:00.
    const mainItem = resolve(zoned, at).playing!
    expect(mainItem.endMs).toBeGreaterThan(EVENING)
    expect(nextChange(zoned, at)).toBe(mainItem.endMs)
  })

  it('walks a zone’s scheduled playlist item by item, then ends with the window', () => {
    expect(nextChange(zoned, EVENING, 'ticker')).toBe(EVENING + 5_000)
    expect(nextChange(zoned, EVENING + 7_000, 'ticker')).toBe(EVENING + 10_000)
    expect(nextChange(zoned, LATE - 1, 'ticker')).toBe(LATE)
  })

  it('for an empty zone is the next time a rule fills it, and null when none ever will', () => {
    expect(nextChange(zoned, local(9), 'clock')).toBe(local(12))
    expect(nextChange(zoned, local(12, 30), 'clock')).toBe(local(12, 31))
    expect(nextChange(zoned, local(9), 'logo')).toBeNull()
  })
})

describe('zones: timeline', () => {
  it('gives each zone its own entries, covering the range, tagged with the zone', () => {
    const from = EVENING - 14_000
    const to = EVENING + 12_000
    const ticker = timeline(zoned, from, to, 'ticker')
    expect(ticker.every((e) => e.zoneId === 'ticker')).toBe(true)
    expect(ticker[0]!.startMs).toBe(from)
    expect(ticker.at(-1)!.endMs).toBe(to)
    for (let i = 1; i < ticker.length; i++) expect(ticker[i]!.startMs).toBe(ticker[i - 1]!.endMs)
    const after = ticker.filter((e) => e.startMs >= EVENING)
    expect(after.map((e) => [e.itemId, e.ruleId, e.startMs - EVENING])).toEqual([
      ['a1', 'r-alert', 0],
      ['a2', 'r-alert', 5_000],
      ['a1', 'r-alert', 10_000],
    ])
    expect(ticker.filter((e) => e.startMs < EVENING).every((e) => e.playlistId === 'tick')).toBe(true)
    for (const e of ticker) expect(resolve(zoned, e.startMs, 'ticker').playing?.item.id).toBe(e.itemId)

    const main = timeline(zoned, from, to)
    expect(main.every((e) => e.zoneId === MAIN_ZONE && e.playlistId === 'pl' && e.ruleId === null)).toBe(true)
  })

  it('shows an empty zone as one entry with nothing playing, split where its rule fills it', () => {
    expect(timeline(zoned, local(9), local(10), 'clock')).toEqual([
      {
        zoneId: 'clock',
        playlistId: null,
        ruleId: null,
        overrideId: null,
        itemId: null,
        index: null,
        startMs: local(9),
        endMs: local(10),
      },
    ])
    const around = timeline(zoned, local(11, 59), local(13, 1), 'clock')
    expect(around.map((e) => [e.playlistId, e.startMs, e.endMs])).toEqual([
      [null, local(11, 59), local(12)],
      ...Array.from({ length: 60 }, (_, i) => ['clock-face', local(12, i), local(12, i + 1)]),
      [null, local(13), local(13, 1)],
    ])
  })
})

/** How many zones cover each pixel of a `width`×`height` screen. */
function coverage(boxes: readonly PixelBox[], width: number, height: number): Uint8Array {
  const counts = new Uint8Array(width * height)
  for (const b of boxes) {
    for (let y = b.top; y < b.top + b.height; y++) {
      for (let x = b.left; x < b.left + b.width; x++) counts[y * width + x]! += 1
    }
  }
  return counts
}

const zone = (id: string, x: number, y: number, width: number, height: number): Zone => ({
  id,
  name: id,
  x,
  y,
  width,
  height,
  playlistId: null,
})

describe('zoneProblems', () => {
  it('accepts zones whose decimal fractions reach 1 only up to rounding (0.34 + 0.56 + 0.1)', () => {
    // An editor placing a zone after two others computes x as their sum.
    const x = 0.34 + 0.56
    expect(x + 0.1).toBeGreaterThan(1)
    expect(
      zoneProblems([
        zone('main', 0, 0, 0.34, 1),
        zone('middle', 0.34, 0, 0.56, x),
        zone('right', x, 0, 0.1, 1),
        zone('low', 0, x, x, 0.1),
      ]),
    ).toEqual([])
  })

  it('accepts a zone that ends exactly at the right and bottom edges', () => {
    expect(zoneProblems([zone('main', 0.98, 0.98, 0.02, 0.02)])).toEqual([])
  })

  it('refuses a zone past the right or bottom edge by more than rounding, naming the zone and sum', () => {
    expect(zoneProblems([zone('main', 0.5, 0, 0.51, 1)])).toEqual([
      'zones[0] "main": x + width is 1.01, past the right edge (1).',
    ])
    expect(zoneProblems([zone('main', 0, 0, 1, 1), zone('ticker', 0, 0.9, 1, 0.2)])).toEqual([
      'zones[1] "ticker": y + height is 1.1, past the bottom edge (1).',
    ])
  })

  it('needs a main zone, even in an empty list', () => {
    expect(zoneProblems([])).toEqual([expect.stringContaining('needs a zone with id "main"')])
    expect(zoneProblems([zone('ticker', 0, 0, 1, 1)])).toEqual([
      expect.stringContaining('needs a zone with id "main"'),
    ])
  })

  it('names each zone reusing an id', () => {
    expect(
      zoneProblems([zone('main', 0, 0, 1, 0.5), zone('main', 0, 0.5, 1, 0.5), zone('main', 0, 0, 1, 1)]),
    ).toEqual([
      'zones[1]: the id "main" is used by another zone.',
      'zones[2]: the id "main" is used by another zone.',
    ])
  })

  it('reports every problem, not only the first', () => {
    expect(zoneProblems([zone('a', 0.5, 0.5, 0.6, 0.6), zone('a', 0, 0, 1, 1)])).toHaveLength(4)
  })
})

describe('zonePixels', () => {
  it('rounds edges, not sizes: decimal thirds on 1536 px meet without a gap (511 + 512 + 513)', () => {
    const boxes = [
      zonePixels(zone('a', 0, 0, 0.333, 1), 1536, 768),
      zonePixels(zone('b', 0.333, 0, 0.333, 1), 1536, 768),
      zonePixels(zone('c', 0.666, 0, 0.334, 1), 1536, 768),
    ]
    expect(boxes.map((b) => [b.left, b.width])).toEqual([
      [0, 511],
      [511, 512],
      [1023, 513],
    ])
    expect(boxes.every((b) => b.top === 0 && b.height === 768)).toBe(true)
  })

  it('tiles a 1080×1920 kiosk in exact thirds and a 1536×768 panel in sevenths, every pixel once', () => {
    const cases: [number, number, number][] = [
      [1080, 1920, 3],
      [1536, 768, 3],
      [1536, 768, 7],
      [1080, 1920, 7],
      [1920, 1080, 9],
    ]
    for (const [width, height, n] of cases) {
      // n columns, and in the last column n rows: edges land between pixels on odd divisions.
      const zones: Zone[] = []
      for (let i = 0; i < n - 1; i++) zones.push(zone(`col${i}`, i / n, 0, 1 / n, 1))
      for (let j = 0; j < n; j++) zones.push(zone(`row${j}`, (n - 1) / n, j / n, 1 / n, 1 / n))
      const boxes = zones.map((z) => zonePixels(z, width, height))
      const counts = coverage(boxes, width, height)
      expect(
        counts.every((c) => c === 1),
        `${width}×${height} in ${n}ths`,
      ).toBe(true)
      const widths = boxes.slice(0, n - 1).map((b) => b.width)
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1)
    }
  })

  it('puts the edge computed as x + width where the neighbour computed as its own x (0.1 + 0.2 vs 0.3)', () => {
    for (const [width, height] of [
      [1920, 960],
      [1536, 768],
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      const left = zonePixels(zone('left', 0.1, 0, 0.2, 1), width, height)
      const right = zonePixels(zone('right', 0.3, 0, 0.7, 1), width, height)
      expect(left.left + left.width).toBe(right.left)
      expect(right.left + right.width).toBe(width)
    }
  })

  it('snaps fractions one float step apart to the same pixel (0.01 + 0.06 vs 0.07 on 750 px, 0.3 + 0.6 vs 0.9 on 65 px)', () => {
    for (const [a, w, b, pixels] of [
      [0.01, 0.06, 0.07, 750],
      [0.3, 0.6, 0.9, 65],
    ] as const) {
      const left = zonePixels(zone('left', a, 0, w, 1), pixels, 100)
      const right = zonePixels(zone('right', b, 0, 1 - b, 1), pixels, 100)
      expect(left.left + left.width).toBe(right.left)
    }
  })

  it('clamps a zone overshooting the edge by rounding to the screen', () => {
    expect(zonePixels(zone('z', 0.7, 0.7, 0.30000000001, 0.3 + 1e-10), 1080, 1920)).toEqual({
      left: 756,
      top: 1344,
      width: 324,
      height: 576,
    })
  })

  it('gives a full-screen zone the whole panel', () => {
    expect(zonePixels(zone('main', 0, 0, 1, 1), 1536, 768)).toEqual({
      left: 0,
      top: 0,
      width: 1536,
      height: 768,
    })
  })
})

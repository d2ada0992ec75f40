import { DOCUMENT_FORMAT, type ScreenDocument } from '@playlists/schemas/document'
import type { DocumentItem } from '@playlists/schemas/items'
import { fullScreenLayout, MAIN_ZONE } from '@playlists/schemas/layout'
import { ALWAYS_ON } from '@playlists/schemas/power'
import type { ScheduleRule } from '@playlists/schemas/schedule'
import { timeline } from '@playlists/timeline'
import type { BenchResult } from './run'

const DAY = 86_400_000
const ENTRIES = 1_000
const DAYS = 7
const RUNS = 15

/** A deterministic pseudo-random sequence, so every run measures the same schedule. */
function lcg(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

const items = (prefix: string, n: number): DocumentItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    kind: 'slide' as const,
    durationMs: 10_000 + i * 1_000,
    media: null,
    display: 'stacked' as const,
    text: { vi: { title: `${prefix} ${i}`, body: '' } },
  }))

/** A screen with `entries` schedule entries of every shape: dayparts, weekdays, lunar days, cron, campaigns. */
export function benchDocument(entries: number): ScreenDocument {
  const rnd = lcg(42)
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  const playlists: ScreenDocument['playlists'] = {
    default: { id: 'default', name: 'default', revision: 1, items: items('d', 6) },
  }
  for (let p = 0; p < 20; p++)
    playlists[`p${p}`] = { id: `p${p}`, name: `p${p}`, revision: 1, items: items(`p${p}`, 5) }
  const rules: ScheduleRule[] = Array.from({ length: entries }, (_, i) => {
    const start = Math.floor(rnd() * 96) * 15
    const length = 15 + Math.floor(rnd() * 16) * 15
    const kind = i % 10
    return {
      id: `r${String(i).padStart(4, '0')}`,
      playlistId: `p${i % 20}`,
      priority: Math.floor(rnd() * 101),
      specificity: 1 + (i % 4),
      zoneId: MAIN_ZONE,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      from: kind === 9 ? '2026-12-02T06:00' : null,
      until: kind === 9 ? '2026-12-05T18:00' : null,
      days: kind < 5 ? [1 + (i % 7), 1 + ((i + 3) % 7)] : null,
      window: kind === 8 ? null : { start: hhmm(start), end: hhmm((start + length) % 1440) },
      cron: kind === 8 ? { expression: `${i % 60} */3 * * *`, durationMinutes: 20 } : null,
      // The 1st and 15th of each lunar month, as temples' and shops' displays keep them.
      lunar: kind === 7 ? { month: null, days: [1, 15] } : null,
    }
  }).map((r) => (r.cron ? { ...r, window: null, days: null } : r))
  return {
    format: DOCUMENT_FORMAT,
    screenId: 'bench',
    version: 1,
    hash: '0'.repeat(64),
    publishedAt: new Date(0).toISOString(),
    screen: {
      id: 'bench',
      name: 'bench',
      siteId: 'site',
      siteName: { vi: 'a', zh: 'b', en: 'c' },
      width: 1920,
      height: 960,
      timeZone: 'Asia/Ho_Chi_Minh',
      syncGroupId: null,
      audio: false,
      crossfadeMs: 0,
      power: { plan: ALWAYS_ON, source: 'site', latitude: null, longitude: null },
    },
    epochMs: 0,
    layout: fullScreenLayout('default'),
    playlists,
    rules,
    overrides: [],
    horizon: { fromMs: 0, untilMs: 8.64e15 },
    assets: [],
  }
}

/** Median milliseconds of a 7-day timeline, each run on a fresh document (no warm caches of rules). */
function measure(entries: number): { ms: number; segments: number } {
  const from = Date.UTC(2026, 10, 30, 17)
  let segments = 0
  const times: number[] = []
  for (let run = 0; run < RUNS + 3; run++) {
    const doc = benchDocument(entries)
    const t0 = performance.now()
    segments = timeline(doc, from, from + DAYS * DAY).length
    const t1 = performance.now()
    if (run >= 3) times.push(t1 - t0)
  }
  times.sort((a, b) => a - b)
  return { ms: Math.round(times[Math.floor(times.length / 2)]! * 100) / 100, segments }
}

export function timelineBench(): BenchResult {
  const baseline = measure(0)
  const project = measure(ENTRIES)
  return {
    bench: 'timeline',
    entries: ENTRIES,
    days: DAYS,
    ms: project.ms,
    timeline_entries: project.segments,
    baseline: { entries: 0, days: DAYS, ms: baseline.ms, timeline_entries: baseline.segments },
    ratio: Math.round((project.ms / Math.max(baseline.ms, 0.01)) * 100) / 100,
  }
}

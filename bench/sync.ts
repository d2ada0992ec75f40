import type { Transition } from '@player/playback'
import type { Page } from 'playwright-core'
import {
  openStage,
  percentile,
  playerUrl,
  post,
  publishApproved,
  round,
  type Stage,
  skewClock,
} from './browser'
import type { BenchResult } from './run'

const ITEM_MS = 1_000
const RUN_MS = 20_000
const SCREENS = [
  { id: 'bench-wall', width: 1920, height: 1080, layoutId: 'wall-16x9' },
  { id: 'bench-kiosk-1', width: 1080, height: 1920, layoutId: 'portrait-kiosk' },
  { id: 'bench-kiosk-2', width: 1080, height: 1920, layoutId: 'portrait-kiosk' },
]

/**
 * `sync`: the three screens of the Hữu Nghị cluster play a loop of one-second slides; for every
 * item start the three share, the spread of the instants (server time) at which they showed
 * it. Measured with the PCs' clocks right, and with them skewed by 0, +5 s and −5 s (the
 * players must correct it). Baseline, same run: the same pages on their own clocks with no
 * skew and no server sync — the spread Chromium's timers alone give.
 */
export async function syncBench(): Promise<BenchResult> {
  const stage = await openStage()
  try {
    await setUp(stage)
    const baseline = await spread(stage, [0, 0, 0], true)
    const synced = await spread(stage, [0, 0, 0], false)
    const skewed = await spread(stage, [0, 5_000, -5_000], false)
    return {
      bench: 'sync',
      screens: SCREENS.length,
      spread_p50_ms: round(percentile(synced, 50)),
      spread_p99_ms: round(percentile(synced, 99)),
      skewed_spread_p99_ms: round(percentile(skewed, 99)),
      samples: synced.length,
      baseline: {
        spread_p50_ms: round(percentile(baseline, 50)),
        spread_p99_ms: round(percentile(baseline, 99)),
        samples: baseline.length,
      },
      ratio: round(percentile(synced, 99) / Math.max(0.1, percentile(baseline, 99))),
    }
  } finally {
    await stage.close()
  }
}

async function setUp({ app }: Stage): Promise<void> {
  await post(app, '/api/playlists', {
    id: 'bench-sync',
    name: 'Sync bench',
    items: Array.from({ length: 4 }, (_, i) => ({
      id: `b${i}`,
      kind: 'slide',
      durationMs: ITEM_MS,
      text: { vi: { title: `Đồng bộ ${i}`, body: '' } },
    })),
  })
  publishApproved(app, 'bench-sync')
  for (const s of SCREENS) {
    await post(app, '/api/screens', {
      ...s,
      siteId: 'huu-nghi',
      syncGroupId: 'huu-nghi-cluster',
      name: s.id,
      defaultPlaylistId: 'bench-sync',
    })
  }
}

/** Spreads (ms) of shared item starts across the pages, after each has synchronised. */
async function spread({ browser, base, app }: Stage, skews: number[], local: boolean): Promise<number[]> {
  const pages: Page[] = []
  for (const [i, s] of SCREENS.entries()) {
    const page = await browser.newPage({ viewport: { width: s.width, height: s.height } })
    // A PC clock off by the skew: Date.now shifts (Playwright's fake clock steps too coarsely).
    if (skews[i] !== 0) await page.addInitScript(skewClock, skews[i]!)
    await page.goto(playerUrl({ app, base }, s.id, local ? 'time=local' : ''))
    pages.push(page)
  }
  // Wait for every page's clock sync (or, locally, its first document), then measure.
  const ready = Date.now() + 60_000
  for (const [i, page] of pages.entries()) {
    for (;;) {
      const state = await page.evaluate(() => ({
        v: window.gatecast.version,
        o: window.gatecast.clockOffsetMs,
      }))
      if (state.v !== null && (local || Math.abs(state.o + skews[i]!) < 100)) break
      if (Date.now() > ready)
        throw new Error(
          `page ${i} did not synchronise: ${JSON.stringify(await page.evaluate(() => ({ ...window.gatecast, transitions: undefined })))}`,
        )
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const from = Date.now() + 1_000
  await new Promise((r) => setTimeout(r, RUN_MS))
  const shown: Map<number, number>[] = []
  for (const page of pages) {
    // Transitions are kept 50 deep per page; read them as they come.
    const all: Transition[] = await page.evaluate(() => window.gatecast.transitions)
    shown.push(
      new Map(all.filter((t) => t.zoneId === 'main' && t.dueMs >= from).map((t) => [t.dueMs, t.shownMs])),
    )
    await page.close()
  }
  const common = [...shown[0]!.keys()].filter((due) => shown.every((m) => m.has(due)))
  return common.map((due) => {
    const times = shown.map((m) => m.get(due)!)
    return Math.max(...times) - Math.min(...times)
  })
}

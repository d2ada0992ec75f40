import type { Transition } from '@player/playback'
import type { Page } from 'playwright-core'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW, skewClock } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { waitForPlayer } from '../helpers/player'

/**
 * The Hữu Nghị cluster: three screens of one sync group, at different resolutions and with PC
 * clocks 5 s apart, change items together, because each runs the timeline on the server's
 * clock. The test checks that they agree on which item starts when, in server time; how close
 * together they switch is a speed, which the `sync` benchmark measures over many transitions.
 * Tagged @timed: it runs alone (playwright.config.ts).
 */

const served = serveApp({ seed: true })

const SCREENS = [
  { id: 'sync-wall', width: 1920, height: 1080, layoutId: 'wall-16x9', skewMs: 0 },
  { id: 'sync-kiosk-1', width: 1080, height: 1920, layoutId: 'portrait-kiosk', skewMs: 5_000 },
  { id: 'sync-kiosk-2', width: 1080, height: 1920, layoutId: 'portrait-kiosk', skewMs: -5_000 },
]

test.describe('a synchronized cluster', { tag: '@timed' }, () => {
  test('changes items on all three screens at the same server instants, whatever their PC clocks say', async ({
    browser,
  }) => {
    test.setTimeout(90_000)
    const { t, base } = served
    const post = async (url: string, payload?: object) => {
      const res = await t.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) })
      expect(res.statusCode, res.body).toBeLessThan(300)
    }
    await post('/api/playlists', {
      id: 'sync-loop',
      name: 'Sync loop',
      items: Array.from({ length: 3 }, (_, i) => ({
        id: `sync-${i}`,
        kind: 'slide',
        durationMs: 1_500,
        text: { vi: { title: `Đồng bộ ${i}`, body: '' }, zh: { title: `同步 ${i}`, body: '' } },
      })),
    })
    await approveAndPublish(t.app, 'playlist', 'sync-loop')
    for (const s of SCREENS) {
      await post('/api/screens', {
        id: s.id,
        siteId: 'huu-nghi',
        syncGroupId: 'huu-nghi-cluster',
        name: s.id,
        width: s.width,
        height: s.height,
        layoutId: s.layoutId,
        defaultPlaylistId: 'sync-loop',
      })
    }

    const pages: Page[] = []
    for (const s of SCREENS) {
      const page = await browser.newPage({
        viewport: { width: s.width, height: s.height },
        serviceWorkers: NO_SW,
      })
      await page.addInitScript(skewClock, s.skewMs)
      await page.goto(playerUrl(base, screenToken(t.app, s.id)))
      pages.push(page)
    }
    // Each plays, and has measured its offset to the server (the skew, reversed).
    for (const [i, page] of pages.entries()) {
      await waitForPlayer(page)
      await expect
        .poll(
          async () =>
            Math.abs((await page.evaluate(() => window.gatecast.clockOffsetMs)) + SCREENS[i]!.skewMs),
          {
            timeout: 10_000,
          },
        )
        .toBeLessThan(100)
    }
    // Every page plays items after the sync; compare what each showed, once all three have shown
    // five of the same starts (7.5 s of a 1.5 s loop, however long the wait takes).
    const startAfter = Date.now() + 500
    let shown: Map<number, Transition>[] = []
    let common: number[] = []
    await expect
      .poll(
        async () => {
          shown = []
          for (const page of pages) {
            const transitions: Transition[] = await page.evaluate(() =>
              window.gatecast.transitions.filter((x) => x.zoneId === 'main'),
            )
            shown.push(new Map(transitions.filter((x) => x.dueMs >= startAfter).map((x) => [x.dueMs, x])))
          }
          common = [...shown[0]!.keys()].filter((due) => shown.every((m) => m.has(due)))
          return common.length
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toBeGreaterThanOrEqual(5)
    // The three agree, in server time, on when each item starts and which item it is: the same
    // instants, 1.5 s apart, whatever their PC clocks say; a screen on its own clock would be 5 s off.
    for (const due of common) {
      const items = shown.map((m) => m.get(due)!.itemId)
      expect(new Set(items).size, `items due at ${due}: ${items.join(', ')}`).toBe(1)
    }
    const steps = common.slice(1).map((due, i) => due - common[i]!)
    expect(
      steps.every((step) => step % 1_500 === 0),
      `steps ${steps.join(', ')} ms`,
    ).toBe(true)
    // Each screen showed each item in its own slot: not before it was due (give or take the few
    // milliseconds a new measurement of the offset to the server moves its clock by), and before the
    // next one was. How close together they switch (a frame, on a quiet machine) is a speed, measured by
    // `npm run bench -- sync`: on two cores shared with other work a frame can come late, and that
    // would be the machine's fault, not the player's.
    for (const [i, m] of shown.entries()) {
      for (const due of common) {
        const late = m.get(due)!.shownMs - due
        expect(late, `${SCREENS[i]!.id} showed the item due at ${due} ${late} ms late`).toBeGreaterThan(-50)
        expect(late, `${SCREENS[i]!.id} showed the item due at ${due} ${late} ms late`).toBeLessThan(1_500)
      }
    }
    for (const page of pages) await page.close()
  })
})

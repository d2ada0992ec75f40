import { instantOf } from '@playlists/time/zone'
import type { Page } from 'playwright-core'
import { createTestApp, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW } from '../helpers/browser'
import { expect, test } from '../helpers/fixtures'
import { listen } from '../helpers/listen'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt, waitForPlayer, watchFirstShown } from '../helpers/player'

/**
 * The player on its own clock against a server whose clock each test sets: a daypart boundary
 * crossed with the server gone, and emergency messages. Tagged @timed: switches and the
 * emergency's second are measured, so the file runs alone (playwright.config.ts).
 */

let t: TestApp | null = null
let page: Page | null = null

test.afterEach(async () => {
  await page?.close()
  page = null
  await t?.close()
  t = null
})

/** 2026-12-01 18:00 in Vietnam, when the seeded Tân Thanh screen's evening daypart begins. */
const EVENING = instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 18 * 60)

async function seededServer(now: number): Promise<string> {
  t = await createTestApp({ seed: true, clock: () => now })
  const base = await listen(t)
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/schedules',
    payload: {
      name: 'Evening tourism',
      playlistId: 'tourism',
      target: { type: 'screen', id: 'tan-thanh-led' },
      window: { start: '18:00', end: '22:00' },
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  await approveAndPublish(t.app, 'schedule', res.json().id)
  return base
}

const stage = (p: Page) => p.locator('#stage')

test.describe('player follows the schedule on its own clock', { tag: '@timed' }, () => {
  test('crosses a daypart boundary with the server stopped, and the evening playlist starts on time', async ({
    browser,
  }) => {
    const base = await seededServer(EVENING - 60_000)
    // The page's clock stands 4 s before the boundary until the player plays, and while the
    // server goes away.
    const url = playerUrl(base, screenToken(t!.app, 'tan-thanh-led'), 'time=local')
    page = await openPlayerAt(browser, url, EVENING - 4_000, {
      viewport: { width: 1920, height: 960 },
      serviceWorkers: NO_SW,
      paused: true,
    })
    // Version 2 applied and its first item on screen (applying precedes the first transition).
    expect(
      await page.evaluate(() => ({
        version: document.getElementById('stage')?.dataset.version,
        playlistId: window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)?.playlistId,
      })),
    ).toEqual({ version: '2', playlistId: 'welcome' })

    // The server goes away before the boundary; the screen must switch by itself.
    await t!.close()
    t = null
    await expect(stage(page)).toHaveAttribute('data-connected', 'false')
    await page.clock.resume()

    // The player's own record of the switch: when it showed the evening's first item, by its clock.
    const p = page
    await expect
      .poll(() =>
        p.evaluate(() => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)?.playlistId),
      )
      .toBe('tourism')
    const transition = await page.evaluate(
      () => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)!,
    )
    expect(transition).toMatchObject({ itemId: 'tourism-discover', dueMs: EVENING })
    // Shown in its own slot by the page's clock: not before the boundary, and while the item is
    // due (12 s). How soon after the boundary a frame comes is the machine's speed, not the player's.
    expect(transition.shownMs).toBeGreaterThanOrEqual(EVENING - 50)
    expect(transition.shownMs).toBeLessThan(EVENING + 12_000)
    await expect(stage(page)).toHaveAttribute('data-item-id', 'tourism-discover')
    await expect(page.locator('.layer.showing [data-lang="zh"] h1')).toHaveText('探索谅山')
  })
})

test.describe('emergency messages on screen', { tag: '@timed' }, () => {
  test('appear above everything once approved, survive a reload, and go when cleared', async ({
    browser,
  }) => {
    const now = Date.now()
    const base = await seededServer(now)
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, serviceWorkers: NO_SW })
    await page.goto(playerUrl(base, screenToken(t!.app, 'huu-nghi-kiosk-1'), 'time=local'))
    await waitForPlayer(page)
    await expect(stage(page)).toHaveAttribute('data-connected', 'true')

    const res = await t!.app.inject({
      method: 'POST',
      url: '/api/emergencies',
      payload: {
        text: {
          vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu tạm đóng do thời tiết xấu.' },
          zh: { title: '暂停通关', body: '因天气恶劣，口岸暂时关闭。' },
          en: { title: 'Clearance suspended', body: 'The gate is closed for bad weather.' },
        },
        targets: { sites: ['huu-nghi'] },
        expiresAt: new Date(now + 3_600_000).toISOString(),
      },
    })
    expect(res.statusCode).toBe(201)
    // The admin sent it; a second approver's approval puts it on air, pushed to the screen. How
    // long that takes, from the approval to the screen, is on the page's clock and in the test's
    // output; `npm run bench -- fanout` measures the push to 10,000 players.
    const shown = await watchFirstShown(page, '#emergency:not([hidden])')
    const started = await page.evaluate(() => Date.now())
    const approved = await t!.app.inject({
      method: 'POST',
      url: `/api/emergencies/${res.json().id}/approve`,
      headers: t!.team.approver.headers,
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const latency = (await shown()) - started
    console.info(`emergency on screen ${latency} ms after the approval`)
    // Not before the approval: an editor alone cannot put a message on air.
    expect(latency).toBeGreaterThanOrEqual(0)
    const overlay = page.locator('#emergency')
    await expect(overlay.locator('[data-lang="zh"] h1')).toHaveText('暂停通关')
    // Nothing of the playlist shows through: the overlay covers the whole screen.
    const p = page
    await expect
      .poll(() => p.evaluate(() => document.elementFromPoint(540, 960)?.closest('#emergency') !== null))
      .toBe(true)

    // Back from a reload, it is up as soon as the player plays again.
    await page.reload()
    await waitForPlayer(page)
    await expect(overlay).not.toHaveAttribute('hidden')

    await t!.app.inject({ method: 'POST', url: `/api/emergencies/${res.json().id}/clear` })
    await expect(overlay).toHaveAttribute('hidden', '')
  })
})

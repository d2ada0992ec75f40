import { instantOf } from '@playlists/time/zone'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { launchChromium, NO_SW } from '../helpers/browser'
import { listen } from '../helpers/listen'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt, waitForPlayer } from '../helpers/player'

let browser: Browser
let t: TestApp | null = null
let page: Page | null = null

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async () => {
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

const stageItem = (p: Page) => p.locator('#stage').getAttribute('data-item-id')

describe('player follows the schedule on its own clock', () => {
  it('crosses a daypart boundary with the server stopped, and the evening playlist starts on time', async () => {
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
    await page.waitForFunction(() => document.getElementById('stage')?.dataset.connected === 'false', null, {
      timeout: 10_000,
    })
    await page.clock.resume()

    await page.waitForFunction(
      () => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)?.playlistId === 'tourism',
      null,
      {
        timeout: 10_000,
      },
    )
    const transition = await page.evaluate(
      () => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)!,
    )
    expect(transition).toMatchObject({ itemId: 'tourism-discover', dueMs: EVENING })
    expect(Math.abs(transition.shownMs - EVENING)).toBeLessThan(250)
    expect(await stageItem(page)).toBe('tourism-discover')
    expect(await page.locator('.layer.showing [data-lang="zh"] h1').textContent()).toBe('探索谅山')
  })
})

describe('emergency messages on screen', () => {
  it('appear above everything within a second, survive a reload, and go when cleared', async () => {
    const now = Date.now()
    const base = await seededServer(now)
    page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, serviceWorkers: NO_SW })
    await page.goto(playerUrl(base, screenToken(t!.app, 'huu-nghi-kiosk-1'), 'time=local'))
    await waitForPlayer(page)
    await page.waitForFunction(() => document.getElementById('stage')?.dataset.connected === 'true')

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
    // The admin sent it; a second approver's approval puts it on air, and the second runs from then.
    const started = Date.now()
    const approved = await t!.app.inject({
      method: 'POST',
      url: `/api/emergencies/${res.json().id}/approve`,
      headers: t!.team.approver.headers,
    })
    expect(approved.statusCode, approved.body).toBe(200)
    await page.waitForFunction(() => !document.getElementById('emergency')?.hidden, null, {
      timeout: 2_000,
      polling: 'raf',
    })
    expect(Date.now() - started).toBeLessThan(1_000)
    const overlay = page.locator('#emergency')
    expect(await overlay.locator('[data-lang="zh"] h1').textContent()).toBe('暂停通关')
    // Nothing of the playlist shows through: the overlay covers the whole screen.
    expect(
      await page.evaluate(() => document.elementFromPoint(540, 960)?.closest('#emergency') !== null),
    ).toBe(true)

    // Back from a reload, it is up as soon as the player plays again.
    await page.reload()
    await waitForPlayer(page)
    await page.waitForFunction(() => !document.getElementById('emergency')?.hidden, null, { timeout: 5_000 })

    await t!.app.inject({ method: 'POST', url: `/api/emergencies/${res.json().id}/clear` })
    await page.waitForFunction(() => document.getElementById('emergency')?.hidden === true, null, {
      timeout: 2_000,
    })
  })
})

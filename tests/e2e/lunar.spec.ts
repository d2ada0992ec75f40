import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { type Method, slide, succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS, NO_SW } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt } from '../helpers/player'

/**
 * The lunar calendar on a paired player in Chromium (issue 19 point 4): a playlist scheduled on
 * Tết comes on at the local midnight that starts the 1st of the 1st lunar month, by the page's
 * clock; a clock shows the Chinese side's time and the lunar date.
 */

const served = serveApp({ seed: true })
const api = (method: Method, url: string, payload?: object) => succeed(served.t.app, method, url, payload)
const SIZE = { width: 1536, height: 768 }

/** Ten seconds before midnight on 5 February 2027 at the gates (UTC+7): Tết Đinh Mùi is 6 February. */
const TET_EVE = Date.UTC(2027, 1, 5, 16, 59, 50)
/** 10:04 on Thursday 26 November 2026 at the gates (UTC+7): the 18th of the 10th lunar month. */
const THURSDAY_1004 = Date.UTC(2026, 10, 26, 3, 4, 10)

async function screenWith(id: string, defaultPlaylistId: string) {
  await api('POST', '/api/screens', { id, siteId: 'chi-ma', name: id, ...SIZE, defaultPlaylistId })
}
const open = (browser: Browser, screenId: string, at: number, paused = false): Promise<Page> =>
  openPlayerAt(browser, playerUrl(served.base, screenToken(served.t.app, screenId), 'time=local'), at, {
    viewport: SIZE,
    serviceWorkers: NO_SW,
    paused,
  })
const playlistShown = (page: Page) => page.locator('#stage .layer.showing').getAttribute('data-playlist-id')

test.describe('lunar calendar on the screens', () => {
  test('switches to the Tết playlist at the midnight that starts the 1st lunar month', async ({
    browser,
  }) => {
    await api('POST', '/api/playlists', {
      id: 'lunar-daily',
      name: 'Daily',
      items: [slide('daily', 'Daily', 60_000)],
    })
    await api('POST', '/api/playlists', {
      id: 'lunar-tet',
      name: 'Tết',
      items: [slide('tet', 'Chúc mừng năm mới', 60_000)],
    })
    await approveAndPublish(served.t.app, 'playlist', 'lunar-daily')
    await approveAndPublish(served.t.app, 'playlist', 'lunar-tet')
    await screenWith('lunar-screen', 'lunar-daily')
    const entry = await api('POST', '/api/schedules', {
      name: 'Tết Nguyên Đán',
      playlistId: 'lunar-tet',
      target: { type: 'screen', id: 'lunar-screen' },
      lunar: { month: 1, days: [1, 2, 3] },
    })
    await approveAndPublish(served.t.app, 'schedule', entry.id)

    const page = await open(browser, 'lunar-screen', TET_EVE, true)
    await expect(page.locator('#stage')).toHaveAttribute('data-item-id', 'daily')
    // Eleven seconds on by the page's clock: past midnight, the first day of Tết.
    await page.clock.runFor(11_000)
    await expect(page.locator('#stage')).toHaveAttribute('data-item-id', 'tet')
    expect(await playlistShown(page)).toBe('lunar-tet')
    await page.screenshot({ path: join(ARTIFACTS, 'lunar-tet-1536x768.png') })
    await page.close()
    // The 3rd of the 1st month (8 February) is still Tết; the 4th (9 February) an ordinary day again.
    for (const [day, item] of [
      [8, 'tet'],
      [9, 'daily'],
    ] as const) {
      const later = await open(browser, 'lunar-screen', Date.UTC(2027, 1, day, 3), true)
      await expect(later.locator('#stage')).toHaveAttribute('data-item-id', item)
      await later.close()
    }
  })

  test('shows a clock with the Chinese side’s time and the lunar date in three languages', async ({
    browser,
  }) => {
    await api('POST', '/api/playlists', {
      id: 'lunar-clock',
      name: 'Two clocks',
      items: [
        {
          kind: 'clock',
          durationMs: 600_000,
          secondZone: { timeZone: 'Asia/Shanghai', label: { vi: 'Trung Quốc', zh: '中国', en: 'China' } },
          lunarDate: true,
        },
      ],
    })
    await approveAndPublish(served.t.app, 'playlist', 'lunar-clock')
    await screenWith('lunar-clock-screen', 'lunar-clock')
    const page = await open(browser, 'lunar-clock-screen', THURSDAY_1004)
    const clock = page.locator('#stage .layer.showing .clock')
    await expect(clock.locator('.clock-time')).toHaveText('10:04')
    // Beijing is an hour ahead of the gates.
    await expect(clock.locator('.clock-second-time')).toHaveText('11:04')
    await expect(clock.locator('.clock-second-label')).toHaveText(['Trung Quốc', '中国', 'China'])
    await expect(clock.locator('[data-lang="vi"] .clock-lunar')).toHaveText('18/10 âm lịch')
    await expect(clock.locator('[data-lang="zh"] .clock-lunar')).toHaveText('农历十月十八')
    await expect(clock.locator('[data-lang="en"] .clock-lunar')).toHaveText('lunar 10/18')
    await expect(clock.locator('[data-lang="vi"] .clock-solar')).toHaveText('Thứ Năm, 26 tháng 11, 2026')
    const fits = await clock
      .locator('.clock-box')
      .evaluate((b) => b.scrollWidth <= b.clientWidth + 1 && b.scrollHeight <= b.clientHeight + 1)
    expect(fits).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'lunar-clock-1536x768.png') })
    await page.close()
  })
})

import type { ScreenStatus } from '@playlists/schemas/status'
import { instantOf } from '@playlists/time/zone'
import type { Page } from 'playwright-core'
import { succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW } from '../helpers/browser'
import { multipart, solidPng } from '../helpers/files'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt } from '../helpers/player'
import { weeklyHours } from '../helpers/power'

/**
 * Issue 20 part 3 in Chromium: a player applies its screen's power plan by its own clock. Inside
 * operating hours it dims its own output, measured in the pixels of a screenshot (a picture of
 * one colour fills the screen; the mean pixel value scales with the plan's level); outside them
 * it shows black and reports "off-hours" in its heartbeat.
 */

const ZONE = 'Asia/Ho_Chi_Minh'
/** Monday 2026-12-07, local time of day in minutes. */
const at = (minute: number) => instantOf(ZONE, { year: 2026, month: 12, day: 7 }, minute)
const HOUR = 60
const WIDTH = 1536
const HEIGHT = 768
const COLOUR: [number, number, number] = [200, 220, 240]

const served = serveApp({ clock: () => at(11 * HOUR) }, async (t) => {
  const api = (method: 'POST' | 'PUT', url: string, payload: object) => succeed(t.app, method, url, payload)
  await api('POST', '/api/sites', {
    id: 'gate',
    name: { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' },
    location: { latitude: 21.85, longitude: 106.76 },
  })
  const upload = await t.app.inject({
    method: 'POST',
    url: '/api/media',
    ...multipart([{ filename: 'light.png', data: solidPng(WIDTH, HEIGHT, COLOUR) }]),
  })
  if (upload.statusCode !== 201) throw new Error(upload.body)
  await api('POST', '/api/playlists', {
    id: 'light',
    name: 'Light',
    items: [{ id: 'picture', kind: 'image', mediaId: upload.json().id, durationMs: 600_000 }],
  })
  await approveAndPublish(t.app, 'playlist', 'light')
  await api('POST', '/api/screens', {
    id: 'led',
    siteId: 'gate',
    name: 'LED',
    width: WIDTH,
    height: HEIGHT,
    defaultPlaylistId: 'light',
  })
  const daily = [{ start: '06:00', end: '22:00' }]
  await api('PUT', '/api/sites/gate/power-plan', {
    hours: weeklyHours(daily, daily, daily),
    brightness: {
      mode: 'fixed',
      steps: [
        { from: '06:00', level: 100 },
        { from: '12:00', level: 50 },
        { from: '18:00', level: 20 },
      ],
      cap: null,
    },
  })
})

/**
 * The mean of every channel of every pixel of a screenshot of the player, 0–255, decoded by
 * Chromium itself in a page of its own (the PNG the screenshot gives, drawn on a canvas).
 */
async function meanPixel(player: Page, reader: Page): Promise<number> {
  const png = await player.screenshot()
  return reader.evaluate(async (base64) => {
    const image = new Image()
    image.src = `data:image/png;base64,${base64}`
    await image.decode()
    const canvas = new OffscreenCanvas(image.width, image.height)
    const context = canvas.getContext('2d')!
    context.drawImage(image, 0, 0)
    const data = context.getImageData(0, 0, image.width, image.height).data
    let sum = 0
    for (let i = 0; i < data.length; i += 4) sum += data[i]! + data[i + 1]! + data[i + 2]!
    return sum / ((data.length / 4) * 3)
  }, png.toString('base64'))
}

test('dims the player’s output to the plan’s level, and shows black outside operating hours', async ({
  browser,
}) => {
  const url = playerUrl(served.base, screenToken(served.t.app, 'led'), 'time=local')
  const page = await openPlayerAt(browser, url, at(11 * HOUR), {
    viewport: { width: WIDTH, height: HEIGHT },
    serviceWorkers: NO_SW,
    paused: true,
  })
  const reader = await browser.newPage()
  const power = page.locator('#power')
  await expect(page.locator('img').first()).toBeVisible()
  await expect(power).toHaveAttribute('data-brightness', '100')
  const full = await meanPixel(page, reader)
  // The picture fills the screen: the mean is its colour's.
  expect(full).toBeGreaterThan(200)

  for (const [minute, level] of [
    [12 * HOUR, 50],
    [18 * HOUR, 20],
  ] as const) {
    // The page's clock jumps to a second past the step; the player wakes at the step by itself.
    await page.clock.pauseAt(at(minute) + 1_000)
    await expect(power).toHaveAttribute('data-brightness', String(level))
    const mean = await meanPixel(page, reader)
    expect(Math.abs(mean / full - level / 100), `at ${level} %: ${mean} of ${full}`).toBeLessThan(0.02)
  }

  await page.clock.pauseAt(at(22 * HOUR) + 1_000)
  await expect(power).toHaveAttribute('data-power', 'off-hours')
  await expect(page.locator('#stage')).toHaveAttribute('data-power', 'off-hours')
  expect(await meanPixel(page, reader)).toBeLessThan(0.5)
  // The heartbeat says so: the server's status has the screen off, not dark by fault. (The
  // clock's jumps of hours tripped the socket's ping timeout; running, the clock lets it reconnect.)
  await page.clock.resume()
  await expect
    .poll(async () => {
      const statuses = (await succeed(served.t.app, 'GET', '/api/screens/status')) as ScreenStatus[]
      return statuses.find((s) => s.screenId === 'led')?.report?.power
    })
    .toEqual({ on: false, brightness: 0 })
  await page.clock.pauseAt(at(23 * HOUR))

  // Opening time the next morning: the picture is back at the morning's level.
  await page.clock.pauseAt(at(24 * HOUR + 6 * HOUR) + 1_000)
  await expect(power).toHaveAttribute('data-power', 'on')
  await expect(power).toHaveAttribute('data-brightness', '100')
  expect(Math.abs((await meanPixel(page, reader)) / full - 1)).toBeLessThan(0.02)
  await reader.close()
  await page.close()
})

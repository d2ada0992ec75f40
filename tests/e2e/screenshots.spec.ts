import { readFileSync } from 'node:fs'
import type { ScreenshotReceipt } from '@playlists/schemas/screenshots'
import type { Page } from 'playwright-core'
import { screenBody, siteBody, slide, succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { CHROMIUM } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { multipart } from '../helpers/files'
import { expect, serveApp, test } from '../helpers/fixtures'
import { seedVideo } from '../helpers/media'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * Screenshots, verified, in real Chromium: a paired player plays the seed video, the test captures
 * its frames through DevTools (`Page.captureScreenshot`, the very call the kiosk agent makes) and
 * uploads them with the screen's token; the server renders the expected picture with its own
 * headless Chromium and the player's code, and classifies each frame.
 */

const SCREEN = { width: 960, height: 480 }

const served = serveApp({ screenshots: { chromium: CHROMIUM } }, async (t) => {
  await succeed(t.app, 'POST', '/api/sites', siteBody())
  const form = multipart([
    { filename: 'clouds.mp4', contentType: 'video/mp4', data: readFileSync(seedVideo('border-clouds.mp4')) },
  ])
  const uploaded = await t.app.inject({ method: 'POST', url: '/api/media', ...form })
  if (uploaded.statusCode >= 300) throw new Error(`upload: ${uploaded.body}`)
  const mediaId = uploaded.json().id as string
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'clouds',
    name: 'Clouds',
    items: [{ id: 'v1', kind: 'video', durationMs: 600_000, mediaId }],
  })
  await approveAndPublish(t.app, 'playlist', 'clouds')
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'notices',
    name: 'Notices',
    items: [slide('s1', 'Thông báo')],
  })
  await approveAndPublish(t.app, 'playlist', 'notices')
  await succeed(
    t.app,
    'POST',
    '/api/screens',
    screenBody('gate-video', 'gate', { ...SCREEN, defaultPlaylistId: 'clouds' }),
  )
  await succeed(
    t.app,
    'POST',
    '/api/screens',
    screenBody('gate-notices', 'gate', { ...SCREEN, defaultPlaylistId: 'notices' }),
  )
})

/** The page's frame as the agent takes it: DevTools' capture, PNG, of what the compositor shows. */
async function capture(page: Page): Promise<Buffer> {
  const session = await page.context().newCDPSession(page)
  try {
    const { data } = await session.send('Page.captureScreenshot', { format: 'png' })
    return Buffer.from(data, 'base64')
  } finally {
    await session.detach()
  }
}

/** Uploads a frame as the screen's agent, captured now (by the test's clock, the server's too). */
async function upload(screenId: string, frame: Buffer, capturedAt = Date.now()): Promise<ScreenshotReceipt> {
  const res = await fetch(`${served.base}/api/agent/screenshots`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${screenToken(served.t.app, screenId)}`,
      'content-type': 'image/png',
      'x-gatecast-captured-at': String(capturedAt),
      'x-gatecast-reason': 'on-demand',
    },
    body: new Uint8Array(frame),
    signal: AbortSignal.timeout(45_000),
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as ScreenshotReceipt
}

/** Why the server decided as it did, for a failing assertion to show. */
const detailOf = (id: string) => served.t.app.repos.screenshots.get(id).detail

/**
 * In the page: the video on screen has frames, is moving, and is clear of its loop's seam. The
 * seed video is 6 s of a sunrise; a capture a tenth of a second from the jump back to its start
 * may meet the expected picture on the other side of it (a known limit: a frame at a cut is
 * judged against whichever side the render fell on).
 */
const videoPlays = () => {
  const video = document.querySelector<HTMLVideoElement>('#stage .layer.showing video')
  return (
    !!video &&
    video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA &&
    !video.paused &&
    video.currentTime > 1 &&
    video.currentTime < video.duration - 1.5
  )
}

test.describe('screenshots of a playing screen', () => {
  test.describe.configure({ mode: 'serial' })
  // Each upload waits for the server's Chromium to render the expected picture.
  test.setTimeout(180_000)

  test('the screen’s own frame is as expected; blacked out it is black; the same frame again is frozen', async ({
    playerOf,
  }) => {
    const page = await playerOf('gate-video', { viewport: SCREEN })
    await page.waitForFunction(videoPlays, undefined, { timeout: 30_000 })

    const frame = await capture(page)
    const shown = await upload('gate-video', frame)
    expect(shown.verdict, detailOf(shown.id)).toBe('as-expected')

    // The same picture twice more while the video plays on: the screen is stuck.
    await until(async () => !(await capture(page)).equals(frame), 10_000, 'the video to move on', 200)
    const again = await upload('gate-video', frame)
    expect(again.verdict, detailOf(again.id)).toBe('frozen')

    await page.evaluate(() => {
      document.body.style.background = '#000'
      document.getElementById('stage')!.style.visibility = 'hidden'
    })
    const black = await upload('gate-video', await capture(page))
    expect(black.verdict, detailOf(black.id)).toBe('black')

    // The console's history holds all three, newest first, with the expected picture beside each.
    const history = await served.t.app.inject({ url: '/api/screens/gate-video/screenshots' })
    expect(history.json().items.map((s: { verdict: string }) => s.verdict)).toEqual([
      'black',
      'frozen',
      'as-expected',
    ])
    expect(history.json().items[2].hasExpected).toBe(true)
  })

  test('another screen’s content is wrong content', async ({ playerOf }) => {
    const other = await playerOf('gate-notices', { viewport: SCREEN })
    const wrong = await upload('gate-video', await capture(other))
    expect(wrong.verdict, detailOf(wrong.id)).toBe('wrong-content')
    const incidents = await served.t.app.inject({ url: '/api/alerts/incidents?state=open' })
    expect(incidents.json().items).toMatchObject([{ screenId: 'gate-video', kind: 'screenshot' }])
  })

  test('a browser error page and a white page are error pages', async ({ browser }) => {
    const page = await browser.newPage({ viewport: SCREEN })
    try {
      // Nothing listens on port 9 of loopback: Chromium shows its own "can't be reached" page.
      await page.goto('http://127.0.0.1:9/').catch(() => undefined)
      await expect(page).toHaveURL(/chrome-error|127\.0\.0\.1:9/)
      const error = await upload('gate-video', await capture(page))
      expect(error.verdict, detailOf(error.id)).toBe('error-page')

      await page.setContent('<html><body style="margin:0;background:#fff"></body></html>')
      const white = await upload('gate-video', await capture(page))
      expect(white.verdict, detailOf(white.id)).toBe('error-page')
    } finally {
      await page.close()
    }
  })

  test('the Screens page shows each screen’s newest screenshot with the expected picture beside it, its history, and says when no agent can take one (vi, en)', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, 'screens')
    const cell = s.page.locator('tr[data-screen="gate-video"] .screenshot-latest')
    // The newest capture of the video screen is the white page: an error page, not as expected.
    await expect(cell.locator('.screenshot-verdict')).toHaveText('Trang lỗi của trình duyệt')
    await expect(cell.getByRole('img', { name: /^Ảnh chụp màn hình/ })).toBeVisible()
    await expect(cell.getByRole('img', { name: /^Hình mong đợi/ })).toBeVisible()
    // The image itself arrives, as a picture the browser decoded.
    expect(
      await cell
        .getByRole('img')
        .first()
        .evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0)

    await cell.getByRole('button', { name: 'Lịch sử ảnh chụp' }).click()
    const dialog = s.page.getByRole('dialog')
    await expect(dialog.locator('.screenshot-history > li')).toHaveCount(6)
    await expect(dialog.locator('.screenshot-history > li').last()).toContainText('Đúng như mong đợi')
    await s.page.keyboard.press('Escape')
    await s.close()

    // This branch has no agent channel yet: the button's refusal is said, not a broken page.
    const en = await consoleAs('editor', { language: 'en' })
    await goTo(en.page, 'screens')
    await en.page.getByRole('button', { name: 'Take a screenshot of Screen gate-video now' }).click()
    await expect(
      en.page.getByText(/does not take screenshot requests yet|has no kiosk agent connected/),
    ).toBeVisible()
    await en.close()
  })
})

import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { CANNOT_SHOW, NOTHING_TO_PLAY } from '@player/idle'
import { WEB_LOAD_TIMEOUT_MS } from '@playlists/limits'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { TimelineAnswer } from '@playlists/schemas/timeline'
import type { Browser, Page } from 'playwright-core'
import { type Method, succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW } from '../helpers/browser'
import { itemStart } from '../helpers/documents'
import { makePng, multipart } from '../helpers/files'
import { expect, serveApp, test } from '../helpers/fixtures'
import { type PageServer, startPageServer } from '../helpers/page-server'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt } from '../helpers/player'

/**
 * Issue 17: nothing an operator does can blank a gate screen by accident. In Chromium, against a
 * seeded server: a scheduled playlist whose page's site is withdrawn falls through to the
 * default (the player and the server's timeline agree); a page the player's own policy refuses,
 * a picture whose file is gone and a damaged picture or a missing video are skipped at once,
 * keeping what was on screen or, when nothing was, a card that says so; and a screen with
 * nothing to play says "nothing scheduled now" in three languages.
 */

let pages: PageServer

const served = serveApp({ seed: true })
test.beforeAll(async () => {
  pages = await startPageServer()
})
test.afterAll(async () => {
  await pages?.close()
})

const api = <T = unknown>(method: Method, url: string, payload?: object) =>
  succeed(served.t.app, method, url, payload) as Promise<T>
const documentOf = (screenId: string) => api<ScreenDocument>('GET', `/api/screens/${screenId}/document`)
const slide = (id: string, durationMs = 20_000) => ({
  id,
  kind: 'slide',
  durationMs,
  text: { vi: { title: `Trang ${id}`, body: '' } },
})

/** A playlist on air, and a Chi Ma-sized screen playing it by default (none: no default). */
async function screenWith(id: string, items: unknown[] | null): Promise<ScreenDocument> {
  if (items) {
    await api('POST', '/api/playlists', { id, name: id, items })
    await approveAndPublish(served.t.app, 'playlist', id)
  }
  await api('POST', '/api/screens', {
    id,
    siteId: 'chi-ma',
    name: id,
    width: 1536,
    height: 768,
    defaultPlaylistId: items ? id : null,
  })
  return documentOf(id)
}

const openPlayer = (
  browser: Browser,
  screenId: string,
  at: number,
  options: { paused?: boolean; beforeOpen?: (page: Page) => Promise<void> } = {},
) =>
  openPlayerAt(browser, playerUrl(served.base, screenToken(served.t.app, screenId), 'time=local'), at, {
    viewport: { width: 1536, height: 768 },
    serviceWorkers: NO_SW,
    ...options,
  })

const mainItem = (page: Page) => page.locator('#stage').getAttribute('data-item-id')
const showing = (page: Page) => page.locator('[data-zone-id="main"] .layer.showing')
const errors = (page: Page) => page.evaluate(() => window.gatecast.errors.map((e) => e.message).join('\n'))
/** The lines of the card on screen, by language. */
const cardLines = (page: Page) =>
  showing(page)
    .locator('.idle p')
    .evaluateAll((ps) => ps.map((p) => ({ lang: p.getAttribute('lang'), text: p.textContent })))

/** 10:04 on Thursday 26 November 2026 at the gates (UTC+7). */
const THURSDAY_1004 = Date.UTC(2026, 10, 26, 3, 4, 10)

test.describe('a schedule entry with nothing playable', () => {
  test('falls through to the default when the site of its only page is withdrawn, on screen and in the timeline API', async ({
    browser,
  }) => {
    test.setTimeout(60_000)
    await api('PUT', '/api/web-origins', { origins: [pages.origin] })
    await screenWith('fall', [slide('base', 60_000)])
    await api('POST', '/api/playlists', {
      id: 'fall-page',
      name: 'Page',
      items: [{ id: 'page', kind: 'web', url: `${pages.origin}/ok`, durationMs: 60_000 }],
    })
    await approveAndPublish(served.t.app, 'playlist', 'fall-page')
    const entry = await api<{ id: string }>('POST', '/api/schedules', {
      name: 'All day page',
      playlistId: 'fall-page',
      target: { type: 'screen', id: 'fall' },
      priority: 90,
    })
    await approveAndPublish(served.t.app, 'schedule', entry.id)

    const page = await openPlayer(browser, 'fall', THURSDAY_1004)
    expect(await mainItem(page)).toBe('page')
    expect(await showing(page).locator('iframe.web-page').count()).toBe(1)

    // The admin withdraws the site: the entry's playlist has nothing left, the default plays.
    await api('PUT', '/api/web-origins', { origins: [] })
    await expect.poll(() => mainItem(page), { timeout: 10_000 }).toBe('base')
    expect(await showing(page).locator('.slide').count()).toBe(1)

    const at = await page.evaluate(() => Date.now())
    const from = new Date(at).toISOString()
    const to = new Date(at + 3_600_000).toISOString()
    const answer = await api<TimelineAnswer>('GET', `/api/screens/fall/timeline?from=${from}&to=${to}`)
    const main = answer.zones.find((z) => z.id === 'main')!
    expect(new Set(main.entries.map((e) => `${e.playlistId}/${e.ruleId}`))).toEqual(new Set(['fall/null']))
    expect(main.conflicts).toEqual([])
    await page.close()
  })
})

test.describe('an item that cannot be shown never leaves the screen black', () => {
  test('skips a page whose site the player’s policy refuses at once, keeping the previous item', async ({
    browser,
  }) => {
    test.setTimeout(60_000)
    await api('PUT', '/api/web-origins', { origins: [pages.origin] })
    const doc = await screenWith('refused', [
      slide('before', 30_000),
      { id: 'page', kind: 'web', url: `${pages.origin}/ok`, durationMs: 30_000 },
      slide('after', 30_000),
    ])
    // Off the list behind the publisher's back: the screen's document still holds the page (as a
    // player's saved document does after a withdrawal), but the player's policy no longer allows it.
    served.t.app.db.prepare('DELETE FROM web_origins').run()
    const pageStart = itemStart(doc, 'page', THURSDAY_1004)
    const page = await openPlayer(browser, 'refused', pageStart - 1_000)
    expect(await mainItem(page)).toBe('before')
    await expect.poll(() => errors(page), { timeout: 5_000 }).toMatch(/is not on this screen's allow-list/)
    // Well before the page's load timeout, the previous item is on screen and no frame is.
    await page.clock.fastForward(2_000)
    expect(await mainItem(page)).toBe('before')
    expect(await showing(page).locator('.slide').count()).toBe(1)
    await expect(page.locator('iframe.web-page')).toHaveCount(0)
    expect(await errors(page)).not.toMatch(new RegExp(`within ${WEB_LOAD_TIMEOUT_MS / 1000} s`))
    await page.close()
  })

  test('skips a picture whose file is gone, keeping the previous item, and reports it', async ({
    browser,
  }) => {
    const upload = await served.t.app.inject({
      method: 'POST',
      url: '/api/media',
      ...multipart([{ filename: 'gone.png', data: makePng(64, 32, 17) }]),
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const medium = upload.json() as { id: string; url: string }
    const doc = await screenWith('gone', [
      slide('before'),
      { id: 'picture', kind: 'image', mediaId: medium.id, durationMs: 20_000 },
      slide('after'),
    ])
    const start = itemStart(doc, 'picture', THURSDAY_1004)
    // Stopped on "before" once the document and its files are in; then the file goes.
    const page = await openPlayer(browser, 'gone', start - 5_000, { paused: true })
    expect(await mainItem(page)).toBe('before')
    rmSync(join(served.t.dataDir, medium.url.replace(/^\//, '')))
    // Routing turns Chromium's HTTP cache off: the picture is asked of the server, which lost it.
    await page.route(`**${medium.url}`, (route) => route.continue())
    await page.clock.resume()
    await expect.poll(() => errors(page), { timeout: 15_000 }).toMatch(/cannot be loaded or decoded/)
    await page.clock.pauseAt(start + 2_000)
    expect(await mainItem(page)).toBe('before')
    expect(await showing(page).locator('.slide').count()).toBe(1)
    await expect(page.locator('img.media')).toHaveCount(0)
    await page.close()
  })

  test('shows a card, not black, when a damaged picture or a missing video is due and nothing was on screen', async ({
    browser,
  }) => {
    test.setTimeout(60_000)
    const [video] = await api<{ id: string; url: string }[]>('GET', '/api/media?q=border-clouds&kind=video')
    const [picture] = await api<{ id: string; url: string }[]>('GET', '/api/media?q=huu-nghi-gate&kind=image')
    const doc = await screenWith('broken', [
      { id: 'damaged', kind: 'image', mediaId: picture!.id, durationMs: 20_000 },
      { id: 'clip', kind: 'video', mediaId: video!.id, durationMs: 20_000 },
    ])
    const start = itemStart(doc, 'damaged', THURSDAY_1004)
    // The download before the document is applied succeeds; the element's own request then gets
    // damaged bytes (the picture) or a 404 (the video), as from a cache that lost or broke them.
    const page = await openPlayer(browser, 'broken', start + 500, {
      beforeOpen: async (p) => {
        await p.route('**/media/**', (route) => {
          const type = route.request().resourceType()
          if (type === 'image')
            return route.fulfill({ status: 200, contentType: 'image/jpeg', body: Buffer.alloc(5_000, 0x5a) })
          if (type === 'media') return route.fulfill({ status: 404, body: 'gone' })
          return route.continue()
        })
      },
    })
    expect(await cardLines(page)).toEqual(CANNOT_SHOW)
    expect(await errors(page)).toMatch(/cannot be loaded or decoded/)

    await page.clock.fastForward(20_000)
    await expect.poll(() => errors(page), { timeout: 10_000 }).toContain(`video ${video!.url}`)
    expect(await cardLines(page)).toEqual(CANNOT_SHOW)
    await expect(page.locator('video')).toHaveCount(0)
    await page.close()
  })
})

test.describe('the card of a screen with nothing to play', () => {
  test('says nothing is scheduled now, in Vietnamese, Chinese and English', async ({ browser }) => {
    await screenWith('empty', null)
    const page = await openPlayer(browser, 'empty', THURSDAY_1004)
    expect(await cardLines(page)).toEqual(NOTHING_TO_PLAY)
    expect(NOTHING_TO_PLAY.map((l) => l.text)).toEqual([
      'Hiện không có nội dung nào được lên lịch phát trên màn hình này.',
      '此屏幕当前没有安排播放的内容。',
      'Nothing is scheduled on this screen now.',
    ])
    expect(await showing(page).locator('.idle h1').textContent()).toBe('empty')
    await page.close()
  })
})

import { join } from 'node:path'
import { TEXT_MIN_PX } from '@player/fit-text'
import { SLIDE_BODY_CHARS_MAX, SLIDE_TITLE_CHARS_MAX, WEB_LOAD_TIMEOUT_MS } from '@playlists/limits'
import type { ScreenDocument } from '@playlists/schemas/document'
import { zonePixels } from '@playlists/schemas/layout'
import { resolve } from '@playlists/timeline'
import type { Browser, Page } from 'playwright-core'
import { type Method, succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS, NO_SW } from '../helpers/browser'
import { itemStart } from '../helpers/documents'
import { expect, serveApp, test } from '../helpers/fixtures'
import { recordLayers } from '../helpers/layers'
import { type PageServer, startPageServer } from '../helpers/page-server'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt, waitForSettled } from '../helpers/player'

/**
 * Every content kind and the zoned layout, played by the real player in Chromium against a
 * seeded server: the Chi Ma layout with its main zone, ticker and clock; rotating slides; web
 * pages from the allow-list, and a hung one skipped; videos with and without sound.
 */

let pages: PageServer

const served = serveApp({ seed: true })
test.beforeAll(async () => {
  pages = await startPageServer()
})
test.afterAll(async () => {
  await pages?.close()
})

const api = (method: Method, url: string, payload?: object) => succeed(served.t.app, method, url, payload)

const documentOf = (screenId: string): Promise<ScreenDocument> =>
  api('GET', `/api/screens/${screenId}/document`)

/** A Chi Ma-sized screen playing `items` as its main zone's loop, with or without sound. */
async function screenPlaying(id: string, items: unknown[], extra: Record<string, unknown> = {}) {
  await api('POST', '/api/playlists', { id, name: id, items })
  await approveAndPublish(served.t.app, 'playlist', id)
  await api('POST', '/api/screens', {
    id,
    siteId: 'chi-ma',
    name: id,
    width: 1536,
    height: 768,
    defaultPlaylistId: id,
    ...extra,
  })
  return documentOf(id)
}

/**
 * A player whose clock reads `at` when its first document goes on screen (see openPlayerAt),
 * then runs on, or stays stopped there with `paused`.
 */
const openPlayer = (
  browser: Browser,
  screenId: string,
  at: number,
  { size = { width: 1536, height: 768 }, paused = false } = {},
): Promise<Page> =>
  openPlayerAt(browser, playerUrl(served.base, screenToken(served.t.app, screenId), 'time=local'), at, {
    viewport: size,
    serviceWorkers: NO_SW,
    paused,
  })

const zone = (page: Page, id: string) => page.locator(`[data-zone-id="${id}"]`)
const mainItem = (page: Page) => page.locator('#stage').getAttribute('data-item-id')

/** 10:04 on Thursday 26 November 2026 at the gates (UTC+7). */
const THURSDAY_1004 = Date.UTC(2026, 10, 26, 3, 4, 10)

test.describe('the Chi Ma layout: main zone, ticker and clock', () => {
  test('plays a layout built through the API: main zone, ticker and clock, each in its place', async ({
    browser,
  }) => {
    // The operator's steps: a ticker playlist and a clock playlist, a layout using them, and a
    // Chi Ma-sized screen with that layout and the seeded trade playlist in its main zone.
    await api('POST', '/api/playlists', {
      id: 'e2e-ticker',
      name: 'Ticker',
      items: [
        {
          kind: 'ticker',
          durationMs: 600_000,
          speed: 110,
          text: {
            vi: 'Cửa khẩu làm thủ tục xuất nhập cảnh từ 7:00 đến 22:00',
            zh: '口岸每日7:00至22:00办理出入境手续',
            en: 'The gate processes entry and exit daily from 7:00 to 22:00',
          },
        },
      ],
    })
    await api('POST', '/api/playlists', {
      id: 'e2e-clock',
      name: 'Clock',
      items: [{ kind: 'clock', durationMs: 600_000 }],
    })
    await approveAndPublish(served.t.app, 'playlist', 'e2e-ticker')
    await approveAndPublish(served.t.app, 'playlist', 'e2e-clock')
    await api('POST', '/api/layouts', {
      id: 'e2e-wide',
      name: 'Chi Ma: main, clock, ticker',
      zones: [
        { id: 'main', name: 'Main', x: 0, y: 0, width: 0.72, height: 0.85, playlistId: null },
        { id: 'clock', name: 'Clock', x: 0.72, y: 0, width: 0.28, height: 0.85, playlistId: 'e2e-clock' },
        { id: 'ticker', name: 'Ticker', x: 0, y: 0.85, width: 1, height: 0.15, playlistId: 'e2e-ticker' },
      ],
    })
    await approveAndPublish(served.t.app, 'layout', 'e2e-wide')
    await api('POST', '/api/screens', {
      id: 'chi-ma-e2e',
      siteId: 'chi-ma',
      name: 'Chi Ma (layout test)',
      width: 1536,
      height: 768,
      layoutId: 'e2e-wide',
      defaultPlaylistId: 'trade-investment',
    })
    const doc = await documentOf('chi-ma-e2e')
    expect(doc.layout.zones.map((z) => [z.id, z.defaultPlaylistId])).toEqual([
      ['main', 'trade-investment'],
      ['clock', 'e2e-clock'],
      ['ticker', 'e2e-ticker'],
    ])
    const page = await openPlayer(browser, 'chi-ma-e2e', THURSDAY_1004)

    // Main: the item the timeline gives for this instant.
    const expected = resolve(doc, THURSDAY_1004, 'main').playing!.item.id
    expect(await mainItem(page)).toBe(expected)

    // Each zone where the layout puts it, in whole pixels.
    for (const z of doc.layout.zones) {
      const box = await zone(page, z.id).boundingBox()
      const want = zonePixels(z, 1536, 768)
      expect(box, z.id).toEqual({ x: want.left, y: want.top, width: want.width, height: want.height })
    }

    // Clock: the gate's time and date, whatever the PC's zone.
    const clock = zone(page, 'clock').locator('.layer.showing .clock')
    await expect(clock.locator('.clock-time')).toHaveText('10:04')
    await expect(clock.locator('[data-lang="vi"]')).toHaveText('Thứ Năm, 26 tháng 11, 2026')
    await expect(clock.locator('[data-lang="zh"]')).toHaveText('2026年11月26日星期四')
    await expect(clock.locator('[data-lang="en"]')).toHaveText(/^Thursday,? 26 November 2026$/)
    await expect(clock.locator('[data-lang="zh"]')).toHaveAttribute('lang', 'zh-Hans')
    const clockFits = await clock
      .locator('.clock-box')
      .evaluate((b) => b.scrollWidth <= b.clientWidth + 1 && b.scrollHeight <= b.clientHeight + 1)
    expect(clockFits).toBe(true)

    // Ticker: all three languages, moving right to left.
    const ticker = zone(page, 'ticker').locator('.layer.showing .ticker')
    await expect.poll(() => ticker.locator('.ticker-run').count()).toBeGreaterThan(1)
    const texts = await ticker.locator('.ticker-run').first().locator('.ticker-text').allTextContents()
    expect(texts).toHaveLength(3)
    expect(texts).toEqual([
      'Cửa khẩu làm thủ tục xuất nhập cảnh từ 7:00 đến 22:00',
      '口岸每日7:00至22:00办理出入境手续',
      'The gate processes entry and exit daily from 7:00 to 22:00',
    ])
    // 110 px/s (wrapping around at the end of a cycle counts as moving too).
    const x0 = await trackX(page)
    await expect.poll(() => trackX(page)).not.toBe(x0)

    await page.screenshot({ path: join(ARTIFACTS, 'chi-ma-1536x768-layout-main-clock-ticker.png') })
    await page.close()
  })

  test('keeps the ticker and clock running untouched while the main zone changes item and a new version arrives', async ({
    browser,
  }) => {
    const doc = await documentOf('chi-ma-led')
    const main = doc.playlists[doc.layout.zones[0]!.defaultPlaylistId!]!
    const second = main.items[1]!
    const secondStart = itemStart(doc, second.id, THURSDAY_1004)
    // The page's clock stays where the test puts it: 1.5 s before the second item of the main
    // loop, to mark the zones' layers, then just past its start. What the player shows follows
    // from those instants alone, however slowly the machine answers.
    const page = await openPlayer(browser, 'chi-ma-led', secondStart - 1_500, { paused: true })
    expect(await mainItem(page)).toBe(main.items[0]!.id)
    await page.waitForSelector('[data-zone-id="ticker"] .layer.showing .ticker-run')
    await page.evaluate(() => {
      for (const id of ['ticker', 'clock'])
        (document.querySelector(`[data-zone-id="${id}"] .layer.showing`) as HTMLElement).dataset.marker =
          'first'
    })

    await page.clock.pauseAt(secondStart + 200)
    await expect.poll(() => mainItem(page)).toBe(second.id)
    // A new document version for the screen (an emergency-free republish of its zones' playlists).
    const screen = await api('GET', '/api/screens/chi-ma-led')
    const { createdAt: _c, updatedAt: _u, ...input } = screen
    await api('PUT', '/api/screens/chi-ma-led', { ...input, name: 'Chi Ma outdoor LED (renamed)' })
    // Looked at once every zone has dealt with the new version (data-settled-version), not as soon
    // as it arrives (data-version): a ticker rebuilt a moment later would otherwise pass unseen.
    await waitForSettled(page, doc.version + 1)
    for (const id of ['ticker', 'clock']) {
      const marker = await zone(page, id).locator('.layer.showing').getAttribute('data-marker')
      expect(marker, `${id} was rebuilt`).toBe('first')
    }
    const transitions = await page.evaluate(() => window.gatecast.transitions.map((x) => x.zoneId))
    expect(transitions.filter((z) => z === 'ticker')).toHaveLength(1)
    expect(transitions.filter((z) => z === 'clock')).toHaveLength(1)
    await page.close()
  })
})

/** The ticker track's horizontal offset now, in pixels. */
const trackX = (page: Page) =>
  page
    .locator('[data-zone-id="ticker"] .layer.showing .ticker-track')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).m41)

test.describe('content kinds', () => {
  test('rotates a slide vi → zh → en inside its duration, each language fitted to the whole box', async ({
    browser,
  }) => {
    const doc = await screenPlaying('rotating', [
      {
        id: 'rot',
        kind: 'slide',
        display: 'rotating',
        durationMs: 6_000,
        text: {
          vi: { title: 'Chào mừng đến Lạng Sơn', body: 'Cửa khẩu Quốc tế Hữu Nghị' },
          zh: { title: '欢迎来到谅山', body: '友谊国际口岸' },
          en: { title: 'Welcome to Lạng Sơn', body: 'Hữu Nghị International Border Gate' },
        },
      },
      { id: 'after', kind: 'clock', durationMs: 3_000 },
    ])
    const start = itemStart(doc, 'rot', THURSDAY_1004)
    // The page's clock is moved by the test: each language is looked at inside its share of the
    // 6 s, however slowly the machine answers.
    const page = await openPlayer(browser, 'rotating', start + 200, { paused: true })
    const slide = zone(page, 'main').locator('.layer.showing .slide.rotating')
    for (const [index, lang] of (['vi', 'zh', 'en'] as const).entries()) {
      await page.clock.pauseAt(start + index * 2_000 + 200)
      await expect(slide).toHaveAttribute('data-lang', lang)
      expect(await mainItem(page), lang).toBe('rot')
      // Exactly one language box visible, and it fits.
      const state = await slide.evaluate((s) => {
        const shown = [...s.querySelectorAll<HTMLElement>('.slide-text')].filter((b) => !b.hidden)
        const b = shown[0]!
        return {
          shown: shown.length,
          fits: b.scrollWidth <= b.clientWidth + 1 && b.scrollHeight <= b.clientHeight + 1,
          titlePx: Number.parseFloat(getComputedStyle(b.querySelector('h1')!).fontSize),
        }
      })
      expect(state, lang).toMatchObject({ shown: 1, fits: true })
      // Alone in the box, a language gets far more room than stacked with the two others.
      expect(state.titlePx, lang).toBeGreaterThan(40)
    }
    await page.close()
  })

  test('fits the longest slide the API accepts in the main zone of every seeded layout, in both displays', async ({
    browser,
  }) => {
    // Eight players, each started afresh: about a minute on a busy machine.
    test.setTimeout(180_000)
    const longest = (seed: string, chars: number) =>
      seed.repeat(Math.ceil(chars / seed.length)).slice(0, chars)
    const text = {
      vi: {
        title: longest('Cửa khẩu Quốc tế Hữu Nghị — Lạng Sơn ', SLIDE_TITLE_CHARS_MAX),
        body: longest(
          'Thủ tục nhanh chóng, minh bạch; ưu đãi đầu tư cho doanh nghiệp. ',
          SLIDE_BODY_CHARS_MAX,
        ),
      },
      zh: {
        title: longest('谅山友谊国际口岸欢迎您', SLIDE_TITLE_CHARS_MAX),
        body: longest('手续快捷透明，为投资者提供优惠政策和便利服务。', SLIDE_BODY_CHARS_MAX),
      },
      en: {
        title: longest('Hữu Nghị International Border Gate — Lạng Sơn ', SLIDE_TITLE_CHARS_MAX),
        body: longest('Fast, transparent procedures and incentives for investors. ', SLIDE_BODY_CHARS_MAX),
      },
    }
    await api('POST', '/api/playlists', {
      id: 'longest',
      name: 'Longest',
      items: [
        { id: 'stacked', kind: 'slide', durationMs: 60_000, text },
        { id: 'rotating', kind: 'slide', durationMs: 60_000, text, display: 'rotating' },
      ],
    })
    await approveAndPublish(served.t.app, 'playlist', 'longest')
    for (const [layoutId, width, height] of [
      ['wide-led', 1920, 960],
      ['wide-led', 1536, 768],
      ['wall-16x9', 1920, 1080],
      ['portrait-kiosk', 1080, 1920],
    ] as const) {
      const id = `longest-${layoutId}-${width}`
      await api('POST', '/api/screens', {
        id,
        siteId: 'chi-ma',
        name: id,
        width,
        height,
        layoutId,
        defaultPlaylistId: 'longest',
      })
      const doc = await documentOf(id)
      for (const itemId of ['stacked', 'rotating']) {
        const page = await openPlayer(browser, id, itemStart(doc, itemId, THURSDAY_1004) + 300, {
          size: { width, height },
        })
        expect(await mainItem(page)).toBe(itemId)
        const boxes = await zone(page, 'main')
          .locator('.layer.showing .slide-text')
          .evaluateAll((all) => {
            const els = all as HTMLElement[]
            const shown = els.map((e) => e.hidden)
            // Rotating boxes are measured one at a time, alone in the slide as it shows them.
            const measured = els.map((el) => {
              for (const other of els) other.hidden = other !== el
              return {
                fits: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
                px: Number.parseFloat(getComputedStyle(el).fontSize),
              }
            })
            els.forEach((e, i) => {
              e.hidden = shown[i]!
            })
            return measured
          })
        expect(boxes.length, `${id} ${itemId}`).toBe(itemId === 'stacked' ? 1 : 3)
        for (const box of boxes) {
          expect(box.fits, `${id} ${itemId}: text overflows`).toBe(true)
          expect(box.px, `${id} ${itemId}: below the minimum size`).toBeGreaterThanOrEqual(TEXT_MIN_PX)
        }
        await page.screenshot({ path: join(ARTIFACTS, `longest-slide-${width}x${height}-${itemId}.png`) })
        await page.close()
      }
    }
  })

  test('crossfades between items on a screen that asks for it, releasing the old item after the blend', async ({
    browser,
  }) => {
    const doc = await screenPlaying(
      'fading',
      [
        { id: 'fade-a', kind: 'slide', durationMs: 3_000, text: { vi: { title: 'Một', body: '' } } },
        { id: 'fade-b', kind: 'slide', durationMs: 3_000, text: { vi: { title: 'Hai', body: '' } } },
      ],
      { crossfadeMs: 1_000 },
    )
    expect(doc.screen.crossfadeMs).toBe(1_000)
    const fadeBStart = itemStart(doc, 'fade-b', THURSDAY_1004)
    // Stopped 2.5 s ahead, until the 1 s blend in from the idle card is over.
    const page = await openPlayer(browser, 'fading', fadeBStart - 2_500, { paused: true })
    expect(await mainItem(page)).toBe('fade-a')
    await expect(zone(page, 'main').locator('.layer.leaving')).toHaveCount(0)
    // The blend lasts a second of real time: the page records the layers at each change.
    const changes = await recordLayers(page, 'main')

    // Just past fade-b's start on the page's clock: the switch is due.
    await page.clock.pauseAt(fadeBStart + 100)
    await expect.poll(() => mainItem(page)).toBe('fade-b')
    // After the blend, only the new item remains, fully opaque.
    await expect(zone(page, 'main').locator('.layer.leaving')).toHaveCount(0)
    expect(
      await zone(page, 'main')
        .locator('.layer.showing')
        .evaluate((l) => getComputedStyle(l).opacity),
    ).toBe('1')
    const seen = await changes()
    // As fade-b went on screen: it alone showing, starting transparent with a 1 s blend under way,
    // over fade-a, still drawn beneath it.
    const arrived = seen.find((c) => c.showing === 'fade-b')
    expect(arrived).toMatchObject({
      showingCount: 1,
      blends: [{ state: expect.stringMatching(/^(running|pending)$/), ms: 1_000 }],
      leaving: [{ item: 'fade-a', drawn: true }],
    })
    expect(arrived!.opacity).toBeLessThan(1)
    // fade-a was released only once that blend was over.
    const released = seen.find((c, i) => i > seen.indexOf(arrived!) && c.leaving.length === 0)
    expect(released).toMatchObject({ showing: 'fade-b', opacity: 1, blends: [] })
    await page.close()
  })

  test('shows an allowed web page in a sandboxed iframe', async ({ browser }) => {
    await api('PUT', '/api/web-origins', { origins: [pages.origin] })
    const doc = await screenPlaying('web-ok', [
      { id: 'page', kind: 'web', url: `${pages.origin}/ok`, durationMs: 20_000 },
      { id: 'slide-after', kind: 'slide', durationMs: 5_000, text: { vi: { title: 'Tiếp theo', body: '' } } },
    ])
    const page = await openPlayer(browser, 'web-ok', itemStart(doc, 'page', THURSDAY_1004) + 500)
    expect(await mainItem(page)).toBe('page')
    const frame = zone(page, 'main').locator('.layer.showing iframe.web-page')
    await expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin')
    await expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer')
    const content = page.frames().find((f) => f.url() === `${pages.origin}/ok`)
    expect(await content?.locator('h1').textContent()).toBe('Trang được phép')
    await page.close()
  })

  test('skips a web page that never loads, keeping the previous item on screen, then moves on', async ({
    browser,
  }) => {
    test.setTimeout(60_000)
    await api('PUT', '/api/web-origins', { origins: [pages.origin] })
    const doc = await screenPlaying('web-hung', [
      { id: 'before', kind: 'slide', durationMs: 30_000, text: { vi: { title: 'Trước', body: '' } } },
      { id: 'hung', kind: 'web', url: `${pages.origin}/hang`, durationMs: 30_000 },
      { id: 'next', kind: 'slide', durationMs: 30_000, text: { vi: { title: 'Sau', body: '' } } },
    ])
    const hungStart = itemStart(doc, 'hung', THURSDAY_1004)
    // The page's clock moves only when the test moves it: "before" a second ahead of the page's
    // start, with the page already being loaded beneath it (web pages are prepared 10 s ahead).
    const page = await openPlayer(browser, 'web-hung', hungStart - 1_000, { paused: true })
    expect(await mainItem(page)).toBe('before')
    await page.clock.runFor(100)
    await page.locator('iframe.web-page').waitFor({ state: 'attached' })
    // Past the page's start and its load timeout: it never loaded, so "before" is still shown.
    await page.clock.runFor(WEB_LOAD_TIMEOUT_MS + 1_000)
    await expect
      .poll(() => page.evaluate(() => window.gatecast.errors.map((e) => e.message).join('\n')))
      .toMatch(/did not load within 15 s/)
    expect(await mainItem(page)).toBe('before')
    expect(await zone(page, 'main').locator('.layer.showing .slide').count()).toBe(1)
    expect(await page.evaluate(() => Date.now())).toBeLessThan(itemStart(doc, 'next', THURSDAY_1004))
    // At the next item's start the screen moves on, and the dead frame is gone.
    await page.clock.pauseAt(itemStart(doc, 'next', THURSDAY_1004) + 100)
    await expect.poll(() => mainItem(page)).toBe('next')
    await expect(page.locator('iframe.web-page')).toHaveCount(0)
    expect(pages.hungRequests()).toBeGreaterThan(0)
    await page.close()
  })

  test('plays a video with sound only where the screen and the item both allow it', async ({ browser }) => {
    const media = (await api('GET', '/api/media?q=border-clouds&kind=video')) as { id: string }[]
    const video = { kind: 'video', mediaId: media[0]!.id, durationMs: 10_000 }
    const loud = await screenPlaying('loud', [{ ...video, id: 'v', sound: true }], { audio: true })
    const quietScreen = await screenPlaying('quiet-screen', [{ ...video, id: 'v', sound: true }])
    const quietItem = await screenPlaying('quiet-item', [{ ...video, id: 'v', fit: 'cover' }], {
      audio: true,
    })
    expect(loud.screen.audio).toBe(true)
    expect(quietScreen.screen.audio).toBe(false)
    for (const [doc, muted, fit] of [
      [loud, false, 'contain'],
      [quietScreen, true, 'contain'],
      [quietItem, true, 'cover'],
    ] as const) {
      const page = await openPlayer(browser, doc.screenId, itemStart(doc, 'v', THURSDAY_1004) + 300)
      await page.waitForFunction(
        () => {
          const v = document.querySelector<HTMLVideoElement>('[data-zone-id="main"] .layer.showing video')
          return v !== null && !v.paused && v.currentTime > 0.2
        },
        null,
        { timeout: 10_000 },
      )
      const state = await page
        .locator('[data-zone-id="main"] .layer.showing video')
        .evaluate((v: HTMLVideoElement) => ({ muted: v.muted, fit: getComputedStyle(v).objectFit }))
      expect(state, doc.screenId).toEqual({ muted, fit })
      await page.close()
    }
  })
})

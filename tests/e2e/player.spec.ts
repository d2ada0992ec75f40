import { join } from 'node:path'
import type { ScreenDocument } from '@playlists/schemas/document'
import { resolve } from '@playlists/timeline'
import type { Browser, Page } from 'playwright-core'
import { type PublishAnswer, submitAndApprove } from '../helpers/approval'
import { ARTIFACTS, NO_SW } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { expectOnTime, watchTimers } from '../helpers/on-time'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt, watchFirstShown } from '../helpers/player'

/**
 * The player in Chromium on the seeded screens: trilingual slides, switches on the timeline's
 * instants, a published change without a reload, muted video, and every seeded slide fitted to
 * its screen. Tagged @timed: switches are measured to a quarter of a second, so the file runs
 * alone (playwright.config.ts).
 */

const served = serveApp({ seed: true })

const documentOf = async (screenId: string): Promise<ScreenDocument> =>
  (await served.t.app.inject({ method: 'GET', url: `/api/screens/${screenId}/document` })).json()

/** The playlist the main zone plays when nothing is scheduled. */
const mainDefault = (doc: ScreenDocument): string =>
  doc.layout.zones.find((z) => z.id === 'main')!.defaultPlaylistId!

/** The instant at which `itemId` starts in the screen's default loop (the first loop after the epoch). */
function startOf(doc: ScreenDocument, itemId: string): number {
  const items = doc.playlists[mainDefault(doc)]!.items
  let offset = doc.epochMs
  for (const item of items) {
    if (item.id === itemId) return offset
    offset += item.durationMs
  }
  throw new Error(`no item ${itemId}`)
}

/**
 * Opens a screen's player whose clock reads `at` when its first document goes on screen (it then
 * runs at normal speed, or stays there with `paused`), so the test knows exactly which item the
 * timeline puts on screen.
 */
const openPlayer = (
  browser: Browser,
  screenId: string,
  size: { width: number; height: number },
  at: number,
  paused = false,
): Promise<Page> =>
  openPlayerAt(browser, playerUrl(served.base, screenToken(served.t.app, screenId), 'time=local'), at, {
    viewport: size,
    serviceWorkers: NO_SW,
    paused,
  })

/** The stage, whose `data-item-id` names the main zone's item on screen. */
const stage = (page: Page) => page.locator('#stage')

test.describe('player in Chromium', { tag: '@timed' }, () => {
  test('plays the seeded trilingual slide, then advances to the next item when the timeline says', async ({
    browser,
  }) => {
    const doc = await documentOf('tan-thanh-led')
    const greetingStart = startOf(doc, 'welcome-greeting')
    // Open 9 s into the 12 s greeting, so the switch is due 3 s later. The page's clock stands
    // there while the test reads the slide (a busy machine may take seconds to), then runs on.
    const page = await openPlayer(
      browser,
      'tan-thanh-led',
      { width: 1920, height: 960 },
      greetingStart + 9_000,
      true,
    )

    await expect(stage(page)).toHaveAttribute('data-item-id', 'welcome-greeting')
    const slide = page.locator('.layer.showing .slide')
    await expect(slide.locator('[data-lang="vi"] h1')).toHaveText('Chào mừng quý khách đến với Lạng Sơn')
    await expect(slide.locator('[data-lang="zh"] h1')).toHaveText('欢迎您来到谅山')
    await expect(slide.locator('[data-lang="en"] h1')).toHaveText('Welcome to Lạng Sơn')
    await expect(slide.locator('[data-lang="zh"]')).toHaveAttribute('lang', 'zh-Hans')

    await watchTimers(page)
    await page.clock.resume()
    await expect(stage(page)).toHaveAttribute('data-item-id', 'welcome-gate')
    const transition = await page.evaluate(
      () => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)!,
    )
    const expected = resolve(doc, greetingStart + 12_000).playing!
    expect(transition.itemId).toBe(expected.item.id)
    expect(transition.dueMs).toBe(greetingStart + 12_000)
    // Switched on time: within a quarter of a second of the instant the timeline gives, beyond
    // what a busy machine took from every timer of the page.
    await expectOnTime(page, transition, 250)
    await expect(page.locator('.layer.showing img.fit-cover')).toHaveCount(1)
    await page.close()
  })

  test('shows a published change once it is pushed, without reloading the page', async ({ browser }) => {
    const doc = await documentOf('tan-thanh-led')
    const page = await openPlayer(
      browser,
      'tan-thanh-led',
      { width: 1920, height: 960 },
      startOf(doc, 'welcome-greeting') + 1_000,
    )
    await expect(stage(page)).toHaveAttribute('data-item-id', 'welcome-greeting')
    await page.evaluate(() => {
      ;(window as unknown as { marker: string }).marker = 'same page'
    })

    const { t } = served
    const playlist = (await t.app.inject({ method: 'GET', url: '/api/playlists/welcome' })).json()
    const items = playlist.items.map((i: Record<string, unknown>) => {
      const { text, mediaId, fit, ...rest } = i as {
        text: { vi: object } | null
        mediaId: string | null
        fit: string
      }
      const base = { ...rest, ...(mediaId ? { mediaId } : {}), ...(i.kind === 'slide' ? {} : { fit }) }
      return i.id === 'welcome-greeting'
        ? {
            ...base,
            text: { ...text, vi: { title: 'Xin chào — cập nhật mới', body: 'Nội dung vừa được phát hành.' } },
          }
        : { ...base, ...(text ? { text } : {}) }
    })
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/playlists/welcome',
      payload: { name: playlist.name, items },
    })
    expect(put.statusCode, put.body).toBe(200)

    // From the publication, the moment a change goes on air (submitting and approving it come
    // before), to the moment the player put it up, both on the page's own clock: it comes after
    // the publication, pushed, without a reload. How long that takes is a speed, in the test's
    // output and measured properly by `npm run bench -- fanout`.
    const shown = await watchFirstShown(page, '.layer.showing [data-lang="vi"] h1', 'Xin chào — cập nhật mới')
    const version = await submitAndApprove(t.app, 'playlist', 'welcome')
    const started = await page.evaluate(() => Date.now())
    const published = await t.app.inject({
      method: 'POST',
      url: '/api/playlists/welcome/publish',
      headers: t.team.approver.headers,
      payload: { version },
    })
    expect(published.statusCode, published.body).toBe(200)
    const publish = published.json() as PublishAnswer
    const latency = (await shown()) - started
    console.info(`published change on screen ${latency} ms after the publication`)
    expect(latency).toBeGreaterThanOrEqual(0)
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page')
    await expect(stage(page)).toHaveAttribute('data-version', String(publish.screens[0]!.version))
    await page.close()
  })

  test('plays a muted video from the seeded playlist', async ({ browser }) => {
    for (const [screenId, itemId] of [
      ['tan-thanh-led', 'welcome-clouds'],
      ['chi-ma-led', 'trade-clouds'],
    ] as const) {
      const doc = await documentOf(screenId)
      const page = await openPlayer(
        browser,
        screenId,
        { width: doc.screen.width, height: doc.screen.height },
        startOf(doc, itemId) + 200,
      )
      await expect(stage(page)).toHaveAttribute('data-item-id', itemId)
      await expect
        .poll(() =>
          page.evaluate(() => {
            const v = document.querySelector<HTMLVideoElement>('.layer.showing video')
            return !!v?.muted && !v.paused && v.currentTime > 0.3
          }),
        )
        .toBe(true)
      await page.close()
    }
  })
})

test.describe('player layout on every seeded screen', { tag: '@timed' }, () => {
  /**
   * In every zone, everything inside the showing layer stays inside its zone (the ticker's
   * track scrolls past the edges by design and is left out), the zones stay on the screen, and
   * no text box overflows or shrinks below the minimum.
   */
  async function overflowProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const problems: string[] = []
      const inside = (r: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
        r.left >= b.left - 1 && r.top >= b.top - 1 && r.right <= b.right + 1 && r.bottom <= b.bottom + 1
      const screen = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }
      const zones = document.querySelectorAll<HTMLElement>('.zone')
      if (zones.length === 0) return ['no zones']
      for (const zone of zones) {
        const z = zone.getBoundingClientRect()
        if (!inside(z, screen)) problems.push(`zone ${zone.dataset.zoneId} leaves the screen`)
        const layer = zone.querySelector('.layer.showing')
        if (!layer) {
          problems.push(`zone ${zone.dataset.zoneId}: no layer showing`)
          continue
        }
        for (const el of layer.querySelectorAll<HTMLElement>('*')) {
          if (el.closest('.ticker-track')) continue
          const r = el.getBoundingClientRect()
          if (r.width > 0 && !inside(r, z)) {
            problems.push(
              `${zone.dataset.zoneId}: ${el.tagName}.${el.className} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
            )
          }
        }
        for (const box of layer.querySelectorAll<HTMLElement>('.slide-text:not([hidden]), .clock-box')) {
          if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) {
            problems.push(
              `${zone.dataset.zoneId}: text overflows: ${box.scrollWidth}×${box.scrollHeight} in ${box.clientWidth}×${box.clientHeight}`,
            )
          }
          const size = Number.parseFloat(getComputedStyle(box).fontSize)
          if (size < 12) problems.push(`${zone.dataset.zoneId}: text shrunk below the minimum: ${size}px`)
        }
      }
      return problems
    })
  }

  for (const screenId of ['tan-thanh-led', 'chi-ma-led', 'huu-nghi-wall', 'huu-nghi-kiosk-1']) {
    test(`fits every slide of ${screenId} on the screen`, async ({ browser }) => {
      const doc = await documentOf(screenId)
      const size = { width: doc.screen.width, height: doc.screen.height }
      const slides = doc.playlists[mainDefault(doc)]!.items.filter((i) => i.kind === 'slide')
      expect(slides.length).toBeGreaterThan(0)
      for (const slide of slides) {
        // The clock stands half a second into the slide while the test looks at it.
        const page = await openPlayer(browser, screenId, size, startOf(doc, slide.id) + 500, true)
        await expect(stage(page)).toHaveAttribute('data-item-id', slide.id)
        await page.screenshot({
          path: join(ARTIFACTS, `${screenId}-${size.width}x${size.height}-${slide.id}.png`),
        })
        expect(await overflowProblems(page), `${screenId} ${slide.id}`).toEqual([])
        // The text is fitted to its box, not left tiny: the title is at least 2 % of the short side
        // (the main zone leaves room for the ticker strip and the clock corner).
        const titlePx = await page
          .locator('[data-zone-id="main"] .layer.showing [data-lang="vi"] h1')
          .evaluate((h) => Number.parseFloat(getComputedStyle(h).fontSize))
        expect(titlePx).toBeGreaterThan(Math.min(size.width, size.height) * 0.02)
        await page.close()
      }
    })
  }
})

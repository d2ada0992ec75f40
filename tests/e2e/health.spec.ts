import { IDENTIFY_MS } from '@player/commands'
import { ERROR_STORM, RELOADS_PER_HOUR, VIDEO_STALL_MS } from '@player/watchdog'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { ScreenStatus } from '@playlists/schemas/status'
import { resolve } from '@playlists/timeline'
import type { Browser, Page } from 'playwright-core'
import { createRestartableApp, type Method, seedMinimal, succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW, skewClock } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { expectOnTime, watchTimers } from '../helpers/on-time'
import { playerUrl, screenToken } from '../helpers/pairing'
import { waitForPlayer } from '../helpers/player'

/**
 * The player's side of health in Chromium: it runs on the server's clock whatever its own
 * says, reports heartbeats the server can show, obeys remote commands, and its watchdog
 * reloads a page that is broken — but not in a loop. Tagged @timed: the offsets and switches
 * are measured to a quarter of a second, so the file runs alone (playwright.config.ts).
 */

const served = serveApp({ seed: true })

const api = (method: Method, url: string, payload?: object) => succeed(served.t.app, method, url, payload)

/** A screen whose main zone loops `items` (no layout), created once per test. */
async function screenWith(id: string, items: object[]): Promise<ScreenDocument> {
  await api('POST', '/api/playlists', { id, name: id, items })
  await approveAndPublish(served.t.app, 'playlist', id)
  await api('POST', '/api/screens', {
    id,
    siteId: 'chi-ma',
    name: `Màn hình ${id}`,
    width: 960,
    height: 480,
    defaultPlaylistId: id,
  })
  return api('GET', `/api/screens/${id}/document`)
}

const slides = (prefix: string, n: number, durationMs: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    kind: 'slide',
    durationMs,
    text: { vi: { title: `${prefix} ${i}`, body: '' } },
  }))

/**
 * Opens a player in server-time mode. `skewMs` shifts the page's Date.now (a PC whose clock is
 * off); otherwise the page runs Playwright's fake clock at normal speed, so tests can jump it.
 * (The fake clock advances Date.now in steps, too coarse to measure an offset to the frame.)
 */
async function openPlayer(browser: Browser, screenId: string, skewMs = 0, fakeClock = true): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 480 }, serviceWorkers: NO_SW })
  if (skewMs !== 0) await page.addInitScript(skewClock, skewMs)
  else if (fakeClock) await page.clock.install({ time: Date.now() })
  await page.goto(playerUrl(served.base, screenToken(served.t.app, screenId)))
  await playingAndConnected(page)
  return page
}

/** The player plays its document (however long a cold start takes) and is connected. */
async function playingAndConnected(page: Page): Promise<void> {
  await waitForPlayer(page)
  await expect(page.locator('#stage')).toHaveAttribute('data-connected', 'true')
}

const mainItem = (page: Page) => page.locator('#stage').getAttribute('data-item-id')
/**
 * A mark on the page's root element, which a reload takes away: a locator's assertions wait
 * across the reload, where a script reading the page would fail as its context goes.
 */
const mark = (page: Page) =>
  page.evaluate(() => {
    document.documentElement.dataset.marker = 'before'
  })
const root = (page: Page) => page.locator('html')
/** The page was reloaded since `mark`. */
const reloaded = (page: Page) => expect(root(page)).not.toHaveAttribute('data-marker', 'before')
/** The page was not reloaded since `mark`. */
const notReloaded = (page: Page) => expect(root(page)).toHaveAttribute('data-marker', 'before')

test.describe('server time', { tag: '@timed' }, () => {
  for (const skewMs of [5_000, -5_000]) {
    test(`plays on the server’s clock when the PC’s clock is ${skewMs > 0 ? 'ahead' : 'behind'} by 5 s`, async ({
      browser,
    }) => {
      const id = `skew${skewMs > 0 ? 'ahead' : 'behind'}`
      const doc = await screenWith(id, slides(id, 4, 2_000))
      const page = await openPlayer(browser, id, skewMs)
      await expect
        .poll(async () => Math.abs((await page.evaluate(() => window.gatecast.clockOffsetMs)) + skewMs), {
          timeout: 10_000,
        })
        .toBeLessThan(250)
      const offset = await page.evaluate(() => window.gatecast.clockOffsetMs)
      expect(Math.abs(offset + skewMs)).toBeLessThan(250)
      await watchTimers(page)
      // The next switch happens on the server's instant, and shows the server's item.
      const before = await page.evaluate(() => window.gatecast.transitions.length)
      await expect.poll(() => page.evaluate(() => window.gatecast.transitions.length)).toBeGreaterThan(before)
      const last = await page.evaluate(() => window.gatecast.transitions.at(-1)!)
      await expectOnTime(page, last, 250)
      expect(last.itemId).toBe(resolve(doc, last.dueMs).playing!.item.id)
      // And agrees with the real time of this machine (which is the server's): within 250 ms of
      // some instant of the read. The read's own span is the machine's, not the player's: a busy
      // machine may take a while to answer, and what it shows is right for any instant of it.
      const readFrom = Date.now()
      const shown = await mainItem(page)
      const readTo = Date.now()
      const expected = new Set<string>()
      for (let at = readFrom - 250; at < readTo + 250; at += 50)
        expected.add(resolve(doc, at).playing!.item.id)
      expected.add(resolve(doc, readTo + 250).playing!.item.id)
      expect([...expected]).toContain(shown)
      await page.close()
    })
  }
})

test.describe('heartbeat', { tag: '@timed' }, () => {
  test('reports version, current item, resolution and offset, and the server shows the screen online', async ({
    browser,
  }) => {
    const doc = await screenWith('reporter', slides('rep', 2, 30_000))
    // The real clock: Playwright's fake one replaces `performance`, hiding Chromium's heap figures.
    const page = await openPlayer(browser, 'reporter', 0, false)
    const status: () => Promise<ScreenStatus> = () => api('GET', '/api/screens/reporter/status')
    await expect.poll(async () => (await status()).report?.version, { timeout: 10_000 }).toBe(doc.version)
    // A zone that starts playing is reported at once (its first instants may precede the item).
    await expect
      .poll(async () => (await status()).report?.zones[0]?.itemId ?? null, { timeout: 10_000 })
      .not.toBeNull()
    const s = await status()
    expect(s).toMatchObject({ online: true, appliedVersion: doc.version, publishedVersion: doc.version })
    expect(s.report!.resolution).toEqual({ width: 960, height: 480, pixelRatio: 1 })
    expect(s.report!.zones).toEqual([
      { zoneId: 'main', itemId: await mainItem(page), playlistId: 'reporter' },
    ])
    expect(s.report!.uptimeMs).toBeGreaterThan(0)
    expect(s.report!.memory?.usedBytes).toBeGreaterThan(0)
    await page.close()
    await expect.poll(async () => (await status()).online, { timeout: 5_000 }).toBe(false)
  })
})

test.describe('remote commands', { tag: '@timed' }, () => {
  test('identify shows the screen’s name over everything for 10 s', async ({ browser }) => {
    await screenWith('identify-me', slides('idm', 1, 60_000))
    const page = await openPlayer(browser, 'identify-me')
    await api('POST', '/api/screens/identify-me/commands', { type: 'identify' })
    const card = page.locator('#identify')
    await expect(card).toBeVisible()
    await expect(card).toHaveText('Màn hình identify-me')
    await page.clock.fastForward(IDENTIFY_MS + 500)
    await expect(card).toBeHidden()
    await page.close()
  })

  test('reload reloads the page; clear-cache forgets the stored document and caches, then reloads', async ({
    browser,
  }) => {
    await screenWith('commanded', slides('cmd', 1, 60_000))
    const page = await openPlayer(browser, 'commanded')
    await mark(page)
    await api('POST', '/api/screens/commanded/commands', { type: 'reload' })
    await reloaded(page)
    await playingAndConnected(page)

    await page.evaluate(async () => {
      const cache = await caches.open('gatecast-test-cache')
      await cache.put('/player/probe', new Response('x'))
    })
    expect(await page.evaluate(() => localStorage.getItem('gatecast:document:commanded'))).not.toBeNull()
    await mark(page)
    await api('POST', '/api/screens/commanded/commands', { type: 'clear-cache' })
    await reloaded(page)
    expect(await page.evaluate(() => caches.has('gatecast-test-cache'))).toBe(false)
    // The reloaded player downloaded its document again.
    await waitForPlayer(page)
    expect(await page.evaluate(() => window.gatecast.version)).not.toBeNull()
    await page.close()
  })
})

test.describe('watchdog', { tag: '@timed' }, () => {
  test('reloads a page drowning in uncaught errors, at most a few times an hour', async ({ browser }) => {
    await screenWith('storm', slides('storm', 1, 60_000))
    const page = await openPlayer(browser, 'storm')
    // Real uncaught errors, thrown from callbacks as a broken bundle would (inline scripts, the
    // obvious way, are refused by the player's Content-Security-Policy; timers are faked here).
    const storm = () =>
      page.evaluate((n) => {
        for (let i = 0; i < n; i++)
          queueMicrotask(() => {
            throw new Error(`test storm ${i}`)
          })
      }, ERROR_STORM)
    for (let reload = 1; reload <= RELOADS_PER_HOUR; reload++) {
      await mark(page)
      await storm()
      await reloaded(page)
      await playingAndConnected(page)
    }
    // One more storm in the same hour: reported, but no reload loop.
    await mark(page)
    await storm()
    await expect
      .poll(() => page.evaluate(() => window.gatecast.errors.map((e) => e.message).join('\n')), {
        timeout: 5_000,
      })
      .toMatch(/already reloaded 3 times this hour, leaving it/)
    await notReloaded(page)
    await page.close()
  })

  test('restarts a video whose picture stopped, then reloads if it stays stalled', async ({ browser }) => {
    const media = (await api('GET', '/api/media?q=border-clouds&kind=video')) as { id: string }[]
    await screenWith('stall', [{ id: 'v', kind: 'video', mediaId: media[0]!.id, durationMs: 600_000 }])
    const page = await openPlayer(browser, 'stall')
    await page.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('.layer.showing video')
        return v !== null && !v.paused && v.currentTime > 0.2
      },
      null,
      { timeout: 10_000 },
    )
    await mark(page)
    // Freeze the media clock as a decoder stall would: the element says it plays, time stands still.
    await page.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('.layer.showing video')!
      const frozen = v.currentTime
      Object.defineProperty(v, 'currentTime', { get: () => frozen, configurable: true })
    })
    // runFor fires every watchdog tick on the way (fastForward would fire each timer once).
    await page.clock.runFor(VIDEO_STALL_MS / 2 + 6_000)
    await expect
      .poll(() => page.evaluate(() => window.gatecast.errors.map((e) => e.message).join('\n')), {
        timeout: 5_000,
      })
      .toMatch(/video stalled at .* restarting it/)
    await notReloaded(page)
    await page.clock.runFor(VIDEO_STALL_MS)
    // A reload needs the server within reach (no service worker here). The jumps of the page's
    // clock can outrun socket.io's heartbeat, whose pings come in real time: the player then
    // reconnects first, on its own timers. Time goes on in steps until the watchdog reloads.
    await expect
      .poll(
        async () => {
          const left = await root(page).getAttribute('data-marker')
          // A step that meets the reload half-way fails with the page it ran in; the next poll
          // finds the new page.
          if (left !== null) await page.clock.runFor(1_000).catch(() => undefined)
          return left
        },
        { timeout: 20_000 },
      )
      .toBeNull()
    await page.close()
  })
})

test.describe('reconnecting', { tag: '@timed' }, () => {
  test('comes back after a clean server restart, which tells clients not to reconnect', async ({
    browser,
  }) => {
    const server = await createRestartableApp()
    try {
      await seedMinimal(server.app, 'restart-me', 'pl-restart')
      await server.app.listen({ port: 0, host: '127.0.0.1' })
      const { port } = server.app.server.address() as { port: number }
      const page = await browser.newPage({ viewport: { width: 960, height: 480 }, serviceWorkers: NO_SW })
      await page.goto(playerUrl(`http://127.0.0.1:${port}`, screenToken(server.app, 'restart-me')))
      await playingAndConnected(page)
      // app.close() disconnects every socket before it stops; whether the browser sees that as
      // "io server disconnect" (after which socket.io would not retry without our handler) or as a
      // dropped transport depends on timing, so this proves the return, not which path it took.
      await server.stop()
      await expect(page.locator('#stage')).toHaveAttribute('data-connected', 'false')
      const app = await server.start()
      await app.listen({ port, host: '127.0.0.1' })
      const back = Date.now()
      await expect(page.locator('#stage')).toHaveAttribute('data-connected', 'true', { timeout: 30_000 })
      expect(Date.now() - back).toBeLessThan(30_000)
      await page.close()
    } finally {
      await server.close()
    }
  })
})

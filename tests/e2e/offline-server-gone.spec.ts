import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instantOf } from '@playlists/time/zone'
import { resolve } from '@playlists/timeline'
import type { Page } from 'playwright-core'
import { slide } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { launchPersistentChromium } from '../helpers/browser'
import { expect, test } from '../helpers/fixtures'
import {
  ackOf,
  cachedMedia,
  cleanups,
  controlled,
  newContext,
  playerUrl,
  runCleanups,
  TestServer,
  versionIs,
  waitInPage,
} from '../helpers/offline'
import { PLAYER_COLD_START_MS, startPlayerAt, waitForPlayer } from '../helpers/player'

/**
 * The offline player (issue 5, item 1) in Chromium against a real server that the tests stop and
 * start again: video from the cache with Range requests, a browser restart with the server down,
 * days without a server across dayparts, and the reconnection when it returns.
 */

test.afterEach(runCleanups)

/**
 * Moves the page's stopped clock on a quarter of a second at a time until `predicate` holds in
 * the page: time goes on no faster than the page keeps up, however busy the machine.
 */
async function stepUntil<A>(page: Page, what: string, predicate: (arg: A) => unknown, arg: A): Promise<void> {
  await expect
    .poll(
      async () => {
        const holds = await page.evaluate(predicate as (arg: unknown) => unknown, arg as unknown)
        if (!holds) await page.clock.runFor(250)
        return Boolean(holds)
      },
      { message: what, timeout: 60_000 },
    )
    .toBe(true)
}

test.describe('offline player: server gone', () => {
  test('plays a video from the cache with Range requests after a reload with the server stopped', async ({
    browser,
  }) => {
    const server = await TestServer.start()
    const clip = await server.media('border-clouds.mp4')
    const doc = await server.screen('offline-video', [
      { id: 'clouds', kind: 'video', mediaId: clip.id, durationMs: 60_000, fit: 'cover' },
    ])
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'offline-video'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await controlled(page)
    expect((await cachedMedia(page, [clip.url])).held).toEqual([clip.url])

    await server.stop()
    const media: { status: number; range: string | undefined; fromWorker: boolean }[] = []
    page.on('response', (response) => {
      if (!response.url().includes('/media/')) return
      media.push({
        status: response.status(),
        range: response.request().headers().range,
        fromWorker: response.fromServiceWorker(),
      })
    })
    await page.reload()
    await waitForPlayer(page)
    await waitInPage(
      page,
      'the video to play from the cache',
      () => {
        const v = document.querySelector<HTMLVideoElement>('.layer.showing video')
        return v && !v.paused && v.readyState >= 3 && v.currentTime > 0.5
      },
      null,
      15_000,
    )
    expect(await page.evaluate(() => window.gatecast.connected)).toBe(false)
    expect(media.some((m) => m.status === 206 && m.fromWorker && m.range?.startsWith('bytes='))).toBe(true)

    // The worker's answers to ranges, checked byte for byte.
    const answers = await page.evaluate(async (url) => {
      const get = async (range: string) => {
        const r = await fetch(url, { headers: { Range: range } })
        return {
          status: r.status,
          range: r.headers.get('Content-Range'),
          bytes: (await r.arrayBuffer()).byteLength,
        }
      }
      return {
        head: await get('bytes=0-99'),
        open: await get('bytes=1000-'),
        suffix: await get('bytes=-10'),
        past: await get('bytes=999999999-'),
      }
    }, clip.url)
    const size = doc.assets.find((a) => a.url === clip.url)!.bytes
    expect(answers).toEqual({
      head: { status: 206, range: `bytes 0-99/${size}`, bytes: 100 },
      open: { status: 206, range: `bytes 1000-${size - 1}/${size}`, bytes: size - 1000 },
      suffix: { status: 206, range: `bytes ${size - 10}-${size - 1}/${size}`, bytes: 10 },
      past: { status: 416, range: `bytes */${size}`, bytes: 0 },
    })
  })

  test('boots from the cache when Chromium restarts with the server down, showing the right item', async () => {
    // Two cold starts of Chromium on a profile on disk (the first installs the worker and
    // precaches every font) and a server stop: a bound per start, and some (50 s measured alone on a
    // busy machine; over the default minute among the other browser tests).
    test.setTimeout(4 * PLAYER_COLD_START_MS)
    const server = await TestServer.start()
    const doc = await server.document('tan-thanh-led')
    const profile = mkdtempSync(join(tmpdir(), 'gatecast-profile-'))
    cleanups.push(async () => rmSync(profile, { recursive: true, force: true }))
    const size = { width: doc.screen.width / 2, height: doc.screen.height / 2 }

    let context = await launchPersistentChromium(profile, { viewport: size })
    cleanups.push(() => context.close())
    let page = context.pages()[0] ?? (await context.newPage())
    const loadStarted = Date.now()
    await page.goto(playerUrl(server, 'tan-thanh-led'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    const kb = Math.round(doc.assets.reduce((n, a) => n + a.bytes, 0) / 1024)
    console.log(
      `offline: tan-thanh-led's ${doc.assets.length} assets (${kb} KB) prefetched and applied ${(await ackOf(server, doc.version)).atMs - loadStarted} ms after load`,
    )
    await controlled(page)
    await waitInPage(page, 'every asset cached', () => window.gatecast.offline.pendingVersion === null, null)
    expect(
      (
        await cachedMedia(
          page,
          doc.assets.map((a) => a.url),
        )
      ).held,
    ).toHaveLength(doc.assets.length)
    await context.close()
    await server.stop()

    // The instant the restarted screen opens at: a second into the trilingual greeting.
    const items = doc.playlists.welcome!.items
    const loop = items.reduce((sum, i) => sum + i.durationMs, 0)
    const at = doc.epochMs + Math.ceil((Date.now() - doc.epochMs) / loop) * loop + 1_000
    const expected = resolve(doc, at).playing!
    expect(expected.item.id).toBe('welcome-greeting')

    context = await launchPersistentChromium(profile, { viewport: size })
    cleanups.push(() => context.close())
    page = context.pages()[0] ?? (await context.newPage())
    // Its clock stands at that instant until it plays: the restart may be slow on this machine.
    await startPlayerAt(page, playerUrl(server, 'tan-thanh-led'), at)
    await expect(page.locator('#stage')).toHaveAttribute('data-item-id', expected.item.id)
    expect(await page.evaluate(() => window.gatecast.version)).toBe(doc.version)
    // Chinese text renders in the bundled face, with the server gone.
    const zh = page.locator('[data-zone-id="main"] .layer.showing [data-lang="zh"] h1')
    await expect(zh).toHaveText('欢迎您来到谅山')
    const faces = await page.evaluate(async () => {
      const loaded = await document.fonts.load('700 40px "Gatecast Sans SC"', '欢迎您来到谅山')
      return loaded.map((f) => f.status)
    })
    expect(faces.length).toBeGreaterThan(0)
    expect(faces.every((s) => s === 'loaded')).toBe(true)
  })

  test('switches dayparts on time through days without a server', async ({ browser }) => {
    // The server's clock: 2026-12-01 10:00 in Vietnam. The evening daypart starts at 18:00.
    const zone = 'Asia/Ho_Chi_Minh'
    const now = instantOf(zone, { year: 2026, month: 12, day: 1 }, 10 * 60)
    const server = await TestServer.start({ clock: () => now })
    const entry = await server.api<{ id: string }>('POST', '/api/schedules', {
      name: 'Evening tourism',
      playlistId: 'tourism',
      target: { type: 'screen', id: 'tan-thanh-led' },
      window: { start: '18:00', end: '22:00' },
    })
    await approveAndPublish(server.r.app, 'schedule', entry.id)
    const doc = await server.document('tan-thanh-led')
    // The document carries 21 days of rules, from the start of the server's UTC day.
    expect(doc.horizon.untilMs - doc.horizon.fromMs).toBe(21 * 86_400_000)

    const context = await newContext(browser, { viewport: { width: 960, height: 480 } })
    const page = await context.newPage()
    await page.clock.install({ time: now })
    await page.goto(playerUrl(server, 'tan-thanh-led'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    // The screen's first session online must last until the worker has installed.
    await controlled(page)
    await server.stop()
    await waitInPage(page, 'the disconnect', () => window.gatecast.connected === false, null)

    const mainPlaylist = () =>
      page.evaluate(() => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)?.playlistId)
    // Nineteen days and eight hours later (the document covers 21), five seconds into the evening daypart.
    const evening = instantOf(zone, { year: 2026, month: 12, day: 20 }, 18 * 60)
    expect(evening).toBeLessThan(doc.horizon.untilMs)
    const opening = resolve(doc, evening + 5_000).playing!
    expect(opening).toMatchObject({ playlistId: 'tourism', startMs: evening })
    // The page's clock jumps to a second before the boundary and stands there: after nineteen
    // days of hourly plays to write, a busy machine may take many seconds to catch up, and the
    // clock must not run away meanwhile. From there it goes on only in steps the page has kept up
    // with, so the switch is the player's to make on time, however slow the machine.
    await page.clock.pauseAt(evening - 1_000)
    await stepUntil(
      page,
      `${opening.item.id}, the evening playlist's first item`,
      (id) => window.gatecast.transitions.some((t) => t.zoneId === 'main' && t.itemId === id),
      opening.item.id,
    )
    const shown = await page.evaluate(
      (id) => window.gatecast.transitions.find((t) => t.zoneId === 'main' && t.itemId === id),
      opening.item.id,
    )
    expect(shown).toMatchObject({ playlistId: 'tourism', dueMs: evening })

    // The daypart's picture comes from the cache: the server has been gone for days.
    const picture = doc.playlists.tourism!.items.find((i) => i.kind === 'image')!
    let pictureAt = evening
    for (const item of doc.playlists.tourism!.items) {
      if (item.id === picture.id) break
      pictureAt += item.durationMs
    }
    await page.clock.pauseAt(pictureAt - 1_000)
    await stepUntil(
      page,
      `${picture.id} decoded`,
      (id) =>
        document.getElementById('stage')?.dataset.itemId === id &&
        (document.querySelector<HTMLImageElement>('[data-zone-id="main"] .layer.showing img')?.naturalWidth ??
          0) > 0,
      picture.id,
    )

    // At 22:00 the default playlist returns.
    const late = instantOf(zone, { year: 2026, month: 12, day: 20 }, 22 * 60)
    await page.clock.pauseAt(late - 1_000)
    expect(await mainPlaylist()).toBe('tourism')
    await stepUntil(
      page,
      'the default playlist back at 22:00',
      () => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)?.playlistId === 'welcome',
      null,
    )
    const back = await page.evaluate(
      () => window.gatecast.transitions.filter((t) => t.zoneId === 'main').at(-1)!,
    )
    expect(back.dueMs).toBe(late)
    expect(resolve(doc, late + 5_000).playing!.playlistId).toBe('welcome')
  })

  test('reconnects when the server returns and gets the document published while it was away', async ({
    browser,
  }) => {
    const server = await TestServer.start()
    const doc = await server.screen('offline-return', [slide('before', 'Before', 60_000)])
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'offline-return'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await waitInPage(page, 'the connection', () => window.gatecast.connected, null)

    await server.stop()
    await waitInPage(page, 'the disconnect', () => window.gatecast.connected === false, null)
    // The server comes back on the same data and port, with a document the screen has not seen.
    await server.r.start()
    const newer = await server.publish('offline-return', [slide('after', 'After', 60_000)], 'offline-return')
    expect(newer).toBeGreaterThan(doc.version)
    await server.listen()
    const back = Date.now()
    await waitInPage(page, 'the reconnection', () => window.gatecast.connected, null, 30_000)
    const reconnectMs = Date.now() - back
    await versionIs(page, newer)
    await ackOf(server, newer)
    console.log(
      `offline: reconnected ${reconnectMs} ms after the server returned; version ${newer} applied ${Date.now() - back} ms after`,
    )
    expect(reconnectMs).toBeLessThan(30_000)
    await expect(page.locator('#stage')).toHaveAttribute('data-item-id', 'after')
  })
})

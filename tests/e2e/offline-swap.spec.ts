import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FONTS_CACHE, SHELL_CACHE_PREFIX } from '@player/caches'
import { PLAYER_DIST } from '@server/paths'
import type { Route } from 'playwright-core'
import { slide } from '../helpers/app'
import { expect, test } from '../helpers/fixtures'
import {
  ackOf,
  allCached,
  cachedMedia,
  cleanups,
  controlled,
  gate,
  image,
  newContext,
  playerUrl,
  runCleanups,
  TestServer,
  versionIs,
  waitInPage,
} from '../helpers/offline'
import { waitForPlayer } from '../helpers/player'
import { nothingHappensWithin } from '../helpers/wait'

/**
 * The offline player (issue 5, item 1) in Chromium against a real server, while it is up: the
 * service worker caches the shell, the fonts and every asset before a document is acknowledged
 * (prefetch, then swap), a new build replaces the shell cache, and a browser without a worker or
 * Cache Storage still plays. tests/e2e/offline-server-gone.spec.ts stops the server.
 */

test.afterEach(runCleanups)

test.describe('offline player: prefetch, then swap', () => {
  test('caches the shell, the fonts and every asset before acknowledging a document; a slow or failed download keeps the old document playing', async ({
    browser,
  }) => {
    const server = await TestServer.start()
    const [gateJpg, marketJpg, mountainJpg] = await Promise.all([
      server.media('huu-nghi-gate.jpg'),
      server.media('ky-lua-market.jpg'),
      server.media('mau-son-mountain.jpg'),
    ])
    const intro = slide('intro', 'Offline', 60_000)
    const first = await server.screen('offline-swap', [intro, image('gate', gateJpg.id)])

    const context = await newContext(browser)
    const page = await context.newPage()
    await page.clock.install({ time: Date.now() })
    const loadStarted = Date.now()
    await page.goto(playerUrl(server, 'offline-swap'))
    await waitForPlayer(page)
    await versionIs(page, first.version)
    const firstAck = await ackOf(server, first.version)
    await controlled(page)
    console.log(
      `offline: first document prefetched and applied ${firstAck.atMs - loadStarted} ms after load; worker installed and in control after ${Date.now() - loadStarted} ms`,
    )

    // The shell and every font file are precached; the document's assets are in the media cache.
    const stored = await page.evaluate(
      async ({ fontsName, shellPrefix }) => {
        const names = await caches.keys()
        const shellName = names.find((n) => n.startsWith(shellPrefix))
        const shell = shellName ? await caches.open(shellName) : null
        const shellUrls = shell ? (await shell.keys()).map((r) => new URL(r.url).pathname) : []
        const fonts = await (await caches.open(fontsName)).keys()
        const manifest = (await (await fetch('fonts.json')).json()) as { files: unknown[]; bytes: number }
        const estimate = await navigator.storage.estimate()
        return {
          names,
          shellUrls,
          fonts: fonts.length,
          fontFiles: manifest.files.length,
          fontBytes: manifest.bytes,
          usage: estimate.usage,
        }
      },
      { fontsName: FONTS_CACHE, shellPrefix: SHELL_CACHE_PREFIX },
    )
    expect(stored.shellUrls.sort()).toEqual(
      [
        '/player/',
        '/player/fonts.css',
        '/player/fonts.json',
        '/player/player.css',
        '/player/player.js',
      ].sort(),
    )
    expect(stored.fonts).toBe(stored.fontFiles)
    // The socket and the API are never cached.
    const everything = Object.values(await allCached(page)).flat()
    expect(everything.filter((p) => p.startsWith('/api/') || p.startsWith('/socket.io'))).toEqual([])
    expect((await cachedMedia(page, [gateJpg.url])).held).toEqual([gateJpg.url])
    const persisted = await page.evaluate(() => window.gatecast.offline.persisted)
    console.log(
      `offline: caches ${stored.names.join(', ')}; ${stored.fonts} font files (${(stored.fontBytes / 1e6).toFixed(1)} MB); origin usage ${((stored.usage ?? 0) / 1e6).toFixed(1)} MB; persisted=${persisted}`,
    )

    // A slow download: the new version waits for it while the old one keeps playing.
    const slow = gate()
    await context.route(`**/media/${marketJpg.sha256}.*`, slow.handler)
    const second = await server.publish(
      'offline-swap',
      [intro, image('gate', gateJpg.id), image('market', marketJpg.id)],
      'offline-swap',
    )
    await waitInPage(
      page,
      'the new version pending',
      (v) => window.gatecast.offline.pendingVersion === v,
      second,
    )
    await expect.poll(() => slow.held, { timeout: 5_000 }).toBeGreaterThan(0)
    // A swap that did not wait for the held file would come at once; its absence has no later
    // event short of the next item (a minute away) to wait on.
    await nothingHappensWithin(500)
    expect(await page.evaluate(() => window.gatecast.version)).toBe(first.version)
    expect(server.acks.map((a) => a.version)).not.toContain(second)
    slow.release()
    await versionIs(page, second)
    const secondAck = await ackOf(server, second)
    expect(secondAck.atMs).toBeGreaterThanOrEqual(slow.releasedAt)
    expect((await cachedMedia(page, [gateJpg.url, marketJpg.url])).held).toEqual([gateJpg.url, marketJpg.url])
    await context.unroute(`**/media/${marketJpg.sha256}.*`)

    // A failed download: the old version plays on, the error is shown, and a retry applies it.
    const failing = (route: Route) => route.abort('connectionreset')
    await context.route(`**/media/${mountainJpg.sha256}.*`, failing)
    const third = await server.publish(
      'offline-swap',
      [intro, image('gate', gateJpg.id), image('mountain', mountainJpg.id)],
      'offline-swap',
    )
    await waitInPage(page, 'the asset error', () => window.gatecast.offline.lastAssetError !== null, null)
    const failed = await page.evaluate(() => window.gatecast.offline)
    expect(failed).toMatchObject({ pendingVersion: third })
    expect(failed.lastAssetError).toContain(mountainJpg.url)
    expect(await page.evaluate(() => window.gatecast.version)).toBe(second)
    await context.unroute(`**/media/${mountainJpg.sha256}.*`)
    // The first retry is due within 5 s: jump the page's clock rather than wait.
    await page.clock.fastForward(5_000)
    await versionIs(page, third)
    await ackOf(server, third)
    expect(await page.evaluate(() => window.gatecast.offline)).toMatchObject({
      pendingVersion: null,
      lastAssetError: null,
    })

    // A newer document supersedes one still downloading: only the newer is applied and acknowledged.
    const stuck = gate()
    await context.route(`**/media/${marketJpg.sha256}.*`, stuck.handler)
    const fourth = await server.publish(
      'offline-swap',
      [intro, image('market', marketJpg.id)],
      'offline-swap',
    )
    await waitInPage(
      page,
      'the newer version pending',
      (v) => window.gatecast.offline.pendingVersion === v,
      fourth,
    )
    const fifth = await server.publish('offline-swap', [intro], 'offline-swap')
    await versionIs(page, fifth)
    await ackOf(server, fifth)
    expect(server.acks.map((a) => a.version)).not.toContain(fourth)
    // Files no document in use needs are dropped from the cache once the new one is applied.
    await expect
      .poll(async () => (await cachedMedia(page, [gateJpg.url, mountainJpg.url])).held, { timeout: 5_000 })
      .toEqual([])
    stuck.release()
    await context.unroute(`**/media/${marketJpg.sha256}.*`)
  })

  test('replaces its shell cache when a new build is deployed', async ({ browser }) => {
    // A copy of the build that the test changes as a deployment would.
    const dir = mkdtempSync(join(tmpdir(), 'gatecast-player-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    cpSync(PLAYER_DIST, dir, { recursive: true })
    const server = await TestServer.start({ playerDir: dir })
    const doc = await server.screen('upgraded', [slide('s', 'Upgrade', 60_000)])
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'upgraded'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await controlled(page)
    const before = Object.keys(await allCached(page)).find((n) => n.startsWith(SHELL_CACHE_PREFIX))!
    // The worker script is always revalidated, so browsers see a new one at their next check.
    expect((await fetch(`${server.base}/player/sw.js`)).headers.get('cache-control')).toBe('no-cache')

    // The new build: other styles, and so a worker naming another shell cache.
    const build = before.slice(SHELL_CACHE_PREFIX.length)
    const next = 'feedfacefeedface'
    writeFileSync(
      join(dir, 'player.css'),
      `${readFileSync(join(dir, 'player.css'), 'utf8')}\n/* next build */\n`,
    )
    writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replaceAll(build, next))
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update())
    await expect
      .poll(async () => Object.keys(await allCached(page)).filter((n) => n.startsWith(SHELL_CACHE_PREFIX)), {
        timeout: 10_000,
      })
      .toEqual([`${SHELL_CACHE_PREFIX}${next}`])
    const css = await page.evaluate(async (name) => {
      const cached = await (await caches.open(name)).match('player.css')
      return cached?.text()
    }, `${SHELL_CACHE_PREFIX}${next}`)
    expect(css).toContain('/* next build */')
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated')
  })

  test('still plays online without a service worker or Cache Storage', async ({ browser }) => {
    const server = await TestServer.start()
    const gateJpg = await server.media('huu-nghi-gate.jpg')
    const doc = await server.screen('no-worker', [image('gate', gateJpg.id)])
    // As in an insecure context (plain HTTP on a LAN address): no worker, no caches.
    const context = await newContext(browser, { serviceWorkers: 'block' })
    await context.addInitScript(() => Object.defineProperty(window, 'caches', { value: undefined }))
    const page = await context.newPage()
    await page.goto(playerUrl(server, 'no-worker'))
    await waitForPlayer(page)
    await versionIs(page, doc.version)
    await ackOf(server, doc.version)
    await waitInPage(
      page,
      'the picture',
      () => (document.querySelector<HTMLImageElement>('.layer.showing img')?.naturalWidth ?? 0) > 0,
      null,
    )
    expect(await page.evaluate(() => window.gatecast.offline)).toMatchObject({
      swActive: false,
      pendingVersion: null,
      lastAssetError: null,
    })
  })
})

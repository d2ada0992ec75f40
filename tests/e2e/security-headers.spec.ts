import { createServer, type Server } from 'node:http'
import type { Page } from 'playwright-core'
import { succeed } from '../helpers/app'
import { NO_SW } from '../helpers/browser'
import { openConsole } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { waitForPlayer } from '../helpers/player'

/**
 * Security headers and the Content-Security-Policy, checked in Chromium: the player reaches only
 * its own origin and frames only allow-listed origins; the console loads and works with no
 * violation; media is never a document; every answer carries the common headers.
 */

let allowed: Server
let other: Server
let allowedOrigin: string
let otherOrigin: string

async function page(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader('access-control-allow-origin', '*')
    res.end('<!doctype html><title>page</title><p>a page</p>')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return server
}
const originOf = (s: Server) => `http://127.0.0.1:${(s.address() as { port: number }).port}`

/** Violations the page reports, as "directive blocked-uri". */
async function watchViolations(p: Page): Promise<() => Promise<string[]>> {
  await p.addInitScript(() => {
    ;(window as unknown as { violations: string[] }).violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { violations: string[] }).violations.push(
        `${e.effectiveDirective} ${e.blockedURI}`,
      ),
    )
  })
  return () => p.evaluate(() => (window as unknown as { violations: string[] }).violations)
}

const served = serveApp({ seed: true })
test.beforeAll(async () => {
  allowed = await page()
  other = await page()
  allowedOrigin = originOf(allowed)
  otherOrigin = originOf(other)
  await succeed(served.t.app, 'PUT', '/api/web-origins', { origins: [allowedOrigin] })
})
test.afterAll(async () => {
  allowed?.close()
  other?.close()
})

test.describe('security headers', () => {
  test('sends the common headers and a no-document policy on API answers', async () => {
    const res = await served.t.anonymous({ url: '/api/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
  })

  test('serves media with a sandboxing policy, so a file opened directly runs nothing', async () => {
    const [medium] = served.t.app.repos.media.list()
    const res = await served.t.anonymous({ url: medium!.url })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toMatch(/sandbox/)
  })

  test('lets the player frame allow-listed origins only, and reach no other origin', async ({ browser }) => {
    const context = await browser.newContext({ serviceWorkers: NO_SW })
    const p = await context.newPage()
    const violations = await watchViolations(p)
    const res = await p.goto(playerUrl(served.base, screenToken(served.t.app, 'chi-ma-led')))
    const csp = res!.headers()['content-security-policy']!
    expect(csp).toContain(`frame-src ${allowedOrigin}`)
    expect(csp).toContain("connect-src 'self'")
    await waitForPlayer(p)
    await p.waitForFunction(() => window.gatecast.connected === true)
    const outcome = await p.evaluate(
      async ({ allowedOrigin, otherOrigin }) => {
        const frame = (src: string) =>
          new Promise<string>((resolve) => {
            const f = document.createElement('iframe')
            f.src = src
            f.onload = () => resolve('loaded')
            document.body.append(f)
            setTimeout(() => resolve('timeout'), 2_000)
          })
        const fetched = await fetch(`${otherOrigin}/`).then(
          () => 'fetched',
          () => 'blocked',
        )
        return { allowed: await frame(`${allowedOrigin}/`), other: await frame(`${otherOrigin}/`), fetched }
      },
      { allowedOrigin, otherOrigin },
    )
    expect(outcome.fetched).toBe('blocked')
    // Reported as events, which may follow the frame's own load.
    await expect.poll(violations).toContain(`connect-src ${otherOrigin}/`)
    await expect
      .poll(async () =>
        (await violations()).some((v) => v.startsWith('frame-src') && v.includes(otherOrigin)),
      )
      .toBe(true)
    expect((await violations()).some((v) => v.includes(allowedOrigin))).toBe(false)
    await context.close()
  })

  test('runs the console with no policy violation', async ({ browser }) => {
    const s = await openConsole(browser, served.base)
    const violations = await watchViolations(s.page)
    await s.page.reload()
    await s.page.locator('input[name="username"]').fill('admin')
    await s.page.locator('input[name="password"]').fill('correct horse battery staple')
    await s.page.locator('form button[type="submit"]').click()
    await s.page.locator('header.top-bar').waitFor()
    for (const id of ['screens', 'media', 'playlists', 'reports', 'account']) {
      await s.page.evaluate((h) => {
        location.hash = `#/${h}`
      }, id)
      await s.page.locator('main h1').first().waitFor()
    }
    expect(await violations()).toEqual([])
    await s.close()
  })
})

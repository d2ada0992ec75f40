import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The console has an icon (issue 17): the tab shows Gatecast's mark, not a blank page and a 404
 * in the browser's console. The page names it, the Content-Security-Policy lets it load as an
 * image, and browsers asking for /favicon.ico get the same icon.
 */

const served = serveApp({ seed: true })

test.describe('console favicon', () => {
  test('loads as an image on the console page, with no console error', async ({ browser }) => {
    const { base } = served
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    // Signed out, the console's own "who am I?" is answered 401 by design; anything else counts.
    const expected = (url: string) => url.endsWith('/api/auth/me')
    page.on('console', (m) => {
      if (m.type() === 'error' && !expected(m.location().url))
        problems.push(`${m.text()} ${m.location().url}`)
    })
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('response', (r) => {
      if (r.status() >= 400 && !expected(r.url())) problems.push(`${r.status()} ${r.url()}`)
    })
    await page.goto(`${base}/console/`)
    await expect(page.locator('input[name="username"]')).toBeVisible()

    await expect(page.locator('link[rel="icon"]')).toHaveJSProperty('href', `${base}/console/favicon.svg`)
    const href = `${base}/console/favicon.svg`
    // Loaded and decoded by the page itself, under the console's policy, as the tab would.
    const size = await page.evaluate(async (src) => {
      const img = new Image()
      img.src = src
      await img.decode()
      return [img.naturalWidth, img.naturalHeight]
    }, href)
    expect(size[0]).toBeGreaterThan(0)

    const icon = await context.request.get(href)
    expect(icon.status()).toBe(200)
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/)
    expect(icon.headers()['cache-control']).toBe('public, max-age=86400')

    const root = await context.request.get(`${base}/favicon.ico`)
    expect(root.status()).toBe(200)
    expect(root.headers()['content-type']).toMatch(/^image\/svg\+xml/)
    expect(root.headers()['cache-control']).toBe('public, max-age=86400')
    expect(root.headers()['content-security-policy']).toMatch(/sandbox/)
    expect(await root.body()).toEqual(await icon.body())

    expect(problems).toEqual([])
    await context.close()
  })
})

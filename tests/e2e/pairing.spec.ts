import { join } from 'node:path'
import { CREDENTIALS_KEY } from '@player/credentials'
import type { Page } from 'playwright-core'
import { ARTIFACTS, NO_SW } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { PLAYER_COLD_START_MS, playerStatus, waitForPlayer } from '../helpers/player'

/** A fresh player pairs on screen, plays its screen's content, and goes back to pairing when revoked. */

const served = serveApp({ seed: true })

const SCREEN = 'tan-thanh-led'

/** The code the page shows, once it shows one (a page just opened may be starting cold). */
async function shownCode(page: Page): Promise<string> {
  const code = page.locator('#pairing .pairing-code')
  await code.waitFor({ timeout: PLAYER_COLD_START_MS })
  expect(await playerStatus(page)).toBe('pairing')
  return (await code.getAttribute('data-code')) ?? ''
}

test.describe('pairing a player in Chromium', () => {
  test('shows a code, starts playing its screen once an operator binds it, and pairs again when revoked', async ({
    browser,
  }) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 960 }, serviceWorkers: NO_SW })
    await page.goto(`${served.base}/player/`)

    const code = await shownCode(page)
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/)
    // The instruction in the three languages, with their own scripts and diacritics.
    await expect(page.locator('#pairing p[lang="vi"]')).toHaveText(/Nhập mã này/)
    await expect(page.locator('#pairing p[lang="zh-Hans"]')).toHaveText(/配对本屏幕/)
    await expect(page.locator('#pairing p[lang="en"]')).toHaveText(/pair this screen/)
    await page.screenshot({ path: join(ARTIFACTS, 'pairing-code-1920x960.png') })

    const bound = await served.t.app.inject({
      method: 'POST',
      url: `/api/screens/${SCREEN}/pair`,
      payload: { code },
      headers: served.t.team.editor.headers,
    })
    expect(bound.statusCode, bound.body).toBe(200)

    // The player collects its token and plays the screen's content.
    await waitForPlayer(page)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe(SCREEN)
    expect(await page.locator('#stage').getAttribute('data-item-id')).toMatch(/^welcome-/)
    await expect(page.locator('#pairing')).toHaveCount(0)
    const stored = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? 'null'),
      CREDENTIALS_KEY,
    )
    expect(stored).toEqual({ token: expect.stringMatching(/^gcd_/), screenId: SCREEN })
    expect(served.t.app.repos.screenTokens.list(SCREEN).filter((x) => !x.revokedAt)).toHaveLength(1)

    // Revoked: the socket is dropped, the reconnection refused, and the screen shows a new code.
    await served.t.app.inject({ method: 'DELETE', url: `/api/screens/${SCREEN}/tokens` })
    const again = await shownCode(page)
    expect(again).not.toBe(code)
    expect(await page.evaluate((key) => localStorage.getItem(key), CREDENTIALS_KEY)).toBeNull()
    await page.close()
  })

  test('takes a token from the address, forgets the address, keeps playing after a reload, and takes a rotated token', async ({
    browser,
  }) => {
    const page = await browser.newPage({ viewport: { width: 1536, height: 768 }, serviceWorkers: NO_SW })
    const token = served.t.app.repos.screenTokens.issue('chi-ma-led').secret
    await page.goto(`${served.base}/player/?time=local#token=${token}`)
    await waitForPlayer(page)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe('chi-ma-led')
    expect(page.url()).toBe(`${served.base}/player/?time=local`)
    await page.reload()
    await waitForPlayer(page)
    await expect.poll(() => page.evaluate(() => window.gatecast.connected), { timeout: 15_000 }).toBe(true)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe('chi-ma-led')

    // Rotation: the player stores the new token it is handed, and uses it from then on.
    const rotated = await served.t.app.inject({
      method: 'POST',
      url: '/api/screens/chi-ma-led/tokens/rotate',
    })
    expect(rotated.statusCode, rotated.body).toBe(200)
    const storedToken = () =>
      page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.token, CREDENTIALS_KEY)
    const now = await storedToken()
    expect(now).toMatch(/^gcd_/)
    expect(now).not.toBe(token)
    expect(await page.evaluate(() => window.gatecast.connected)).toBe(true)
    await page.reload()
    await waitForPlayer(page)
    await expect.poll(() => page.evaluate(() => window.gatecast.connected), { timeout: 15_000 }).toBe(true)
    expect(await storedToken()).toBe(now)
    await page.close()
  })
})

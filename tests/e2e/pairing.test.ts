import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CREDENTIALS_KEY } from '../../player/src/credentials'
import { createTestApp, type TestApp } from '../helpers/app'
import { ARTIFACTS, launchChromium, NO_SW } from '../helpers/browser'
import { listen } from '../helpers/listen'
import { PLAYER_COLD_START_MS, playerStatus, waitForPlayer } from '../helpers/player'

/** A fresh player pairs on screen, plays its screen's content, and goes back to pairing when revoked. */

let t: TestApp
let base: string
let browser: Browser

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  base = await listen(t)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

const SCREEN = 'tan-thanh-led'

/** The code the page shows, once it shows one (a page just opened may be starting cold). */
async function shownCode(page: Page): Promise<string> {
  const code = page.locator('#pairing .pairing-code')
  await code.waitFor({ timeout: PLAYER_COLD_START_MS })
  expect(await playerStatus(page)).toBe('pairing')
  return (await code.getAttribute('data-code')) ?? ''
}

describe('pairing a player in Chromium', () => {
  it('shows a code, starts playing its screen once an operator binds it, and pairs again when revoked', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 960 }, serviceWorkers: NO_SW })
    await page.goto(`${base}/player/`)

    const code = await shownCode(page)
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/)
    // The instruction in the three languages, with their own scripts and diacritics.
    await expect.poll(() => page.locator('#pairing p[lang="vi"]').textContent()).toMatch(/Nhập mã này/)
    await expect.poll(() => page.locator('#pairing p[lang="zh-Hans"]').textContent()).toMatch(/配对本屏幕/)
    await expect.poll(() => page.locator('#pairing p[lang="en"]').textContent()).toMatch(/pair this screen/)
    await page.screenshot({ path: join(ARTIFACTS, 'pairing-code-1920x960.png') })

    const bound = await t.app.inject({
      method: 'POST',
      url: `/api/screens/${SCREEN}/pair`,
      payload: { code },
      headers: t.team.editor.headers,
    })
    expect(bound.statusCode, bound.body).toBe(200)

    // The player collects its token and plays the screen's content.
    await waitForPlayer(page)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe(SCREEN)
    expect(await page.locator('#stage').getAttribute('data-item-id')).toMatch(/^welcome-/)
    expect(await page.locator('#pairing').count()).toBe(0)
    const stored = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? 'null'),
      CREDENTIALS_KEY,
    )
    expect(stored).toEqual({ token: expect.stringMatching(/^gcd_/), screenId: SCREEN })
    expect(t.app.repos.screenTokens.list(SCREEN).filter((x) => !x.revokedAt)).toHaveLength(1)

    // Revoked: the socket is dropped, the reconnection refused, and the screen shows a new code.
    await t.app.inject({ method: 'DELETE', url: `/api/screens/${SCREEN}/tokens` })
    const again = await shownCode(page)
    expect(again).not.toBe(code)
    expect(await page.evaluate((key) => localStorage.getItem(key), CREDENTIALS_KEY)).toBeNull()
    await page.close()
  })

  it('takes a token from the address, forgets the address, keeps playing after a reload, and takes a rotated token', async () => {
    const page = await browser.newPage({ viewport: { width: 1536, height: 768 }, serviceWorkers: NO_SW })
    const token = t.app.repos.screenTokens.issue('chi-ma-led').secret
    await page.goto(`${base}/player/?time=local#token=${token}`)
    await waitForPlayer(page)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe('chi-ma-led')
    expect(page.url()).toBe(`${base}/player/?time=local`)
    await page.reload()
    await waitForPlayer(page)
    await expect.poll(() => page.evaluate(() => window.gatecast.connected), { timeout: 15_000 }).toBe(true)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe('chi-ma-led')

    // Rotation: the player stores the new token it is handed, and uses it from then on.
    const rotated = await t.app.inject({ method: 'POST', url: '/api/screens/chi-ma-led/tokens/rotate' })
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

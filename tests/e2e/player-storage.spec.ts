import type { ScreenStatus } from '@playlists/schemas/status'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, succeed, type TestApp } from '../helpers/app'
import { launchChromium, NO_SW } from '../helpers/browser'
import { listen } from '../helpers/listen'
import { playerUrl, screenToken } from '../helpers/pairing'

/** The storage alert's input, from the real player in Chromium: its heartbeat carries the storage estimate. */

let t: TestApp
let base: string
let browser: Browser

beforeAll(async () => {
  t = await createTestApp()
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  base = await listen(t)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

describe('player storage report', () => {
  it('sends navigator.storage.estimate() with each heartbeat', async () => {
    const page = await browser.newPage({ viewport: { width: 960, height: 480 }, serviceWorkers: NO_SW })
    await page.goto(playerUrl(base, screenToken(t.app, 'screen-a')))
    const status = (): Promise<ScreenStatus> => succeed(t.app, 'GET', '/api/screens/screen-a/status')
    await expect.poll(async () => (await status()).report?.storage, { timeout: 10_000 }).toBeTruthy()
    const storage = (await status()).report!.storage!
    expect(storage.quotaBytes).toBeGreaterThan(0)
    expect(storage.usageBytes).toBeGreaterThanOrEqual(0)
    expect(storage.usageBytes).toBeLessThan(storage.quotaBytes)
    await page.close()
  })
})

import type { ScreenStatus } from '@playlists/schemas/status'
import { seedMinimal, succeed } from '../helpers/app'
import { NO_SW } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'

/**
 * The storage alert's input (server/alerts), from the real player in Chromium: its heartbeat
 * carries the storage estimate.
 */

const served = serveApp({}, (t) => seedMinimal(t.app, 'screen-a', 'pl-a'))

test.describe('player storage report', () => {
  test('sends navigator.storage.estimate() with each heartbeat', async ({ browser }) => {
    const { t, base } = served
    const page = await browser.newPage({ viewport: { width: 960, height: 480 }, serviceWorkers: NO_SW })
    await page.goto(playerUrl(base, screenToken(t.app, 'screen-a')))
    const status = (): Promise<ScreenStatus> => succeed(t.app, 'GET', '/api/screens/screen-a/status')
    await expect.poll(async () => (await status()).report?.storage).toBeTruthy()
    const storage = (await status()).report!.storage!
    expect(storage.quotaBytes).toBeGreaterThan(0)
    expect(storage.usageBytes).toBeGreaterThanOrEqual(0)
    expect(storage.usageBytes).toBeLessThan(storage.quotaBytes)
    await page.close()
  })
})

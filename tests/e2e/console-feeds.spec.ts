import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { OnAirEntry } from '@playlists/schemas/feed'
import { succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { feedBody, feedFixture } from '../helpers/feeds'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The feeds page in Chromium: an admin registers the portal's feed and fetches it, the entries
 * show; an approver withdraws an approved entry, and the server puts it on air no more.
 */

const portal = createServer((req, res) => {
  req.resume()
  res.setHeader('content-type', 'application/rss+xml; charset=utf-8')
  res.end(feedFixture('portal-vi.rss.xml'))
})
let feedUrl = ''

const served = serveApp({ seed: true, outbound: { allow: ['127.0.0.1'] } })
test.beforeAll(async () => {
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve))
  feedUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/rss`
})
test.afterAll(async () => {
  portal.closeAllConnections()
  portal.close()
})

const FIRST = 'Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày'

test.describe('console feeds page', () => {
  test('an admin registers a feed, fetches it and reads its entries', async ({ consoleAs }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'feeds')
    await s.page.getByRole('button', { name: 'Register a feed' }).click()
    const dialog = s.page.getByRole('dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('Provincial portal (vi)')
    await dialog.getByLabel('RSS or Atom address').fill(feedUrl)
    await dialog.getByLabel('Filtered words (one per line)').fill('bão')
    await dialog.getByRole('button', { name: 'Save' }).click()
    const row = s.page.locator('tr', { hasText: 'Provincial portal (vi)' })
    await expect(row).toContainText('Not approved yet')
    await expect(row).toContainText('Never fetched')

    await row.getByRole('button', { name: 'Fetch the feed Provincial portal (vi) now' }).click()
    await expect(row).toContainText('Fetched')
    await row.getByRole('button', { name: 'Show the entries of Provincial portal (vi)' }).click()
    const entries = s.page.locator('[data-entry]')
    await expect(entries).toHaveCount(3)
    await expect(entries.first()).toContainText(FIRST)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-feeds-en.png'), fullPage: true })
    await s.close()
  })

  test('a fetch by the server shows on an open page, without a reload', async ({ consoleAs }) => {
    const app = served.t.app
    await succeed(app, 'POST', '/api/feeds', feedBody('live-portal', feedUrl, { name: 'Live portal' }))
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'feeds')
    const row = s.page.locator('tr[data-feed="live-portal"]')
    await expect(row).toContainText('Never fetched')
    let reloaded = false
    s.page.on('framenavigated', (frame) => {
      if (frame === s.page.mainFrame()) reloaded = true
    })
    // The job's fetch, as the cron would run it: nothing on the page asked for it.
    await app.feeds.refresh('live-portal', Date.now())
    await expect(row).toContainText('Fetched')
    expect(reloaded).toBe(false)
    await s.close()
  })

  test('an approver withdraws an entry from every screen (vi)', async ({ consoleAs }) => {
    const app = served.t.app
    await succeed(app, 'POST', '/api/feeds', feedBody('cong-tinh', feedUrl))
    await succeed(app, 'POST', '/api/feeds/cong-tinh/refresh')
    await approveAndPublish(app, 'feed', 'cong-tinh')
    const before: OnAirEntry[] = await succeed(app, 'GET', '/api/feeds/cong-tinh/on-air')
    expect(before.map((e) => e.title)).toContain(FIRST)

    const s = await consoleAs('approver', { language: 'vi' })
    await goTo(s.page, 'feeds')
    const row = s.page.locator('tr[data-feed="cong-tinh"]')
    await expect(row).toContainText('Đang áp dụng phiên bản 1')
    await row.getByRole('button', { name: /Xem các tin/ }).click()
    await s.page.getByRole('button', { name: `Gỡ tin “${FIRST}” khỏi mọi màn hình` }).click()
    await s.page.getByRole('dialog').getByRole('button', { name: 'Gỡ khỏi màn hình' }).click()
    await expect(s.page.locator('[data-entry]', { hasText: FIRST })).toContainText('Đã gỡ lúc')

    const after: OnAirEntry[] = await succeed(app, 'GET', '/api/feeds/cong-tinh/on-air')
    expect(after.map((e) => e.title)).not.toContain(FIRST)

    // The approved version reads on the approvals page like any other kind's.
    await goTo(s.page, 'approvals/feed/cong-tinh/1')
    await expect(s.page.locator('main')).toContainText('Cổng thông tin điện tử tỉnh Lạng Sơn')
    // Its policy's fields in the reader's words.
    await expect(s.page.locator('main')).toContainText('Chu kỳ tải (phút)')
    await expect(s.page.locator('main')).toContainText('Tiếng Việt')
    await expect(s.page.locator('main')).not.toContainText('intervalMinutes')
    await s.close()
  })
})

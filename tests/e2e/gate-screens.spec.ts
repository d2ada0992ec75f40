import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { approveAndPublish, teamOf } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { floodWarningNow, pushAlert, stationSource } from '../helpers/cap'
import { feedBody, feedFixture } from '../helpers/feeds'
import { expect, serveApp, test } from '../helpers/fixtures'
import { closeLoopbackServers, listenLoopback } from '../helpers/loopback-server'

/**
 * Issue 19's closing picture: every seeded screen size at the gates, on the seeded server with its
 * own layouts, showing live information together: the gate news from a trilingual feed in the
 * ticker zone, the seeded exchange-rate board in the main zone, then an official CAP alert above
 * everything once a second approver lets it on air. The PNGs land in tests/artifacts; the
 * assertions check that each part is really on screen and inside the frame at that size.
 */

/** One seeded screen of each size (the second Hữu Nghị kiosk is the first one's twin). */
const SCREENS = [
  { id: 'tan-thanh-led', width: 1920, height: 960 },
  { id: 'chi-ma-led', width: 1536, height: 768 },
  { id: 'huu-nghi-wall', width: 1920, height: 1080 },
  { id: 'huu-nghi-kiosk-1', width: 1080, height: 1920 },
] as const

const BOARD = {
  id: 'rates-board',
  kind: 'dataset',
  durationMs: 3_600_000,
  datasetId: 'exchange-rates',
  style: 'board',
  rowsPerPage: 3,
}
const TICKER = {
  id: 'gate-news',
  kind: 'feed',
  durationMs: 3_600_000,
  sourceId: 'gate-news',
  style: 'ticker',
  languages: 'interleaved',
}
const HEADLINE_ZH = '支麻口岸自12月10日起的开放时间'

const served = serveApp({ seed: true, outbound: { allow: ['127.0.0.1'] } }, async (t) => {
  const { app } = t
  const portal = await listenLoopback((res) => res.end(feedFixture('mixed-languages.atom.xml')))
  const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await app.inject({ method, url, payload })
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  }
  // The province's trilingual news, approved once as a source.
  await call('POST', '/api/feeds', { ...feedBody('gate-news', portal.url('/all.atom')), language: 'entries' })
  await call('POST', '/api/feeds/gate-news/refresh', {})
  await approveAndPublish(app, 'feed', 'gate-news')
  // The layouts' ticker zone plays the seeded gate ticker playlist: the feed in place of its typed notice.
  const ticker = app.repos.playlists.get('gate-ticker')
  await call('PUT', '/api/playlists/gate-ticker', { name: ticker.name, items: [TICKER] })
  await approveAndPublish(app, 'playlist', 'gate-ticker')
  // Each screen's main zone: the seeded exchange rates as a board. Hữu Nghị's cluster includes
  // portrait kiosks, too narrow for every column at a legible size (the approval refuses it):
  // there the board shows the currency and its two rates.
  for (const id of ['welcome', 'trade-investment', 'tourism']) {
    const board = id === 'tourism' ? { ...BOARD, columns: ['currency', 'buy', 'sell'] } : BOARD
    await call('PUT', `/api/playlists/${id}`, { name: app.repos.playlists.get(id).name, items: [board] })
    await approveAndPublish(app, 'playlist', id)
  }
})

test.afterAll(closeLoopbackServers)

async function expectInside(page: Page, part: Locator, what: string) {
  const box = await part.boundingBox()
  const size = page.viewportSize()
  expect(box, `${what} is laid out`).not.toBeNull()
  if (!box || !size) return
  expect(box.width * box.height, `${what} has an area`).toBeGreaterThan(0)
  expect(box.x, `${what} starts inside the frame`).toBeGreaterThanOrEqual(0)
  expect(box.y + box.height, `${what} ends inside the frame`).toBeLessThanOrEqual(size.height + 0.5)
}

test('each seeded screen size shows the feed ticker, the dataset board, then an approved CAP alert', async ({
  playerOf,
}) => {
  test.setTimeout(180_000)
  const { app } = served.t
  const players: { id: string; page: Page }[] = []
  for (const screen of SCREENS) {
    const page = await playerOf(screen.id, { viewport: { width: screen.width, height: screen.height } })
    players.push({ id: screen.id, page })
  }

  for (const { id, page } of players) {
    const board = page.locator('.layer.showing [data-item-kind="dataset"]')
    await expect(board, id).toHaveClass(/dataset-board/)
    // The seeded rates: the yuan and the dollar.
    await expect(board.locator('.dataset-row'), id).toHaveCount(2)
    await expect(board.locator('.dataset-row .dataset-text .line').first(), id).toBeVisible()
    await expectInside(page, board.locator('.dataset-row .dataset-cell').last(), `${id}'s last row`)
    // Every heading and value whole: no cell cut short (text-overflow) at this size.
    const cut = await board
      .locator('.dataset-cell, .dataset-cell > .line')
      .evaluateAll((cells) =>
        cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
      )
    expect(cut, `${id}'s cells cut short`).toEqual([])
    const ticker = page.locator('.zone[data-zone-id="ticker"] [data-item-kind="feed"] .ticker-text')
    await expect(ticker.filter({ hasText: HEADLINE_ZH }).first(), id).toBeAttached()
    await expectInside(page, page.locator('.zone[data-zone-id="ticker"]'), `${id}'s ticker zone`)
    await page.screenshot({ path: join(ARTIFACTS, `gate-${id}-feed-dataset.png`) })
  }

  // The province's weather station pushes a trilingual flood warning for every gate.
  const station = await stationSource(app, ['chi-ma', 'huu-nghi', 'tan-thanh'])
  const pushed = await pushAlert(app, station, floodWarningNow())
  expect(pushed.statusCode, pushed.body).toBe(200)
  const [result] = pushed.json().results
  expect(result).toMatchObject({ outcome: 'emergency' })
  // Nothing airs before a person approves it.
  for (const { page } of players) await expect(page.locator('#emergency')).toHaveAttribute('hidden', '')
  const approved = await app.inject({
    method: 'POST',
    url: `/api/emergencies/${result.emergencyId}/approve`,
    headers: teamOf(app).approver.headers,
  })
  expect(approved.statusCode, approved.body).toBe(200)

  for (const { id, page } of players) {
    const overlay = page.locator('#emergency')
    await expect(overlay, id).not.toHaveAttribute('hidden')
    await expect(overlay.locator('[data-lang="vi"] h1'), id).toHaveText('Cảnh báo lũ quét tại Cao Lộc')
    await expect(overlay.locator('[data-lang="zh"] h1'), id).toHaveText('高禄县山洪预警')
    await expect(overlay.locator('[data-lang="en"] h1'), id).toHaveText('Flash flood warning for Cao Lộc')
    for (const lang of ['vi', 'zh', 'en']) {
      await expectInside(page, overlay.locator(`[data-lang="${lang}"] h1`), `${id}'s ${lang} headline`)
    }
    await page.screenshot({ path: join(ARTIFACTS, `gate-${id}-cap-alert.png`) })
  }
})

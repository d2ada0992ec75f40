import type { ScreenDocument } from '@playlists/schemas/document'
import type { Page } from 'playwright-core'
import { approveAndPublish, teamOf } from '../helpers/approval'
import { feedBody, feedFixture } from '../helpers/feeds'
import { expect, test } from '../helpers/fixtures'
import { closeLoopbackServers, listenLoopback } from '../helpers/loopback-server'
import { makeJpeg } from '../helpers/media'
import {
  controlled,
  newContext,
  playerUrl,
  runCleanups,
  TestServer,
  versionIs,
  waitInPage,
} from '../helpers/offline'
import { waitForPlayer } from '../helpers/player'

/**
 * Feed items on a paired player in Chromium (issue 19 point 1): a ticker of a trilingual source
 * and a headline card with its picture, both from a feed served on loopback, kept on screen with
 * the server stopped (they are in the stored document and its cached assets), and an entry
 * withdrawn by an approver leaving the screen with the republish.
 */

test.afterEach(async () => {
  await runCleanups()
  await closeLoopbackServers()
})

const CARD_TITLE = 'Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày'
const TICKER = [
  { text: 'Giờ mở cửa khẩu Chi Ma từ ngày 10/12', lang: 'vi' },
  { text: '支麻口岸自12月10日起的开放时间', lang: 'zh-Hans' },
  { text: 'Chi Ma border gate hours from 10 December', lang: 'en' },
]

/** A seeded server, and two approved sources on loopback: the portal's Vietnamese news (with a picture) and a trilingual one. */
async function withFeeds(): Promise<TestServer> {
  const server = await TestServer.start({ outbound: { allow: ['127.0.0.1'] } })
  const jpeg = await makeJpeg(320, 180)
  const portal = await listenLoopback((res, req) => {
    if (req.url === '/anh/xe-hang.jpg') return res.end(jpeg)
    if (req.url?.startsWith('/anh/')) return res.writeHead(404).end()
    if (req.url === '/all.atom') return res.end(feedFixture('mixed-languages.atom.xml'))
    res.end(
      feedFixture('portal-vi.rss.xml')
        .toString('utf8')
        .replaceAll('https://langson.example.gov.vn/anh/', portal.url('/anh/')),
    )
  })
  await server.api('POST', '/api/feeds', feedBody('portal', portal.url('/rss')))
  await server.api('POST', '/api/feeds', {
    ...feedBody('kktck', portal.url('/all.atom')),
    language: 'entries',
  })
  for (const id of ['portal', 'kktck']) {
    await server.api('POST', `/api/feeds/${id}/refresh`)
    await approveAndPublish(server.r.app, 'feed', id)
  }
  return server
}

/** A page playing the screen's document, its worker in control (so a reload finds it offline). */
async function playing(page: Page, server: TestServer, screenId: string, doc: ScreenDocument) {
  await page.goto(playerUrl(server, screenId))
  await waitForPlayer(page)
  await versionIs(page, doc.version)
  await controlled(page)
  await waitInPage(page, 'every asset cached', () => window.gatecast.offline.pendingVersion === null, null)
}

const tickerTexts = (page: Page) => page.locator('.layer.showing [data-item-kind="feed"] .ticker-run').first()

async function expectTicker(page: Page) {
  const spans = tickerTexts(page).locator('.ticker-text')
  await expect(spans).toHaveText(TICKER.map((t) => t.text))
  expect(await spans.evaluateAll((list) => list.map((s) => s.getAttribute('lang')))).toEqual(
    TICKER.map((t) => t.lang),
  )
  // The Chinese headline in the bundled Simplified Chinese face (Noto CJK), offline too.
  const family = await spans.nth(1).evaluate((s) => getComputedStyle(s).fontFamily)
  expect(family.startsWith('"Gatecast Sans SC"')).toBe(true)
}

async function expectCard(page: Page) {
  const card = page.locator('.layer.showing [data-item-kind="feed"] .feed-card:not([hidden])')
  await expect(card.locator('h1')).toHaveText(CARD_TITLE)
  await expect(card.locator('[data-lang="vi"]')).toHaveAttribute('lang', 'vi')
  await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
}

test.describe('feed items on a player', () => {
  test('shows a ticker and a headline card from a loopback feed, and keeps them with the server stopped', async ({
    browser,
  }) => {
    test.setTimeout(180_000)
    const server = await withFeeds()
    const tickerDoc = await server.screen('feed-ticker', [
      {
        id: 'headlines',
        kind: 'feed',
        durationMs: 60_000,
        sourceId: 'kktck',
        style: 'ticker',
        languages: 'interleaved',
      },
    ])
    const cardsDoc = await server.screen('feed-cards', [
      { id: 'cards', kind: 'feed', durationMs: 60_000, sourceId: 'portal', style: 'cards', count: 1 },
    ])
    const card = cardsDoc.playlists['feed-cards']!.items[0]!
    expect(card.kind === 'feed' && card.entries[0]!.media?.url).toBeTruthy()

    // A context each: each page is a screen in front, never a background tab Chromium throttles.
    const ticker = await (await newContext(browser)).newPage()
    await playing(ticker, server, 'feed-ticker', tickerDoc)
    await expectTicker(ticker)
    const cards = await (await newContext(browser)).newPage()
    await playing(cards, server, 'feed-cards', cardsDoc)
    await expectCard(cards)

    await server.stop()
    for (const page of [ticker, cards]) {
      await page.reload()
      await waitForPlayer(page)
      expect(await page.evaluate(() => window.gatecast.connected)).toBe(false)
    }
    await expectTicker(ticker)
    await expectCard(cards)
  })

  test('takes a withdrawn entry off the screen with the republish', async ({ browser }) => {
    const server = await withFeeds()
    const doc = await server.screen('feed-withdraw', [
      { id: 'news', kind: 'feed', durationMs: 60_000, sourceId: 'portal', style: 'ticker' },
    ])
    const item = doc.playlists['feed-withdraw']!.items[0]!
    if (item.kind !== 'feed') throw new Error('the feed item is not in the document')
    const [first, ...rest] = item.entries
    const context = await newContext(browser)
    const page = await context.newPage()
    await playing(page, server, 'feed-withdraw', doc)
    const spans = tickerTexts(page).locator('.ticker-text')
    await expect(spans).toHaveText(item.entries.map((e) => e.title))

    const approver = teamOf(server.r.app).approver
    const res = await server.r.app.inject({
      method: 'POST',
      url: `/api/feeds/portal/entries/${first!.entryId}/withdraw`,
      headers: approver.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    await versionIs(page, doc.version + 1)
    await expect(spans).toHaveText(rest.map((e) => e.title))
    await expect(page.locator(`[data-entry-id="${first!.entryId}"]`)).toHaveCount(0)
  })
})

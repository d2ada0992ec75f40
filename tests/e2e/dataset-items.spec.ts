import type { ScreenDocument } from '@playlists/schemas/document'
import type { Page } from 'playwright-core'
import { approveAndPublish, teamOf } from '../helpers/approval'
import { datasetBody } from '../helpers/datasets'
import { expect, test } from '../helpers/fixtures'
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
 * A dataset board on a paired player in Chromium (issue 19 point 2): the exchange rates in vi,
 * zh and en with their "as of", a quick change by a named approver reaching the screen, rows
 * marked stale once the page's clock passes the dataset's limit, and the board kept through a
 * reload with the server stopped (the rows are in the stored document).
 */

test.afterEach(runCleanups)

const ITEM = {
  id: 'rates',
  kind: 'dataset',
  durationMs: 60_000,
  datasetId: 'rates',
  style: 'board',
  rowsPerPage: 4,
}

async function withRates(): Promise<TestServer> {
  const server = await TestServer.start()
  const { editor, approver2 } = teamOf(server.r.app)
  const res = await server.r.app.inject({
    method: 'POST',
    url: '/api/datasets',
    headers: editor.headers,
    payload: datasetBody('rates', { staleAfterMinutes: 60, quickApprovers: [approver2.id] }),
  })
  expect(res.statusCode, res.body).toBe(201)
  await approveAndPublish(server.r.app, 'dataset', 'rates', { author: editor })
  return server
}

async function playing(page: Page, server: TestServer, doc: ScreenDocument) {
  await page.goto(playerUrl(server, 'rates-board'))
  await waitForPlayer(page)
  await versionIs(page, doc.version)
  await controlled(page)
  await waitInPage(page, 'the document stored', () => window.gatecast.offline.pendingVersion === null, null)
}

const board = (page: Page) => page.locator('.layer.showing [data-item-kind="dataset"]')
const row = (page: Page, id: string) => board(page).locator(`.dataset-row[data-row-id="${id}"]`)

test('shows a board of exchange rates, a quick change, stale marks by the clock, and keeps it offline', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const server = await withRates()
  const doc = await server.screen('rates-board', [ITEM])
  const page = await (await newContext(browser)).newPage()
  await page.clock.install({ time: Date.now() })
  await playing(page, server, doc)

  await expect(board(page)).toHaveClass(/dataset-board/)
  await expect(row(page, 'cny').locator('.dataset-number')).toHaveText('3.520,50 ₫')
  await expect(row(page, 'usd').locator('.dataset-date')).toHaveText('05/12/2026')
  const currency = row(page, 'cny').locator('.dataset-text .line')
  await expect(currency).toHaveText(['Nhân dân tệ', '人民币', 'Yuan'])
  expect(await currency.evaluateAll((spans) => spans.map((s) => s.getAttribute('lang')))).toEqual([
    'vi',
    'zh-Hans',
    'en',
  ])
  const family = await currency.nth(1).evaluate((s) => getComputedStyle(s).fontFamily)
  expect(family.startsWith('"Gatecast Sans SC"')).toBe(true)
  // Each row says when it last changed (hh:mm dd/mm at the gate); nothing is stale yet.
  await expect(row(page, 'cny').locator('.dataset-as-of')).toHaveText(/^\d{2}:\d{2} \d{2}\/\d{2}$/)
  await expect(board(page).locator('.dataset-row.stale')).toHaveCount(0)
  await expect(board(page).locator('.dataset-stale-note')).toBeHidden()

  // A named approver's quick change goes on air at once and reaches the screen.
  const quick = await server.r.app.inject({
    method: 'POST',
    url: '/api/datasets/rates/quick-change',
    headers: teamOf(server.r.app).approver2.headers,
    payload: { rows: [{ id: 'cny', values: { rate: 3541.25 } }], comment: 'Bank rate 08:01' },
  })
  expect(quick.statusCode, quick.body).toBe(200)
  await versionIs(page, doc.version + 1)
  await expect(row(page, 'cny').locator('.dataset-number')).toHaveText('3.541,25 ₫')

  // An hour and a minute on by the page's clock, past the dataset's limit: both rows are marked.
  await page.clock.fastForward('01:01:00')
  await expect(board(page).locator('.dataset-row.stale')).toHaveCount(2)
  await expect(board(page).locator('.dataset-stale-note')).toBeVisible()
  await expect(row(page, 'cny').locator('.dataset-as-of')).toHaveText(/^⚠ /)
  await waitInPage(
    page,
    'the new document stored',
    () => window.gatecast.offline.pendingVersion === null,
    null,
  )

  // The server stops; the board comes back from the stored document, still stale by the clock.
  await server.stop()
  await page.reload()
  await waitForPlayer(page)
  expect(await page.evaluate(() => window.gatecast.connected)).toBe(false)
  await expect(row(page, 'cny').locator('.dataset-number')).toHaveText('3.541,25 ₫')
  await expect(row(page, 'usd').locator('.dataset-number')).toHaveText('25.410,00 ₫')
  await expect(board(page).locator('.dataset-row.stale')).toHaveCount(2)
})

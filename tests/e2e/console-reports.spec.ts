import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PlayEvent } from '@playlists/events'
import type { PlaysReport, UptimeReport } from '@playlists/schemas/reports'
import { ARTIFACTS } from '../helpers/browser'
import { type ConsoleSession, chooseLanguage, goTo, openConsole } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The reports page in Chromium (issue 7 item 3), as an official with the viewer role reads it:
 * the chart draws one bar per day that had plays, the totals are the API's, the CSV link
 * downloads the export, names follow the reader's language, and the printable yearly report
 * prints without the console's navigation.
 */

const DAY = 86_400_000
/** A year wholly in the past or running, at least 40 days back, so every play below is real. */
const YEAR = new Date(Date.now() - 40 * DAY).getUTCFullYear()
/** 10:00 in Lạng Sơn (UTC+7) on a day of YEAR. */
const at = (month: number, day: number, minute = 0) => Date.UTC(YEAR, month - 1, day, 3, minute)

let s: ConsoleSession

const plays = (playlistId: string, itemId: string, startMs: number, count: number): PlayEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    zoneId: 'main',
    itemId,
    playlistId,
    documentVersion: 1,
    startMs: startMs + i * 12_000,
    endMs: startMs + (i + 1) * 12_000,
  }))

const api = async <T>(url: string): Promise<T> => {
  const res = await served.t.app.inject({ method: 'GET', url, headers: served.t.team.viewer.headers })
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}
const yearQuery = `from=${YEAR}-01-01&to=${YEAR}-12-31`

const served = serveApp({ seed: true }, async (t) => {
  t.app.repos.plays.insert('tan-thanh-led', [
    ...plays('welcome', 'welcome-greeting', at(1, 10), 3),
    ...plays('welcome', 'welcome-gate', at(1, 11), 2),
  ])
  t.app.repos.plays.insert('chi-ma-led', plays('trade-investment', 'trade-destination', at(1, 13), 4))
  t.app.repos.plays.insert('huu-nghi-wall', plays('tourism', 'tourism-discover', at(3, 5), 1))
  // One screen's player is up now: the uptime section has something to draw.
  t.app.screenStatus.connected('tan-thanh-led')
})
test.beforeAll(async ({ browser }) => {
  s = await openConsole(browser, served.base, { username: 'viewer', language: 'vi' })
})
test.afterAll(async () => {
  await s?.close()
})

test.describe('reports page', () => {
  test('draws one bar per day with plays and shows the same totals as the API', async () => {
    const { page } = s
    await goTo(page, `reports?year=${YEAR}`)
    const bars = page.locator('svg[data-chart="plays-chart"] rect.bar')
    await bars.first().waitFor()
    const byDay = await api<PlaysReport>(`/api/reports/plays?${yearQuery}&by=day&pageSize=500`)
    expect(byDay.rows.filter((r) => r.plays > 0)).toHaveLength(4)
    await expect(bars).toHaveCount(4)
    // An image with a title and a description, and its figures as a table.
    const chart = page.locator('svg[data-chart="plays-chart"]')
    await expect(chart).toHaveAttribute('role', 'img')
    await expect(chart.locator('title').first()).toHaveText('Lượt phát mỗi ngày')
    await expect(chart.locator('desc')).toContainText('4 cột')
    await expect(page.locator('.chart-table tbody tr').first().locator('td')).toHaveText('3')

    await page.locator('[data-total="plays"]').waitFor()
    await expect(page.locator('[data-total="plays"]')).toHaveAttribute(
      'data-value',
      String(byDay.totals.plays),
    )
    await expect(page.locator('[data-total="plays"]')).toHaveText(
      new Intl.NumberFormat('vi-VN').format(byDay.totals.plays),
    )
    expect(Number(await page.locator('[data-total="seconds"]').getAttribute('data-value'))).toBe(
      byDay.totals.seconds,
    )
    const uptime = await api<UptimeReport>(`/api/reports/uptime?${yearQuery}`)
    const average = uptime.totals.onlineSeconds / uptime.totals.observedSeconds
    expect(Number(await page.locator('[data-total="uptime"]').getAttribute('data-value'))).toBeCloseTo(
      average,
      2,
    )
    await page.locator('svg[data-chart="uptime-chart"]').waitFor()

    // Per month: January and March.
    await page.locator('select[name="step"]').selectOption('month')
    await page.waitForFunction(
      () => document.querySelectorAll('svg[data-chart="plays-chart"] rect.bar').length === 2,
    )
    await page.locator('select[name="step"]').selectOption('day')
    await page.waitForFunction(
      () => document.querySelectorAll('svg[data-chart="plays-chart"] rect.bar').length === 4,
    )
  })

  test('narrows to one border gate, and lists items by name with the most played first', async () => {
    const { page } = s
    await page.locator('select[name="site"]').selectOption('chi-ma')
    await page.waitForFunction(
      () => document.querySelectorAll('svg[data-chart="plays-chart"] rect.bar').length === 1,
    )
    await page.locator('[data-total="plays"][data-value="4"]').waitFor()
    await page.locator('select[name="site"]').selectOption('')
    await page.locator('[data-total="plays"][data-value="10"]').waitFor()

    await page.locator('select[name="group"]').selectOption('item')
    const first = page.locator('table[data-grouping="item"] tbody tr').first()
    await first.waitFor()
    await expect(first.locator('th')).toHaveText('Lạng Sơn — điểm đến của đầu tư và thương mại')
    await expect(first.locator('[data-plays]')).toHaveAttribute('data-plays', '4')
    await expect(page.locator('table[data-grouping="item"] tbody tr')).toHaveCount(4)
    await page.locator('select[name="group"]').selectOption('site')
    await page.locator('table[data-grouping="site"] tbody tr').first().waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'console-reports-vi.png'), fullPage: true })
  })

  test('downloads the CSV of the grouping shown, with names in the reader language', async () => {
    const { page } = s
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a.download').first().click(),
    ])
    expect(download.suggestedFilename()).toBe(`gatecast-plays-by-site-${YEAR}-01-01-${YEAR}-12-31.csv`)
    const text = readFileSync((await download.path()) ?? '', 'utf8')
    // Vietnamese spreadsheets read a decimal comma, so fields are separated by semicolons.
    expect(text.startsWith('\uFEFFMã cửa khẩu;Cửa khẩu;Lượt phát;Số giây phát;Số giờ phát\r\n')).toBe(true)
    expect(text).toContain('\r\ntan-thanh;Cửa khẩu Tân Thanh;5;60;0,02\r\n')
    expect(text).toContain('\r\nchi-ma;Cửa khẩu Chi Ma;4;48;0,01\r\n')
  })

  test('speaks Chinese and English, names included', async () => {
    const { page } = s
    await chooseLanguage(page, 'zh')
    await expect(page.locator('main h1')).toHaveText('播放与运行报告')
    await page.locator('table[data-grouping="site"] th', { hasText: '新清口岸' }).waitFor()
    await expect(page.locator('svg[data-chart="plays-chart"] title').first()).toHaveText('每日播放次数')
    await page.screenshot({ path: join(ARTIFACTS, 'console-reports-zh.png'), fullPage: true })

    await chooseLanguage(page, 'en')
    await expect(page.locator('main h1')).toHaveText('Proof of play and uptime reports')
    await page.locator('table[data-grouping="site"] th', { hasText: 'Tân Thanh Border Gate' }).waitFor()
    const csvHref = await page.locator('a.download').first().getAttribute('href')
    expect(csvHref).toContain('lang=en')
    await page.screenshot({ path: join(ARTIFACTS, 'console-reports-en.png'), fullPage: true })
    await chooseLanguage(page, 'vi')
  })

  test('lays the yearly report out for print, without the navigation', async () => {
    const { page } = s
    await page.locator(`a[href="#/reports/print/${YEAR}"]`).click()
    await page.locator('main h1', { hasText: `Báo cáo năm ${YEAR}` }).waitFor()
    await page.waitForFunction(() => !document.querySelector('main .loading'))
    // Per site and per screen, with plays, uptime and the top items.
    const sites = page.locator('section[aria-labelledby="print-sites"] tbody tr')
    await expect(sites).toHaveCount(3)
    const screens = page.locator('section[aria-labelledby="print-screens"] tbody tr')
    await expect(screens).toHaveCount(5)
    const top = page.locator('section[aria-labelledby="print-top"] tbody tr')
    await expect(top).toHaveCount(4)
    await expect(page.locator('section[aria-labelledby="print-months"] rect.bar')).toHaveCount(2)
    await expect(page.locator('[data-total="plays"]')).toHaveAttribute('data-value', '10')

    await expect(page.locator('header.top-bar')).toBeVisible()
    await expect(page.locator('.report-print > .toolbar')).toBeVisible()
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('header.top-bar')).toBeHidden()
    await expect(page.locator('.report-print > .toolbar')).toBeHidden()
    await expect(page.locator('.report-print .chart-table').first()).toBeHidden()
    await expect(page.locator('main h1')).toBeVisible()
    await page.screenshot({ path: join(ARTIFACTS, 'console-reports-print.png'), fullPage: true })
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // The screens table starts a new page: at least two A4 pages.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2)
    await page.emulateMedia({ media: 'screen' })
  })

  test('says so when the year in the address is not one it can report', async () => {
    const { page } = s
    await goTo(page, 'reports/print/1999')
    await expect(page.locator('main [role="alert"]')).toContainText('1999')
  })
})

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Heartbeat } from '@playlists/events'
import type { AlertRulesList, Incident, IncidentPage } from '@playlists/schemas/alerts'
import type { Language } from '@playlists/schemas/common'
import type { Page } from 'playwright-core'
import { succeed } from '../helpers/app'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The alerts page in Chromium: open incidents (pushed live), history, acknowledging, the rules
 * per border gate and the webhooks with their delivery attempts. The server's clock runs ahead
 * of the real one by `offsetMs`, so the test travels in time without upsetting sign-in cookies.
 */

const MIN = 60_000
let offsetMs = 0
const receiver = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.statusCode = 204
    res.end()
  })
})

const now = () => Date.now() + offsetMs
const travel = (minutes: number) => {
  offsetMs += minutes * MIN
}

const report = (version: number | null, extra: Partial<Heartbeat> = {}): Heartbeat => ({
  version,
  zones: [],
  uptimeMs: 1_000,
  memory: null,
  resolution: { width: 1920, height: 960, pixelRatio: 1 },
  errors: [],
  clockOffsetMs: 0,
  ...extra,
})

const published = (screenId: string) => served.t.app.repos.status.find(screenId)?.publishedVersion ?? null

/** A player that comes up playing what was published, with `extra` in its report. */
function playerUp(screenId: string, extra: Partial<Heartbeat> = {}) {
  served.t.app.screenStatus.connected(screenId)
  served.t.app.screenStatus.heartbeat(screenId, report(published(screenId), extra))
}

const served = serveApp({ seed: true, clock: now, outbound: { allow: ['127.0.0.1'] } })
test.beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  await succeed(served.t.app, 'POST', '/api/alerts/webhooks', {
    name: 'Trực ban tỉnh',
    url: `http://127.0.0.1:${port}/gatecast`,
    secret: 'province-duty-desk-secret',
  })

  // History: Tân Thanh's storage filled up and was freed.
  playerUp('tan-thanh-led', { storage: { usageBytes: 9.6e9, quotaBytes: 10e9 } })
  served.t.app.alerts.evaluate(now())
  travel(30)
  served.t.app.screenStatus.heartbeat(
    'tan-thanh-led',
    report(published('tan-thanh-led'), { storage: { usageBytes: 2e9, quotaBytes: 10e9 } }),
  )
  served.t.app.alerts.evaluate(now())
  // Open: Chi Ma's player went dark 20 minutes ago.
  playerUp('chi-ma-led')
  travel(1)
  served.t.app.screenStatus.disconnected('chi-ma-led')
  travel(20)
  const { opened } = served.t.app.alerts.evaluate(now())
  expect(opened.map((i) => `${i.screenId}:${i.kind}`)).toEqual(['chi-ma-led:offline'])
  await served.t.app.alerts.deliver(now())
})
test.afterAll(async () => {
  receiver.closeAllConnections()
  receiver.close()
})

const KIND_OFFLINE: Record<Language, string> = { vi: 'Mất kết nối', zh: '离线', en: 'Offline' }
const DELIVERED: Record<Language, string> = { vi: 'Đã gửi', zh: '已送达', en: 'Delivered' }

const openRow = (page: Page, screenId: string) =>
  page.locator('section[aria-labelledby="alerts-open-title"] tbody tr', { hasText: screenId })

test.describe('console alerts page', () => {
  for (const language of ['vi', 'zh', 'en'] as const) {
    test(`shows the open incident, the history, the rules and the webhook's deliveries (${language})`, async ({
      consoleAs,
    }) => {
      const s = await consoleAs('admin', { language })
      await goTo(s.page, 'alerts')
      const row = openRow(s.page, 'chi-ma-led')
      await row.waitFor()
      await expect(row).toContainText(KIND_OFFLINE[language])
      const history = s.page.locator('section[aria-labelledby="alerts-history-title"] tbody tr')
      // Each section loads on its own, after the heading.
      await expect(history).toHaveCount(1)
      await expect(history.first()).toContainText('tan-thanh-led')
      // Every border gate is listed in the rules, with the default's thresholds.
      const rules = s.page.locator('section[aria-labelledby="alerts-rules-title"] tbody tr')
      await expect(rules).toHaveCount(4)

      await s.page.locator('[data-webhook] button[aria-pressed]').click()
      const delivery = s.page.locator('[data-delivery]').first()
      await delivery.waitFor()
      await expect(delivery).toContainText(DELIVERED[language])
      await expect(delivery).toContainText('204')
      await s.page.screenshot({ path: join(ARTIFACTS, `console-alerts-${language}.png`), fullPage: true })
      await s.close()
    })
  }

  test('an editor acknowledges the incident; the page and the server both show who', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'alerts')
    // Admin-only parts are not offered.
    await expect(s.page.locator('section[aria-labelledby="alerts-webhooks-title"]')).toHaveCount(0)
    await expect(s.page.getByRole('button', { name: /Set own rules/ })).toHaveCount(0)

    await s.page.getByRole('button', { name: 'Acknowledge the Offline alert of Chi Ma outdoor LED' }).click()
    const dialog = s.page.getByRole('dialog')
    await dialog.getByLabel('Note (optional)').fill('Technician on the way to Chi Ma')
    await dialog.getByRole('button', { name: 'Acknowledge' }).click()
    const row = openRow(s.page, 'chi-ma-led')
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toContain('editor at')
    await expect(row).toContainText('Technician on the way to Chi Ma')

    const open: IncidentPage = await succeed(served.t.app, 'GET', '/api/alerts/incidents?siteId=chi-ma')
    expect(open.items).toEqual([
      expect.objectContaining({
        acknowledgedBy: 'editor',
        acknowledgeNote: 'Technician on the way to Chi Ma',
      }),
    ])
    await s.close()
  })

  test('a new incident appears without reloading the page', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, 'alerts')
    await s.page.locator('.alerts-live').waitFor()
    await expect(openRow(s.page, 'huu-nghi-wall')).toHaveCount(0)

    const errors = [1, 2, 3, 4, 5].map((i) => ({
      atMs: now() - i * 1_000,
      message: `video decode failed (${i})`,
    }))
    playerUp('huu-nghi-wall', { errors })
    const { opened } = served.t.app.alerts.evaluate(now())
    expect(opened.map((i: Incident) => i.kind)).toEqual(['errors'])
    const row = openRow(s.page, 'huu-nghi-wall')
    await row.waitFor({ timeout: 5_000 })
    await expect(row).toContainText('Lỗi lặp lại')
    await expect(row).toContainText('video decode failed (1)')
    await s.close()
  })

  test('an admin gives a border gate its own rules', async ({ consoleAs }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'alerts')
    await s.page.getByRole('button', { name: 'Set own rules for Chi Ma Border Gate' }).click()
    const dialog = s.page.getByRole('dialog')
    await dialog.getByLabel('After how many minutes offline').fill('5')
    await dialog.getByLabel('Alert when the browser storage is nearly full').uncheck()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await s.page
      .getByRole('button', { name: 'Let Chi Ma Border Gate follow the default rules again' })
      .waitFor()

    const rules: AlertRulesList = await succeed(served.t.app, 'GET', '/api/alerts/rules')
    expect(rules.sites).toEqual([
      expect.objectContaining({
        siteId: 'chi-ma',
        rules: expect.objectContaining({
          offline: { enabled: true, afterMinutes: 5 },
          storage: { enabled: false, percent: 90 },
        }),
      }),
    ])
    await s.close()
  })

  test('an admin lets the gate follow the default again and deletes the webhook, each after a confirmation', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'alerts')
    await s.page
      .getByRole('button', { name: 'Let Chi Ma Border Gate follow the default rules again' })
      .click()
    let dialog = s.page.locator('dialog[open]')
    await expect(dialog).toContainText('Chi Ma Border Gate')
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(((await succeed(served.t.app, 'GET', '/api/alerts/rules')) as AlertRulesList).sites).toHaveLength(
      1,
    )
    await s.page
      .getByRole('button', { name: 'Let Chi Ma Border Gate follow the default rules again' })
      .click()
    await s.page.locator('dialog[open] button.danger').click()
    await s.page.getByRole('button', { name: 'Set own rules for Chi Ma Border Gate' }).waitFor()
    expect(((await succeed(served.t.app, 'GET', '/api/alerts/rules')) as AlertRulesList).sites).toEqual([])

    await s.page.getByRole('button', { name: 'Delete the webhook Trực ban tỉnh' }).click()
    dialog = s.page.locator('dialog[open]')
    await expect(dialog).toContainText('Trực ban tỉnh')
    await dialog.locator('button.danger').click()
    await s.page.locator('[data-webhook]').first().waitFor({ state: 'detached' })
    expect(await succeed(served.t.app, 'GET', '/api/alerts/webhooks')).toEqual([])
    await s.close()
  })
})

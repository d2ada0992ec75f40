import { join } from 'node:path'
import { ARTIFACTS } from '../helpers/browser'
import { floodWarningNow, pushAlert, stationSource } from '../helpers/cap'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * An official alert end to end in Chromium, on the seeded server: the province's station pushes a
 * trilingual CAP 1.2 flood warning with its source token; it waits, off air, until a second
 * approver reads its CAP origin on the approvals page and approves it; then the paired Hữu Nghị
 * wall shows it above everything in Vietnamese, Chinese and English.
 */

const served = serveApp({ seed: true }, async (t) => {
  // Hữu Nghị stands inside the fixture's polygon; no other seeded gate does.
  const site = t.app.repos.sites.get('huu-nghi')
  t.app.repos.sites.update('huu-nghi', { ...site, location: { latitude: 21.9722, longitude: 106.705 } })
})

test('a pushed CAP alert reaches the paired Hữu Nghị wall after approval, in three languages', async ({
  consoleAs,
  playerOf,
}) => {
  test.setTimeout(90_000)
  const { app } = served.t
  const station = await stationSource(app)

  const player = await playerOf('huu-nghi-wall', { viewport: { width: 1920, height: 1080 } })
  const overlay = player.locator('#emergency')

  const pushed = await pushAlert(app, station, floodWarningNow())
  expect(pushed.statusCode, pushed.body).toBe(200)
  const [result] = pushed.json().results
  expect(result).toMatchObject({ outcome: 'emergency' })
  await expect(overlay).toHaveAttribute('hidden', '')

  // The approver sees where it came from before putting it on air.
  const approver = await consoleAs('approver', { language: 'en' })
  await goTo(approver.page, 'approvals')
  const waiting = approver.page.locator(`.emergency-pending tr[data-id="${result.emergencyId}"]`)
  await expect(waiting).toContainText('Official alert (CAP)')
  await expect(waiting).toContainText('Source: Đài KTTV Lạng Sơn')
  await expect(waiting).toContainText('Severity: Severe · Urgency: Immediate · Certainty: Observed')
  await approver.page.screenshot({ path: join(ARTIFACTS, 'cap-alert-approval-en.png'), fullPage: true })
  await waiting.locator('button[name="approve"]').click()
  await approver.page.locator('dialog[open] button[name="confirm"]').click()
  await approver.page.locator('.emergency-pending').waitFor({ state: 'detached' })

  await expect(overlay).not.toHaveAttribute('hidden')
  await expect(overlay.locator('[data-lang="vi"] h1')).toHaveText('Cảnh báo lũ quét tại Cao Lộc')
  await expect(overlay.locator('[data-lang="zh"] h1')).toHaveText('高禄县山洪预警')
  await expect(overlay.locator('[data-lang="en"] h1')).toHaveText('Flash flood warning for Cao Lộc')
  await player.screenshot({ path: join(ARTIFACTS, 'cap-alert-huu-nghi-wall.png') })
})

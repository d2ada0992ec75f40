import type { CapPolicy } from '@playlists/schemas/cap'
import { screenBody, siteBody, succeed } from '../helpers/app'
import { capFixture } from '../helpers/cap'
import { goTo } from '../helpers/console'
import { feedBody } from '../helpers/feeds'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Deleting a feed source and an alert source in Chromium: an admin confirms, the source goes; one
 * still in use (a playlist shows the feed; an alert the source raised waits for approval) is
 * refused with the server's reason in the reader's language, and stays.
 */

const POLICY: CapPolicy = {
  exercises: 'mark',
  sites: ['gate'],
  geocodes: [],
  defaultMinutes: 60,
  breakGlass: null,
}
/** The fixture's alert, expiring tomorrow: open while the test runs, whatever the day. */
const openAlert = () =>
  capFixture('lang-son-trilingual.xml').replaceAll(
    '2026-12-05T20:00:00+07:00',
    new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, '+00:00'),
  )

const served = serveApp({ outbound: { allow: ['127.0.0.1'] } }, async (t) => {
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('wall', 'gate'))
  await succeed(
    t.app,
    'POST',
    '/api/feeds',
    feedBody('old-portal', 'http://127.0.0.1:9/old.rss', { name: 'Cổng cũ' }),
  )
  await succeed(
    t.app,
    'POST',
    '/api/feeds',
    feedBody('portal', 'http://127.0.0.1:9/rss', { name: 'Cổng tỉnh' }),
  )
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'news',
    name: 'Tin tức',
    items: [{ kind: 'feed', durationMs: 10_000, sourceId: 'portal' }],
  })
  t.app.repos.capSources.create({ name: 'Đài cũ', mode: 'push', policy: POLICY })
  const { source } = t.app.repos.capSources.create({
    name: 'Đài KTTV Lạng Sơn',
    mode: 'push',
    policy: POLICY,
  })
  const [result] = await t.app.cap.receive(source, openAlert(), null)
  if (result?.outcome !== 'emergency')
    throw new Error(`the alert should wait for approval: ${JSON.stringify(result)}`)
})

test('an admin deletes an unused feed; the one a playlist shows is refused, naming it (vi)', async ({
  consoleAs,
}) => {
  const s = await consoleAs('admin', { language: 'vi' })
  await goTo(s.page, 'feeds')
  await s.page.getByRole('button', { name: 'Xóa nguồn tin Cổng tỉnh' }).click()
  const dialog = s.page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Xóa' }).click()
  await expect(dialog).toContainText('Nguồn tin “portal” vẫn được 1 danh sách phát hiển thị (news)')
  await dialog.getByRole('button', { name: 'Hủy' }).click()

  await s.page.getByRole('button', { name: 'Xóa nguồn tin Cổng cũ' }).click()
  await s.page.getByRole('dialog').getByRole('button', { name: 'Xóa' }).click()
  await expect(s.page.getByText('Đã xóa nguồn tin “Cổng cũ”.')).toBeVisible()
  await expect(s.page.locator('tr[data-feed="old-portal"]')).toHaveCount(0)
  await expect(s.page.locator('tr[data-feed="portal"]')).toHaveCount(1)
  expect((await served.t.app.inject({ method: 'GET', url: '/api/feeds/old-portal' })).statusCode).toBe(404)
  await s.close()
})

test('an admin deletes an unused alert source; one whose alert is open is refused (en)', async ({
  consoleAs,
}) => {
  const s = await consoleAs('admin', { language: 'en' })
  await goTo(s.page, 'cap-sources')
  await s.page.getByRole('button', { name: 'Delete the alert source Đài KTTV Lạng Sơn' }).click()
  const dialog = s.page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(dialog).toContainText('raised 1 emergency message still open')
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await s.page.getByRole('button', { name: 'Delete the alert source Đài cũ' }).click()
  await s.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(s.page.getByText('Alert source “Đài cũ” deleted.')).toBeVisible()
  const names = served.t.app.repos.capSources.list().map((c) => c.name)
  expect(names).toEqual(['Đài KTTV Lạng Sơn'])
  await expect(s.page.getByRole('button', { name: 'Delete the alert source Đài cũ' })).toHaveCount(0)
  await s.close()
})

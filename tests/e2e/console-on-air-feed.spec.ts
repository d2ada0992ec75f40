import { join } from 'node:path'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Who may read a gate's on-air feed, set on the alert sources page in Chromium (issue 19 point 5):
 * an admin opens Hữu Nghị's feed to the public, then asks for a token; the feed answers
 * accordingly and each change is in the audit log; saving the gate's coordinates keeps the choice.
 */

const served = serveApp({ seed: true })

test('an admin opens a gate’s on-air feed to the public, then asks for a token (vi)', async ({
  consoleAs,
  request,
}) => {
  const { app } = served.t
  const feed = `${served.base}/feeds/sites/huu-nghi/on-air.atom`
  expect((await request.get(feed)).status()).toBe(404)

  const s = await consoleAs('admin', { language: 'vi' })
  await goTo(s.page, 'cap-sources')
  const section = s.page.getByRole('region', { name: 'Bản tin “đang phát” của các cửa khẩu' })
  const gate = section.locator('form[data-site="huu-nghi"]')
  await expect(gate.getByLabel('Ai được đọc')).toHaveValue('off')
  await expect(gate.locator('code')).toHaveCount(0)

  await gate.getByLabel('Ai được đọc').selectOption({ label: 'Công khai' })
  await gate.getByRole('button', { name: /^Lưu quyền đọc bản tin của / }).click()
  await expect(s.page.getByText(/^Đã lưu quyền đọc bản tin của /)).toBeVisible()
  // The saved site comes back: the address to give the portal shows, in the reader's language.
  await expect(gate.locator('code')).toHaveText(`${feed}?lang=vi`)
  const open = await request.get(`${feed}?lang=vi`)
  expect(open.status()).toBe(200)
  expect(open.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
  expect(await open.text()).toContain('<entry xml:lang="vi">')
  await s.page.screenshot({ path: join(ARTIFACTS, 'console-on-air-feed-vi.png'), fullPage: true })

  await gate.getByLabel('Ai được đọc').selectOption({ label: 'Cần mã API' })
  await gate.getByRole('button', { name: /^Lưu quyền đọc bản tin của / }).click()
  await expect.poll(() => app.repos.sites.get('huu-nghi').onAirFeed).toBe('token')
  const refused = await request.get(feed)
  expect(refused.status()).toBe(401)
  expect((await refused.json()).code).toBe('on-air.token-required')

  // The gate's coordinates, saved on the same page with the site's other settings, keep the choice.
  const where = s.page
    .getByRole('region', { name: 'Toạ độ các cửa khẩu' })
    .locator('form[data-site="huu-nghi"]')
  await where.getByLabel('Vĩ độ').fill('21.9722')
  await where.getByLabel('Kinh độ').fill('106.705')
  await where.getByRole('button', { name: /^Lưu toạ độ của / }).click()
  await expect
    .poll(() => app.repos.sites.get('huu-nghi').location)
    .toEqual({ latitude: 21.9722, longitude: 106.705 })
  expect(app.repos.sites.get('huu-nghi').onAirFeed).toBe('token')
  await expect(gate.getByLabel('Ai được đọc')).toHaveValue('token')

  const changes = app.repos.audit.query({ action: 'site.on-air-feed', limit: 10 })
  expect(changes.map((c) => (c.after as { onAirFeed: string }).onAirFeed)).toEqual(['token', 'public'])
  await s.close()
})

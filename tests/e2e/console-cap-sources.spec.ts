import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { CapPolicy } from '@playlists/schemas/cap'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The alert sources page in Chromium, for what it holds besides the sources' forms. Why a source
 * last failed, in the reader's language (the server keeps the failure's code and values). Who may
 * read a gate's on-air feed (issue 19 point 5):
 * an admin opens Hữu Nghị's feed to the public, then asks for a token; the feed answers
 * accordingly and each change is in the audit log; saving the gate's coordinates keeps the choice.
 */

/** A CAP source that answers every pull with a server error. */
const down = createServer((req, res) => {
  req.resume()
  res.writeHead(503).end()
})
const served = serveApp({ seed: true, outbound: { allow: ['127.0.0.1'] } })
test.beforeAll(() => new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve)))
test.afterAll(() => {
  down.closeAllConnections()
  down.close()
})

const POLICY: CapPolicy = { exercises: 'mark', sites: [], geocodes: [], defaultMinutes: 60, breakGlass: null }

test('a source’s last error reads in the reader’s language; one recorded as text only stays as it was (zh)', async ({
  consoleAs,
}) => {
  const { app } = served.t
  const pulled = app.repos.capSources.create({
    name: 'Đài KTTV (kéo)',
    mode: 'pull',
    url: `http://127.0.0.1:${(down.address() as AddressInfo).port}/cap.xml`,
    intervalMinutes: 5,
    policy: POLICY,
  })
  await app.cap.pull(app.repos.capSources.get(pulled.source.id), app.clock())
  const old = app.repos.capSources.create({ name: 'Nguồn cũ', mode: 'push', policy: POLICY })
  app.repos.capSources.failed(old.source.id, app.clock(), { code: null, message: 'fetch: socket hang up' })

  const s = await consoleAs('admin', { language: 'zh' })
  await goTo(s.page, 'cap-sources')
  const row = s.page.locator(`tr[data-id="${pulled.source.id}"]`)
  await expect(row).toContainText('来源返回了 HTTP 错误 503')
  await expect(row.getByText(/HTTP 错误 503/)).toHaveAttribute('title', 'fetch: HTTP 503')
  await expect(s.page.locator(`tr[data-id="${old.source.id}"] q[lang="en"]`)).toHaveText(
    'fetch: socket hang up',
  )
  await s.close()
})

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

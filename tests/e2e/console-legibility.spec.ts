import { join } from 'node:path'
import type { PlaylistItem } from '@playlists/schemas/items'
import type { Member } from '../helpers/app'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Legibility in Chromium, on the seeded server (issue 17 point 3): the slide editor flags text
 * the fitter would shrink below the minimum, and a slide too short to read, for each screen the
 * playlist reaches; the approval page shows the findings and approves only with a reason; an
 * admin records a screen's pitch and viewing distance on the screens page.
 */

const served = serveApp({ seed: true })

async function api<T>(
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  as?: Member,
  payload?: object,
): Promise<T> {
  const res = await served.t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

/** Body text long enough that the fitter must shrink it below what 25 m needs on the P6 wall. */
const CROWDED = 'Quý khách vui lòng xuất trình hộ chiếu và giấy tờ xe tại quầy kiểm soát. '.repeat(8).trim()

test.describe('legibility in the console', () => {
  test('flags, in the slide editor, text shrunk below the minimum and a slide too short to read', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'playlists/welcome')
    const panel = s.page.locator('.pl-legibility')
    // The seeded greeting is legible on the screen the playlist reaches (Tân Thanh's wall).
    await panel.waitFor()
    await expect(panel).toHaveAttribute('data-legibility', 'ok')
    await expect(panel.locator('tr[data-shape="1920x960"]')).toHaveCount(3)
    await expect(panel.locator('tbody th').first()).toContainText('Tân Thanh outdoor LED')

    await s.page.locator('textarea[name="body-vi"]').fill(CROWDED)
    await expect(panel).toHaveAttribute('data-legibility', 'flagged')
    const vi = panel.locator('tr[data-shape="1920x960"][data-lang="vi"]')
    await expect(vi.locator('[data-check="height"] .badge')).toHaveText('Text too small')
    // The English block is untouched: still read in time.
    const en = panel.locator('tr[data-shape="1920x960"][data-lang="en"]')
    await expect(en.locator('[data-check="time"] .badge')).toHaveCount(0)

    // Two seconds cannot carry the greeting in any language.
    await s.page.locator('input[name="duration-1"]').fill('2')
    await expect
      .poll(() => panel.locator('[data-check="time"] .badge', { hasText: 'Too short to read' }).count())
      .toBe(3)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-legibility-editor.png'), fullPage: true })
    await s.close()
  })

  test('shows an approver the findings and approves only with a reason, kept and audited', async ({
    consoleAs,
  }) => {
    const { editor } = served.t.team
    const { name, items } = await api<{ name: string; items: PlaylistItem[] }>(
      'GET',
      '/api/playlists/welcome',
    )
    const crowded = items.map((i, n) =>
      n === 0 && i.kind === 'slide' ? { ...i, text: { ...i.text, vi: { ...i.text.vi, body: CROWDED } } } : i,
    )
    await api('PUT', '/api/playlists/welcome', editor, { name, items: crowded })
    const { number } = await api<{ number: number }>('POST', '/api/playlists/welcome/submit', editor)

    const s = await consoleAs('approver', { language: 'vi' })
    await goTo(s.page, `approvals/playlist/welcome/${number}`)
    const section = s.page.locator('.approvals-legibility[data-legibility="flagged"]')
    await section.waitFor()
    await expect
      .poll(() => section.locator('li[data-problem="text-too-small"]').first().textContent())
      .toContain('Mục 1, Tiếng Việt, trên 1920×960 (LED ngoài trời Tân Thanh)')

    // Without a reason the page says what is missing, and nothing is decided.
    await s.page.locator('button[name="approve"]').click()
    await s.page.locator('.approvals-legibility .field-error').waitFor()
    const waiting = await api<{ state: string }>('GET', `/api/playlists/welcome/versions/${number}`)
    expect(waiting.state).toBe('submitted')

    const reason = 'Thông báo khẩn của biên phòng; bản chữ lớn thay vào ngày mai'
    await s.page.locator('textarea[name="legibilityOverride"]').fill(reason)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-legibility-approval.png'), fullPage: true })
    await s.page.locator('button[name="approve"]').click()
    await s.page.locator('button[name="publish"]').waitFor()
    const approved = await api<{ state: string; legibilityOverride: string; legibilityFindings: unknown[] }>(
      'GET',
      `/api/playlists/welcome/versions/${number}`,
    )
    expect(approved).toMatchObject({ state: 'approved', legibilityOverride: reason })
    expect(approved.legibilityFindings.length).toBeGreaterThan(0)
    const [entry] = served.t.app.repos.audit.query({ action: 'playlist.approve', limit: 1 })
    expect(entry?.detail).toContain(reason)
    await s.close()
  })

  test('checks again when a schedule entry brings a playlist onto a gate wall, naming the playlist', async ({
    consoleAs,
  }) => {
    const { editor, approver } = served.t.team
    const text = { title: 'Hộ chiếu', body: CROWDED }
    const slide = {
      id: 'passport-1',
      kind: 'slide',
      durationMs: 300_000,
      text: { vi: text, zh: text, en: text },
    }
    await api('POST', '/api/playlists', editor, { id: 'passport', name: 'Passport notice', items: [slide] })
    await api('POST', '/api/playlists/passport/submit', editor)
    // No screen shows it: the check on the planned panels is advice, and it is approved as it is.
    await api('POST', '/api/playlists/passport/versions/1/approve', approver)
    await api('POST', '/api/playlists/passport/publish', approver, { version: 1 })
    await api('POST', '/api/schedules', editor, {
      id: 'passport-slot',
      name: 'Passport at Tân Thanh',
      playlistId: 'passport',
      target: { type: 'site', id: 'tan-thanh' },
      window: { start: '06:00', end: '22:00' },
    })
    await api('POST', '/api/schedules/passport-slot/submit', editor)

    const s = await consoleAs('approver', { language: 'zh' })
    await goTo(s.page, 'approvals/schedule/passport-slot/1')
    const finding = s.page.locator(
      '.approvals-legibility[data-legibility="flagged"] li[data-playlist="passport"]',
    )
    await expect(finding.first()).toContainText('播放列表“Passport notice”：第 1 项')
    await s.page.locator('button[name="approve"]').click()
    await s.page.locator('.approvals-legibility .field-error').waitFor()
    expect((await api<{ state: string }>('GET', '/api/schedules/passport-slot/versions/1')).state).toBe(
      'submitted',
    )

    await s.page.locator('textarea[name="legibilityOverride"]').fill('边防要求今晚在大屏上显示全文')
    await s.page.locator('button[name="approve"]').click()
    await s.page.locator('button[name="publish"]').waitFor()
    const approved = await api<{ state: string; legibilityFindings: { playlistId: string }[] }>(
      'GET',
      '/api/schedules/passport-slot/versions/1',
    )
    expect(approved.state).toBe('approved')
    expect(approved.legibilityFindings.every((f) => f.playlistId === 'passport')).toBe(true)
    await s.close()
  })

  test('lets an admin record a screen’s pixel pitch and viewing distance on the screens page', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'zh' })
    await goTo(s.page, 'screens')
    const row = s.page.locator('tr[data-screen="chi-ma-led"]')
    await expect(row.locator('.screen-facts')).toContainText('像素间距 8 毫米')
    await row.locator('.screen-facts button').click()
    await s.page.locator('input[name="pixelPitchMm"]').fill('10')
    await s.page.locator('input[name="viewingDistanceM"]').fill('40')
    await s.page.locator('.screen-facts-form button[type="submit"]').click()
    await expect
      .poll(() => row.locator('.screen-facts').textContent())
      .toContain('像素间距 10 毫米 · 观看距离 40 米')
    const screen = await api<{ pixelPitchMm: number; viewingDistanceM: number }>(
      'GET',
      '/api/screens/chi-ma-led',
    )
    expect(screen).toMatchObject({ pixelPitchMm: 10, viewingDistanceM: 40 })
    await s.close()
  })
})

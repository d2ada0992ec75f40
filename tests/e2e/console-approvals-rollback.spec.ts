import { join } from 'node:path'
import { productName } from '@playlists/product-names'
import type { Reach } from '@playlists/schemas/reach'
import type { Screen } from '@playlists/schemas/screen'
import { type Member, succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * A rollback says what it changes before it happens (issue 17): the screens it reaches by name,
 * in the reader's language, asked when the dialog opens; the screens of the target on air as
 * well as of the version's own when a schedule entry changed target; and a clear warning when it
 * reaches no screen at all.
 */

const served = serveApp({ seed: true })

const api = async <T>(method: 'GET' | 'PUT' | 'POST', url: string, as?: Member, payload?: object) =>
  (await succeed(served.t.app, method, url, payload, as)) as T

const live = async (path: string) =>
  (await api<{ number: number; live: boolean }[]>('GET', `${path}/versions`)).find((v) => v.live)?.number ??
  null

/** A schedule entry put on air twice: version 1 as given, version 2 with `change` applied. */
async function entryOnAirTwice(id: string, first: Record<string, unknown>, change: Record<string, unknown>) {
  const { editor } = served.t.team
  await api('POST', '/api/schedules', editor, { id, name: id, playlistId: 'tourism', ...first })
  await approveAndPublish(served.t.app, 'schedule', id, { author: editor })
  const { name, playlistId, target, window } = await api<Record<string, unknown>>(
    'GET',
    `/api/schedules/${id}`,
  )
  await api('PUT', `/api/schedules/${id}`, editor, { name, playlistId, target, window, ...change })
  await approveAndPublish(served.t.app, 'schedule', id, { author: editor })
  expect(await live(`/api/schedules/${id}`)).toBe(2)
}

test.describe('the rollback confirmation', () => {
  test('names every screen the rollback changes: those of the target on air and of the version’s own', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    // Version 1 played at Chi Ma; version 2, on air, plays at Tân Thanh instead.
    await entryOnAirTwice(
      'market-day',
      { target: { type: 'site', id: 'chi-ma' }, window: { start: '07:00', end: '11:00' } },
      { target: { type: 'site', id: 'tan-thanh' } },
    )
    const reach = await api<Reach>('GET', '/api/schedules/market-day/versions/1/reach')
    expect(reach.screens.map((s) => s.id)).toEqual(['chi-ma-led', 'tan-thanh-led'])
    const screens = await api<Screen[]>('GET', '/api/screens')
    const named = (id: string, language: 'zh' | 'vi') => {
      const s = screens.find((x) => x.id === id)!
      return `${productName(s.name, language)}（${s.width}×${s.height}）`
    }

    const s = await consoleAs('approver', { language: 'zh' })
    await goTo(s.page, 'approvals/schedule/market-day/2')
    await s.page.locator('button[aria-label="恢复播放第 1 版"]').click()
    const dialog = s.page.locator('dialog[open]')
    const listed = dialog.locator('.approvals-reach-screens li')
    await expect
      .poll(() => listed.allTextContents())
      .toEqual([named('chi-ma-led', 'zh'), named('tan-thanh-led', 'zh')])
    await expect(dialog).toContainText('将影响 2 块屏幕')
    await expect(dialog.locator('.approvals-reach-none')).toHaveCount(0)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-approvals-rollback-reach.png') })

    await dialog.locator('button[type="submit"]').click()
    await expect.poll(() => live('/api/schedules/market-day')).toBe(1)
    await s.close()
  })

  test('asks what the rollback reaches when the dialog opens, not when the page loaded', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    await entryOnAirTwice(
      'late-bus',
      { target: { type: 'screen', id: 'chi-ma-led' }, window: { start: '20:00', end: '23:00' } },
      { window: { start: '20:30', end: '23:00' } },
    )
    const s = await consoleAs('approver', { language: 'vi' })
    await goTo(s.page, 'approvals/schedule/late-bus/2')
    const open = s.page.locator('button[aria-label="Phát lại phiên bản 1"]')
    await open.waitFor()
    // Meanwhile someone aims the entry on air at another screen as well (version 3).
    await entryRetargeted('late-bus', { type: 'site', id: 'tan-thanh' })
    await open.click()
    const listed = s.page.locator('dialog[open] .approvals-reach-screens li')
    await expect(listed).toHaveCount(2)
    expect((await listed.allTextContents()).join(' ')).toContain(productName('Tân Thanh outdoor LED', 'vi'))
    await s.close()
  })

  test('warns clearly when the rollback reaches no screen', async ({ consoleAs }) => {
    test.setTimeout(90_000)
    // A site with no screen yet: the entry aims at it in every version.
    await api('POST', '/api/sites', undefined, {
      id: 'lang-son-station',
      name: { vi: 'Ga Lạng Sơn', zh: '谅山站', en: 'Lạng Sơn station' },
    })
    await entryOnAirTwice(
      'station-morning',
      { target: { type: 'site', id: 'lang-son-station' }, window: { start: '06:00', end: '09:00' } },
      { window: { start: '06:30', end: '09:00' } },
    )
    const s = await consoleAs('approver2', { language: 'en' })
    await goTo(s.page, 'approvals/schedule/station-morning/2')
    await s.page.locator('button[aria-label="Put version 1 back on air"]').click()
    const warning = s.page.locator('dialog[open] .approvals-reach-none')
    await expect(warning).toContainText('This change reaches no screen')
    await expect(warning).toContainText('No screen is in this schedule entry’s target.')
    await expect(warning).toHaveAttribute('role', 'alert')
    await expect(s.page.locator('dialog[open] .approvals-reach-screens')).toHaveCount(0)
    await s.close()
  })
})

/** Version 3 of an entry on air, aimed at `target`: approved and published. */
async function entryRetargeted(id: string, target: { type: string; id: string }) {
  const { editor } = served.t.team
  const { name, playlistId, window } = await api<Record<string, unknown>>('GET', `/api/schedules/${id}`)
  await api('PUT', `/api/schedules/${id}`, editor, { name, playlistId, target, window })
  await approveAndPublish(served.t.app, 'schedule', id, { author: editor })
}

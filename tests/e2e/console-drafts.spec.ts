import type { Playlist } from '@playlists/schemas/playlist'
import type { Schedule } from '@playlists/schemas/schedule'
import type { Page } from 'playwright-core'
import { succeed } from '../helpers/app'
import { goTo, signIn } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Nothing typed is lost: the playlist editor (slide fields included), the schedule rule form and
 * the emergency form keep what a person typed in the browser, and offer it back after a reload or
 * a sign-out and sign-in, exactly as typed, without putting it over the server's copy unasked.
 * Another person signing in on the same browser is not offered it; Discard and Save forget it.
 */

const served = serveApp({ seed: true })
// The tests go on from one another's playlist: serial, so that after a failure the rest are
// skipped rather than run against a fresh app that lacks it.
test.describe.configure({ mode: 'serial' })

/** The drafts this browser keeps, by key (user, form and object), with what each holds. */
const kept = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('gatecast:draft:'))
      .map((k) => ({ key: k, data: JSON.parse(localStorage.getItem(k)!).data as unknown })),
  )
const banner = (page: Page) => page.locator('.draft-banner')

async function signOutAndIn(page: Page, username: string): Promise<void> {
  await page.locator('header.top-bar').getByRole('button', { name: 'Sign out' }).click()
  await page.locator('input[name="username"]').waitFor()
  await signIn(page, username)
}

const SLIDE = {
  vi: { title: 'Giờ mở cửa buổi tối', body: 'Cửa khẩu mở đến 22 giờ trong dịp Tết.' },
  zh: { title: '晚间开放时间', body: '春节期间口岸开放至22时。' },
  en: { title: 'Evening opening hours', body: 'The gate stays open until 22:00 over Tết.' },
}

test.describe('unsaved drafts', () => {
  test('keeps a playlist’s edits and slide text across a reload, restoring exactly what was typed', async ({
    consoleAs,
  }) => {
    await succeed(served.t.app, 'POST', '/api/playlists', {
      id: 'evening-loop',
      name: 'Evening loop',
      items: [],
    })
    const s = await consoleAs('editor', { language: 'en' })
    const page = s.page
    await goTo(page, 'playlists/evening-loop')
    const name = page.locator('input[name="playlist-name"]')
    await name.fill('Evening loop — Tết')
    await page.locator('button[name="add-slide"]').click()
    for (const lang of ['vi', 'zh', 'en'] as const) {
      const column = page.locator(`fieldset.pl-lang[data-lang="${lang}"]`)
      await column.locator(`textarea[name="title-${lang}"]`).fill(SLIDE[lang].title)
      await column.locator(`textarea[name="body-${lang}"]`).fill(SLIDE[lang].body)
    }
    await page.locator('input[name="duration-1"]').fill('14.5')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('"durationText":"14.5"')

    await page.reload()
    await banner(page).waitFor()
    await expect(banner(page)).toHaveText(/^You have unsaved changes from .+\d/)
    await expect(banner(page)).not.toContainText('newer version')
    // Offered, not applied: the form shows the server's playlist until the person chooses.
    await expect(name).toHaveValue('Evening loop')
    await expect(page.locator('ol.pl-items > li')).toHaveCount(0)

    await banner(page).getByRole('button', { name: 'Restore' }).click()
    await banner(page).waitFor({ state: 'detached' })
    await expect(name).toHaveValue('Evening loop — Tết')
    await expect(page.locator('input[name="duration-1"]')).toHaveValue('14.5')
    for (const lang of ['vi', 'zh', 'en'] as const) {
      const column = page.locator(`fieldset.pl-lang[data-lang="${lang}"]`)
      await expect(column.locator(`textarea[name="title-${lang}"]`)).toHaveValue(SLIDE[lang].title)
      await expect(column.locator(`textarea[name="body-${lang}"]`)).toHaveValue(SLIDE[lang].body)
    }
    await expect(page.locator('.pl-status .badge', { hasText: 'Unsaved changes' })).toHaveCount(1)

    // Saved: the server holds it and the browser forgets the draft.
    await page.locator('button[name="save"]').click()
    await page.locator('.pl-status .badge', { hasText: 'Unsaved changes' }).waitFor({ state: 'detached' })
    const saved = (await served.t.app.inject({ url: '/api/playlists/evening-loop' })).json() as Playlist
    expect(saved.name).toBe('Evening loop — Tết')
    expect(saved.items).toMatchObject([{ kind: 'slide', durationMs: 14_500, text: SLIDE }])
    await expect.poll(() => kept(page)).toEqual([])
    await page.reload()
    await name.waitFor()
    await expect(banner(page)).toHaveCount(0)
    await s.close()
  })

  test('offers a draft after sign-out and sign-in, to its author only, and forgets it on Discard', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    const page = s.page
    await goTo(page, 'playlists/evening-loop')
    const name = page.locator('input[name="playlist-name"]')
    await name.fill('Typed before signing out')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('Typed before signing out')

    await signOutAndIn(page, 'editor')
    await banner(page).waitFor()
    await expect(name).toHaveValue('Evening loop — Tết')

    // Another person on the same browser: the page has no banner and the draft is not theirs to see.
    await signOutAndIn(page, 'editor2')
    await goTo(page, 'playlists/evening-loop')
    await expect(name).toHaveValue('Evening loop — Tết')
    await expect(banner(page)).toHaveCount(0)
    expect(await kept(page)).toHaveLength(1)

    await signOutAndIn(page, 'editor')
    await banner(page).getByRole('button', { name: 'Discard' }).click()
    await banner(page).waitFor({ state: 'detached' })
    await expect(name).toHaveValue('Evening loop — Tết')
    expect(await kept(page)).toEqual([])
    await page.reload()
    await name.waitFor()
    await expect(banner(page)).toHaveCount(0)
    await s.close()
  })

  test('says when the server’s copy changed since the draft, and asks before saving over it', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    const page = s.page
    await goTo(page, 'playlists/evening-loop')
    const name = page.locator('input[name="playlist-name"]')
    await name.fill('Mine, typed first')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('Mine, typed first')
    const theirs = (await served.t.app.inject({ url: '/api/playlists/evening-loop' })).json() as Playlist
    await succeed(served.t.app, 'PUT', '/api/playlists/evening-loop', {
      name: 'Theirs, saved meanwhile',
      items: theirs.items,
    })

    await page.reload()
    await banner(page).waitFor()
    await expect(banner(page)).toContainText('a newer version was saved on the server')
    await expect(name).toHaveValue('Theirs, saved meanwhile')
    await banner(page).getByRole('button', { name: 'Restore' }).click()
    await expect(name).toHaveValue('Mine, typed first')
    await page.locator('button[name="save"]').click()
    const dialog = page.locator('dialog[open]')
    await expect(dialog.locator('h2')).toHaveText('Someone has just saved this playlist')
    expect(
      ((await served.t.app.inject({ url: '/api/playlists/evening-loop' })).json() as Playlist).name,
    ).toBe('Theirs, saved meanwhile')
    await dialog.getByRole('button', { name: 'Drop mine and load theirs' }).click()
    await expect(name).toHaveValue('Theirs, saved meanwhile')
    await expect.poll(() => kept(page)).toEqual([])
    await s.close()
  })

  test('keeps a schedule rule typed in the form, offers it on the schedule page and restores it exactly', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    const page = s.page
    await goTo(page, 'schedule/tan-thanh-led')
    await page.getByRole('button', { name: 'Add a rule' }).click()
    const form = page.locator('dialog form.sched-form')
    await form.locator('input[name="name"]').fill('Tết evening notices')
    await form.locator('select[name="playlistId"]').selectOption('trade-investment')
    await form.getByLabel('Sat', { exact: true }).check()
    await form.locator('input[name="start"]').fill('18:30')
    await form.locator('input[name="end"]').fill('21:00')
    await form.locator('input[name="priority"]').fill('72')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('"priority":"72"')

    await page.reload()
    const offer = banner(page)
    await offer.waitFor()
    await expect(offer).toHaveText(/^You have unsaved changes to a new rule from /)
    await expect(page.locator('dialog[open]')).toHaveCount(0)
    await offer.getByRole('button', { name: 'Restore' }).click()
    await form.waitFor()
    await expect(form.locator('input[name="name"]')).toHaveValue('Tết evening notices')
    await expect(form.locator('select[name="playlistId"]')).toHaveValue('trade-investment')
    await expect(form.getByLabel('Sat', { exact: true })).toBeChecked()
    await expect(form.getByLabel('Sun', { exact: true })).not.toBeChecked()
    await expect(form.locator('input[name="start"]')).toHaveValue('18:30')
    await expect(form.locator('input[name="end"]')).toHaveValue('21:00')
    await expect(form.locator('input[name="priority"]')).toHaveValue('72')
    await expect(form.locator('.draft-banner')).toHaveCount(0)

    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })
    const rules = (await served.t.app.inject({ url: '/api/schedules' })).json() as Schedule[]
    const created = rules.find((r) => r.name === 'Tết evening notices')
    expect(created).toMatchObject({
      playlistId: 'trade-investment',
      days: [6],
      window: { start: '18:30', end: '21:00' },
      priority: 72,
    })
    expect(await kept(page)).toEqual([])
    await expect(banner(page)).toHaveCount(0)

    // An existing rule's edit, closed with Escape: kept and named; Discard forgets it.
    await page
      .locator(`tr[data-rule="${created!.id}"]`)
      .getByRole('button', { name: 'Edit rule Tết evening notices', exact: true })
      .click()
    await form.locator('input[name="name"]').fill('Tết evening notices (draft)')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('(draft)')
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
    await expect(banner(page)).toContainText('unsaved changes to the rule “Tết evening notices” from')
    await banner(page).getByRole('button', { name: 'Discard' }).click()
    await banner(page).waitFor({ state: 'detached' })
    expect(await kept(page)).toEqual([])
    await s.close()
  })

  test('keeps an emergency message being written across sign-out, for the same approver only', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('approver', { language: 'en' })
    const page = s.page
    await goTo(page, 'emergency')
    await page.locator('input[name="title-vi"]').fill('Tạm dừng thông quan')
    await page.locator('textarea[name="body-vi"]').fill('Cửa khẩu Chi Ma tạm đóng do mưa lớn.')
    await page.locator('input[name="title-en"]').fill('Clearance suspended')
    await page.locator('input[name="site"][value="chi-ma"]').check()
    await page.locator('select[name="duration"]').selectOption('120')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('"minutes":120')
    const chiMa = await page
      .locator('input[name="screen"]:checked')
      .evaluateAll((all) => all.map((e) => (e as HTMLInputElement).value).sort())
    expect(chiMa.length).toBeGreaterThan(0)

    await signOutAndIn(page, 'approver2')
    await goTo(page, 'emergency')
    await page.locator('input[name="title-vi"]').waitFor()
    await expect(banner(page)).toHaveCount(0)
    await expect(page.locator('input[name="title-vi"]')).toHaveValue('')

    await signOutAndIn(page, 'approver')
    await banner(page).waitFor()
    await expect(page.locator('input[name="title-vi"]')).toHaveValue('')
    await banner(page).getByRole('button', { name: 'Restore' }).click()
    await expect(page.locator('input[name="title-vi"]')).toHaveValue('Tạm dừng thông quan')
    await expect(page.locator('textarea[name="body-vi"]')).toHaveValue('Cửa khẩu Chi Ma tạm đóng do mưa lớn.')
    await expect(page.locator('input[name="title-en"]')).toHaveValue('Clearance suspended')
    await expect(page.locator('input[name="title-zh"]')).toHaveValue('')
    await expect(page.locator('select[name="duration"]')).toHaveValue('120')
    const checked = await page
      .locator('input[name="screen"]:checked')
      .evaluateAll((all) => all.map((e) => (e as HTMLInputElement).value).sort())
    expect(checked).toEqual(chiMa)

    await page.reload()
    await banner(page).getByRole('button', { name: 'Discard' }).click()
    await banner(page).waitFor({ state: 'detached' })
    await expect(page.locator('input[name="title-vi"]')).toHaveValue('')
    expect(await kept(page)).toEqual([])
    await s.close()
  })

  test('keeps a layout’s unsaved name and zones when its tab is closed', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    let page = s.page
    await goTo(page, 'layouts/wide-led')
    const name = () => page.locator('main input[name="name"]')
    const original = await name().inputValue()
    const zoneIds = () =>
      page
        .locator('table.layout-zones tbody tr[data-zone]')
        .evaluateAll((rows) => rows.map((r) => r.dataset.zone))
    const seeded = await zoneIds()
    await name().fill('Wide LED — Tết')
    await page.getByRole('button', { name: 'Add a zone' }).click()
    await expect.poll(zoneIds).toHaveLength(seeded.length + 1)
    const typed = await zoneIds()
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain(`"id":"${typed.at(-1)}"`)

    // The tab goes without the page's say (no beforeunload, as when it crashes); a new one opens.
    await page.close()
    page = await s.context.newPage()
    await page.goto(`${served.base}/console/#/layouts/wide-led`)
    await banner(page).waitFor()
    await expect(name()).toHaveValue(original)
    expect(await zoneIds()).toEqual(seeded)
    await banner(page).getByRole('button', { name: 'Restore' }).click()
    await expect(name()).toHaveValue('Wide LED — Tết')
    expect(await zoneIds()).toEqual(typed)
    await s.close()
  })

  test('words the banner in Vietnamese and Chinese too', async ({ consoleAs }) => {
    const s = await consoleAs('approver', { language: 'vi' })
    const page = s.page
    await goTo(page, 'emergency')
    await page.locator('input[name="title-vi"]').fill('Thông báo khẩn')
    await expect.poll(() => kept(page).then((k) => k.length)).toBe(1)
    await page.reload()
    await expect(banner(page)).toHaveText(/^Bạn có thay đổi chưa lưu từ .+Khôi phụcLoại bỏ$/)
    await page.locator('select[name="language"]').first().selectOption('zh')
    await expect(banner(page)).toHaveText(/^您有 .+ 的未保存更改。恢复丢弃$/)
    await banner(page).getByRole('button', { name: '丢弃' }).click()
    await s.close()
  })
})

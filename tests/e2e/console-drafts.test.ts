import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Playlist } from '../../playlists/schemas/playlist'
import type { Schedule } from '../../playlists/schemas/schedule'
import { createTestApp, succeed, type TestApp } from '../helpers/app'
import { launchChromium } from '../helpers/browser'
import { goTo, openConsole, signIn } from '../helpers/console'
import { listen } from '../helpers/listen'

/**
 * Nothing typed is lost: the playlist editor (slide fields included), the schedule rule form and
 * the emergency form keep what a person typed in the browser, and offer it back after a reload or
 * a sign-out and sign-in, exactly as typed, without putting it over the server's copy unasked.
 * Another person signing in on the same browser is not offered it; Discard and Save forget it.
 */

let t: TestApp
let base: string
let browser: Browser

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  base = await listen(t)
  browser = await launchChromium()
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

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

describe('unsaved drafts', () => {
  it('keeps a playlist’s edits and slide text across a reload, restoring exactly what was typed', async () => {
    await succeed(t.app, 'POST', '/api/playlists', { id: 'evening-loop', name: 'Evening loop', items: [] })
    const s = await openConsole(browser, base, { username: 'editor', language: 'en' })
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
    await expect(banner(page).textContent()).resolves.toMatch(/^You have unsaved changes from .+\d/)
    expect(await banner(page).textContent()).not.toContain('newer version')
    // Offered, not applied: the form shows the server's playlist until the person chooses.
    expect(await name.inputValue()).toBe('Evening loop')
    expect(await page.locator('ol.pl-items > li').count()).toBe(0)

    await banner(page).getByRole('button', { name: 'Restore' }).click()
    await banner(page).waitFor({ state: 'detached' })
    expect(await name.inputValue()).toBe('Evening loop — Tết')
    expect(await page.locator('input[name="duration-1"]').inputValue()).toBe('14.5')
    for (const lang of ['vi', 'zh', 'en'] as const) {
      const column = page.locator(`fieldset.pl-lang[data-lang="${lang}"]`)
      expect(await column.locator(`textarea[name="title-${lang}"]`).inputValue()).toBe(SLIDE[lang].title)
      expect(await column.locator(`textarea[name="body-${lang}"]`).inputValue()).toBe(SLIDE[lang].body)
    }
    expect(await page.locator('.pl-status .badge', { hasText: 'Unsaved changes' }).count()).toBe(1)

    // Saved: the server holds it and the browser forgets the draft.
    await page.locator('button[name="save"]').click()
    await page.locator('.pl-status .badge', { hasText: 'Unsaved changes' }).waitFor({ state: 'detached' })
    const saved = (await t.app.inject({ url: '/api/playlists/evening-loop' })).json() as Playlist
    expect(saved.name).toBe('Evening loop — Tết')
    expect(saved.items).toMatchObject([{ kind: 'slide', durationMs: 14_500, text: SLIDE }])
    await expect.poll(() => kept(page)).toEqual([])
    await page.reload()
    await name.waitFor()
    expect(await banner(page).count()).toBe(0)
    await s.close()
  })

  it('offers a draft after sign-out and sign-in, to its author only, and forgets it on Discard', async () => {
    const s = await openConsole(browser, base, { username: 'editor', language: 'en' })
    const page = s.page
    await goTo(page, 'playlists/evening-loop')
    const name = page.locator('input[name="playlist-name"]')
    await name.fill('Typed before signing out')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('Typed before signing out')

    await signOutAndIn(page, 'editor')
    await banner(page).waitFor()
    expect(await name.inputValue()).toBe('Evening loop — Tết')

    // Another person on the same browser: the page has no banner and the draft is not theirs to see.
    await signOutAndIn(page, 'editor2')
    await goTo(page, 'playlists/evening-loop')
    await expect.poll(() => name.inputValue()).toBe('Evening loop — Tết')
    expect(await banner(page).count()).toBe(0)
    expect(await kept(page)).toHaveLength(1)

    await signOutAndIn(page, 'editor')
    await banner(page).getByRole('button', { name: 'Discard' }).click()
    await banner(page).waitFor({ state: 'detached' })
    expect(await name.inputValue()).toBe('Evening loop — Tết')
    expect(await kept(page)).toEqual([])
    await page.reload()
    await name.waitFor()
    expect(await banner(page).count()).toBe(0)
    await s.close()
  })

  it('says when the server’s copy changed since the draft, and asks before saving over it', async () => {
    const s = await openConsole(browser, base, { username: 'editor', language: 'en' })
    const page = s.page
    await goTo(page, 'playlists/evening-loop')
    const name = page.locator('input[name="playlist-name"]')
    await name.fill('Mine, typed first')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('Mine, typed first')
    const theirs = (await t.app.inject({ url: '/api/playlists/evening-loop' })).json() as Playlist
    await succeed(t.app, 'PUT', '/api/playlists/evening-loop', {
      name: 'Theirs, saved meanwhile',
      items: theirs.items,
    })

    await page.reload()
    await banner(page).waitFor()
    await expect(banner(page).textContent()).resolves.toContain('a newer version was saved on the server')
    expect(await name.inputValue()).toBe('Theirs, saved meanwhile')
    await banner(page).getByRole('button', { name: 'Restore' }).click()
    expect(await name.inputValue()).toBe('Mine, typed first')
    await page.locator('button[name="save"]').click()
    const dialog = page.locator('dialog[open]')
    await expect(dialog.locator('h2').textContent()).resolves.toBe('Someone has just saved this playlist')
    expect(((await t.app.inject({ url: '/api/playlists/evening-loop' })).json() as Playlist).name).toBe(
      'Theirs, saved meanwhile',
    )
    await dialog.getByRole('button', { name: 'Drop mine and load theirs' }).click()
    expect(await name.inputValue()).toBe('Theirs, saved meanwhile')
    await expect.poll(() => kept(page)).toEqual([])
    await s.close()
  })

  it('keeps a schedule rule typed in the form, offers it on the schedule page and restores it exactly', async () => {
    const s = await openConsole(browser, base, { username: 'editor', language: 'en' })
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
    await expect(offer.textContent()).resolves.toMatch(/^You have unsaved changes to a new rule from /)
    expect(await page.locator('dialog[open]').count()).toBe(0)
    await offer.getByRole('button', { name: 'Restore' }).click()
    await form.waitFor()
    expect(await form.locator('input[name="name"]').inputValue()).toBe('Tết evening notices')
    expect(await form.locator('select[name="playlistId"]').inputValue()).toBe('trade-investment')
    expect(await form.getByLabel('Sat', { exact: true }).isChecked()).toBe(true)
    expect(await form.getByLabel('Sun', { exact: true }).isChecked()).toBe(false)
    expect(await form.locator('input[name="start"]').inputValue()).toBe('18:30')
    expect(await form.locator('input[name="end"]').inputValue()).toBe('21:00')
    expect(await form.locator('input[name="priority"]').inputValue()).toBe('72')
    expect(await form.locator('.draft-banner').count()).toBe(0)

    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })
    const rules = (await t.app.inject({ url: '/api/schedules' })).json() as Schedule[]
    const created = rules.find((r) => r.name === 'Tết evening notices')
    expect(created).toMatchObject({
      playlistId: 'trade-investment',
      days: [6],
      window: { start: '18:30', end: '21:00' },
      priority: 72,
    })
    expect(await kept(page)).toEqual([])
    expect(await banner(page).count()).toBe(0)

    // An existing rule's edit, closed with Escape: kept and named; Discard forgets it.
    await page
      .locator(`tr[data-rule="${created!.id}"]`)
      .getByRole('button', { name: 'Edit rule Tết evening notices', exact: true })
      .click()
    await form.locator('input[name="name"]').fill('Tết evening notices (draft)')
    await expect.poll(async () => JSON.stringify(await kept(page))).toContain('(draft)')
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
    await expect(banner(page).textContent()).resolves.toContain(
      'unsaved changes to the rule “Tết evening notices” from',
    )
    await banner(page).getByRole('button', { name: 'Discard' }).click()
    await banner(page).waitFor({ state: 'detached' })
    expect(await kept(page)).toEqual([])
    await s.close()
  })

  it('keeps an emergency message being written across sign-out, for the same approver only', async () => {
    const s = await openConsole(browser, base, { username: 'approver', language: 'en' })
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
    expect(await banner(page).count()).toBe(0)
    expect(await page.locator('input[name="title-vi"]').inputValue()).toBe('')

    await signOutAndIn(page, 'approver')
    await banner(page).waitFor()
    expect(await page.locator('input[name="title-vi"]').inputValue()).toBe('')
    await banner(page).getByRole('button', { name: 'Restore' }).click()
    expect(await page.locator('input[name="title-vi"]').inputValue()).toBe('Tạm dừng thông quan')
    expect(await page.locator('textarea[name="body-vi"]').inputValue()).toBe(
      'Cửa khẩu Chi Ma tạm đóng do mưa lớn.',
    )
    expect(await page.locator('input[name="title-en"]').inputValue()).toBe('Clearance suspended')
    expect(await page.locator('input[name="title-zh"]').inputValue()).toBe('')
    expect(await page.locator('select[name="duration"]').inputValue()).toBe('120')
    const checked = await page
      .locator('input[name="screen"]:checked')
      .evaluateAll((all) => all.map((e) => (e as HTMLInputElement).value).sort())
    expect(checked).toEqual(chiMa)

    await page.reload()
    await banner(page).getByRole('button', { name: 'Discard' }).click()
    await banner(page).waitFor({ state: 'detached' })
    expect(await page.locator('input[name="title-vi"]').inputValue()).toBe('')
    expect(await kept(page)).toEqual([])
    await s.close()
  })

  it('keeps a layout’s unsaved name and zones when its tab is closed', async () => {
    const s = await openConsole(browser, base, { username: 'editor', language: 'en' })
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
    await page.goto(`${base}/console/#/layouts/wide-led`)
    await banner(page).waitFor()
    expect(await name().inputValue()).toBe(original)
    expect(await zoneIds()).toEqual(seeded)
    await banner(page).getByRole('button', { name: 'Restore' }).click()
    expect(await name().inputValue()).toBe('Wide LED — Tết')
    expect(await zoneIds()).toEqual(typed)
    await s.close()
  })

  it('words the banner in Vietnamese and Chinese too', async () => {
    const s = await openConsole(browser, base, { username: 'approver', language: 'vi' })
    const page = s.page
    await goTo(page, 'emergency')
    await page.locator('input[name="title-vi"]').fill('Thông báo khẩn')
    await expect.poll(() => kept(page).then((k) => k.length)).toBe(1)
    await page.reload()
    await expect(banner(page).textContent()).resolves.toMatch(
      /^Bạn có thay đổi chưa lưu từ .+Khôi phụcLoại bỏ$/,
    )
    await page.locator('select[name="language"]').first().selectOption('zh')
    await expect.poll(() => banner(page).textContent()).toMatch(/^您有 .+ 的未保存更改。恢复丢弃$/)
    await banner(page).getByRole('button', { name: '丢弃' }).click()
    await s.close()
  })
})

import { join } from 'node:path'
import type { VersionSummary } from '@playlists/schemas/approval'
import type { Language } from '@playlists/schemas/common'
import type { Playlist } from '@playlists/schemas/playlist'
import type { Page } from 'playwright-core'
import { succeed } from '../helpers/app'
import { ARTIFACTS } from '../helpers/browser'
import { type ConsoleSession, chooseLanguage, goTo, openConsole } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The playlists page as an editor uses it, in Chromium against the seeded server: a new playlist
 * built item by item (a trilingual slide, a picture from the library, a clock), reordered with the
 * keyboard and by dragging, a duration changed, saved — the server holds exactly that — previewed
 * by the player's own renderers, and submitted for approval.
 */

let s: ConsoleSession
let page: Page
let playlistId = ''

const PARTNER = 'https://www.langson.gov.vn'
const SLIDE = {
  vi: { title: 'Chào mừng đến Chi Ma', body: 'Cửa khẩu mở cửa từ 7 giờ đến 19 giờ.' },
  zh: { title: '欢迎来到支麻口岸', body: '口岸开放时间为7时至19时。' },
  en: { title: 'Welcome to Chi Ma', body: 'The gate opens from 7:00 to 19:00.' },
}

const served = serveApp({ seed: true }, async (t) => {
  await succeed(t.app, 'PUT', '/api/web-origins', { origins: [PARTNER] })
})
// One editor's console for the whole file, each test going on from where the last one left the
// playlist: serial, so that after a failure the rest are skipped rather than run on a fresh app.
test.describe.configure({ mode: 'serial' })
test.beforeAll(async ({ browser }) => {
  s = await openConsole(browser, served.base, { username: 'editor', language: 'en' })
  page = s.page
})
test.afterAll(async () => {
  await s?.close()
})

const server = async () =>
  (await served.t.app.inject({ url: `/api/playlists/${playlistId}` })).json() as Playlist
const rows = () => page.locator('ol.pl-items > li')
const row = (position: number) => rows().nth(position - 1)
const kinds = async () => (await rows().locator('.pl-pick .badge').allTextContents()).map((k) => k.trim())
const preview = () => page.frameLocator('iframe.pl-preview-frame')
const column = (lang: 'vi' | 'zh' | 'en') => page.locator(`fieldset.pl-lang[data-lang="${lang}"]`)

async function fillSlide(lang: 'vi' | 'zh' | 'en', text: { title: string; body: string }) {
  await column(lang).locator(`textarea[name="title-${lang}"]`).fill(text.title)
  await column(lang).locator(`textarea[name="body-${lang}"]`).fill(text.body)
}

async function waitSaved() {
  await page.locator('.pl-status .badge', { hasText: 'Unsaved changes' }).waitFor({ state: 'detached' })
}

const activeRowKey = (p: Page) =>
  p.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-key') ?? null)

test.describe('the playlists page', () => {
  test('lists the seeded playlists with their length and approval state', async () => {
    await goTo(page, 'playlists')
    const welcome = page.locator('table.pl-table tbody tr', { hasText: 'Chào mừng — Welcome' })
    await welcome.waitFor()
    await expect(welcome.locator('.badge').first()).toHaveText('On air: version 1')
    const seeded = (await served.t.app.inject({ url: '/api/playlists/welcome' })).json() as Playlist
    await expect(welcome.locator('td').first()).toHaveText(String(seeded.items.length))
  })

  test('creates a playlist and edits a trilingual slide side by side, warning when a language is missing', async () => {
    await page.locator('input[name="new-playlist-name"]').fill('Chi Ma gate loop')
    await page.locator('form.pl-create button[type="submit"]').click()
    await page.locator('main h1', { hasText: 'Playlist: Chi Ma gate loop' }).waitFor()
    playlistId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
    expect((await server()).items).toEqual([])

    await page.locator('button[name="add-slide"]').click()
    await expect(column('zh')).toHaveAttribute('lang', 'zh-Hans')
    await expect(column('vi')).toHaveAttribute('lang', 'vi')
    for (const lang of ['vi', 'zh', 'en'] as const) await fillSlide(lang, SLIDE[lang])
    // The player's slide renderer draws what was typed, in every language, in the preview frame.
    const slide = preview().locator('section.slide[data-item-kind="slide"]')
    await expect
      .poll(() =>
        slide
          .locator('.lang-zh h1')
          .textContent()
          .catch(() => null),
      )
      .toBe(SLIDE.zh.title)
    await expect(slide.locator('.lang-vi p')).toHaveText(SLIDE.vi.body)
    await expect(slide.locator('.lang-en h1')).toHaveText(SLIDE.en.title)
    await expect(page.locator('.pl-warning[data-missing]')).toHaveCount(0)

    // Chinese emptied: the column warns, the list marks the item, and the preview drops Chinese.
    await fillSlide('zh', { title: '', body: '' })
    const warning = column('zh').locator('.pl-warning')
    await expect(warning).toHaveText('No Chinese text yet: screens will show this slide without Chinese.')
    await expect(row(1).locator('.badge.warn')).toHaveText('Missing: zh')
    await expect(page.locator('.pl-lacking')).toContainText('Item 1 (Slide): no Chinese')
    await expect(slide.locator('.lang-zh')).toHaveCount(0)

    await fillSlide('zh', SLIDE.zh)
    await warning.waitFor({ state: 'detached' })
    await expect
      .poll(() =>
        slide
          .locator('.lang-zh h1')
          .textContent()
          .catch(() => null),
      )
      .toBe(SLIDE.zh.title)
  })

  test('previews the item at the chosen screen size with the player’s layout', async () => {
    const frame = page.locator('iframe.pl-preview-frame')
    await page.locator('select[name="preview-size"]').selectOption('1080x1920')
    await expect(frame).toHaveAttribute('width', '1080')
    await expect(frame).toHaveAttribute('height', '1920')
    await expect(preview().locator('section.slide.portrait')).toHaveCount(1)
    await page.locator('select[name="preview-size"]').selectOption('1536x768')
    await expect(preview().locator('section.slide.landscape')).toHaveCount(1)
    // Scaled to fit the panel: never wider than its box.
    const box = await page.locator('.pl-preview-screen').boundingBox()
    const panel = await page.locator('.pl-detail').boundingBox()
    expect(box!.width).toBeLessThanOrEqual(panel!.width)
    expect(box!.width / box!.height).toBeCloseTo(1536 / 768, 1)
  })

  test('adds a picture from the library and a clock', async () => {
    await page.locator('button[name="add-image"]').click()
    const dialog = page.locator('dialog[open]')
    await dialog.locator('input[name="media-search"]').fill('gate')
    // The search runs on the server once typing pauses: only the gate's picture is left.
    await expect
      .poll(() => dialog.locator('button.pl-picker-choice').allTextContents())
      .toEqual([expect.stringContaining('huu-nghi-gate.jpg')])
    // …and the field says so politely, once the answer is for what was typed.
    await expect(dialog.getByRole('status')).toHaveText('1 match')
    await dialog.locator('button.pl-picker-choice').click()
    await dialog.waitFor({ state: 'detached' })
    await expect(preview().locator('img[data-item-kind="image"]')).toHaveCount(1)
    expect(await preview().locator('img[data-item-kind="image"]').getAttribute('src')).toMatch(/^\/media\//)

    await page.locator('button[name="add-clock"]').click()
    await expect(preview().locator('section.clock time')).toHaveText(/^\d\d:\d\d$/)
    expect(await kinds()).toEqual(['Slide', 'Image', 'Clock'])

    // The Chinese side's time and the lunar date, shown by the preview as the screen will.
    await page.getByLabel('Show the lunar date (Vietnam’s calendar)').check()
    await page.getByLabel('Also show the time of a second time zone').check()
    await expect(page.locator('input[name="zone-name"]')).toHaveValue('Asia/Shanghai')
    await expect(preview().locator('.clock-second-label')).toHaveText(['Trung Quốc', '中国', 'China'])
    await expect(preview().locator('.clock-second-time')).toHaveText(/^\d\d:\d\d$/)
    await expect(preview().locator('[data-lang="vi"] .clock-lunar')).toHaveText(/^\d+\/\d+( nhuận)? âm lịch$/)
    // A zone no browser knows is named at its field, and nothing is saved.
    const before = (await server()).draftRevision
    await page.locator('input[name="zone-name"]').fill('Asia/Beijing')
    await page.locator('button[name="save"]').click()
    await expect(page.locator('.pl-detail .field-error')).toHaveText(
      'Not a known IANA time zone; e.g. Asia/Shanghai.',
    )
    expect((await server()).draftRevision).toBe(before)
    await page.locator('input[name="zone-name"]').fill('Asia/Shanghai')
    await expect(page.locator('.pl-detail .field-error')).toHaveCount(0)
  })

  test('reorders with the keyboard, keeping the focus on the moved item', async () => {
    const clockKey = await row(3).getAttribute('data-key')
    await row(3).locator('button.pl-move-up').focus()
    await page.keyboard.press('Enter')
    expect(await kinds()).toEqual(['Slide', 'Clock', 'Image'])
    await expect.poll(() => activeRowKey(page)).toBe(clockKey)
    await page.keyboard.press('Enter')
    expect(await kinds()).toEqual(['Clock', 'Slide', 'Image'])
    await expect.poll(() => activeRowKey(page)).toBe(clockKey)
    await expect(page.locator('.pl-page [aria-live="polite"]')).toHaveText('Moved to position 1 of 3.')
  })

  test('reorders by dragging a row’s handle', async () => {
    // The picture's handle dropped on the top half of the first row: it goes first.
    await row(3)
      .locator('.pl-handle')
      .dragTo(row(1), { targetPosition: { x: 40, y: 4 } })
    expect(await kinds()).toEqual(['Image', 'Clock', 'Slide'])
    // And the clock dropped on the bottom half of the last row: it goes last.
    const last = row(3)
    const height = (await last.boundingBox())!.height
    await row(2)
      .locator('.pl-handle')
      .dragTo(last, { targetPosition: { x: 40, y: height - 4 } })
    expect(await kinds()).toEqual(['Image', 'Slide', 'Clock'])
  })

  test('checks durations against the limits before saving, then saves order, durations and text', async () => {
    const before = (await server()).draftRevision
    const duration = (position: number) => row(position).locator('.pl-duration input')
    await duration(2).fill('0.5')
    await page.locator('button[name="save"]').click()
    await expect(row(2).locator('.field-error')).toHaveText(
      'The duration must be between 1 and 3600 seconds.',
    )
    await expect(duration(2)).toHaveAttribute('aria-invalid', 'true')
    expect((await server()).draftRevision).toBe(before)

    await duration(2).fill('9.5')
    await duration(3).fill('20')
    await page.locator('button[name="save"]').click()
    await waitSaved()
    const saved = await server()
    const gate = (await served.t.app.inject({ url: '/api/media?q=huu-nghi-gate' })).json() as { id: string }[]
    expect(saved.items.map((i) => [i.kind, i.durationMs])).toEqual([
      ['image', 8000],
      ['slide', 9500],
      ['clock', 20000],
    ])
    expect(saved.items[0]).toMatchObject({ kind: 'image', mediaId: gate[0]!.id, fit: 'contain' })
    expect(saved.items[1]).toMatchObject({ kind: 'slide', text: SLIDE, display: 'stacked', mediaId: null })
    expect(saved.items[2]).toMatchObject({
      kind: 'clock',
      lunarDate: true,
      secondZone: { timeZone: 'Asia/Shanghai', label: { vi: 'Trung Quốc', zh: '中国', en: 'China' } },
    })
    expect(saved.draftRevision).toBe(before + 1)
  })

  test('shows the server’s refusal at the field it names', async () => {
    await page.locator('button[name="add-web"]').click()
    await page.locator('input[name="url"]').fill(`${PARTNER}/tin-tuc`)
    // The foreign page is not framed by the console: the preview says so instead.
    await expect(page.locator('.pl-preview-message')).toContainText(
      'the console does not embed other sites’ pages',
    )
    // An admin takes the site off the allow-list while the editor works: only the server knows.
    await succeed(served.t.app, 'PUT', '/api/web-origins', { origins: [] })
    await page.locator('button[name="save"]').click()
    const error = page.locator('.pl-detail .field-error')
    await expect(error).toHaveText(/^The server refused: .*not on the web-page allow-list/)
    await expect(page.locator('input[name="url"]')).toHaveAttribute('aria-invalid', 'true')
    expect((await server()).items).toHaveLength(3)
    // With another item selected, the list still marks the refused one.
    await row(1).locator('.pl-pick').click()
    await expect(row(4).locator('.badge.danger')).toHaveText('Needs fixing')

    await row(4).locator('button.pl-remove').click()
    expect(await kinds()).toEqual(['Image', 'Slide', 'Clock'])
    await expect(page.locator('.pl-page > .error-message')).toHaveCount(0)
    await expect(page.locator('.pl-status .badge', { hasText: 'Unsaved changes' })).toHaveCount(0)
  })

  test('updates the preview as the slide is typed', async () => {
    await row(2).locator('.pl-pick').click()
    await column('en').locator('textarea[name="title-en"]').fill('Welcome to Chi Ma gate')
    await expect
      .poll(() => preview().locator('section.slide .lang-en h1').textContent())
      .toBe('Welcome to Chi Ma gate')
    await column('en').locator('textarea[name="title-en"]').fill(SLIDE.en.title)
    await expect(preview().locator('section.slide .lang-en h1')).toHaveText(SLIDE.en.title)
  })

  test('submits the saved draft for approval and says so when nothing changed since', async () => {
    await page.locator('button[name="submit-for-approval"]').click()
    await page.locator('.pl-status .badge', { hasText: 'Version 1 awaiting approval' }).waitFor()
    const versions = (
      await served.t.app.inject({ url: `/api/playlists/${playlistId}/versions` })
    ).json() as VersionSummary[]
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({ number: 1, state: 'submitted', submittedBy: served.t.team.editor.id })

    await page.locator('button[name="submit-for-approval"]').click()
    await expect(page.locator('.pl-approval .error-message p').first()).toHaveText(
      'Nothing changed since version 1 (Awaiting approval). Edit the draft before submitting it.',
    )
  })

  test('is written in Vietnamese, Chinese and English (screenshots)', async () => {
    await row(2).locator('.pl-pick').click()
    const headings: Record<Language, string> = {
      vi: 'Danh sách phát: Chi Ma gate loop',
      zh: '播放列表：Chi Ma gate loop',
      en: 'Playlist: Chi Ma gate loop',
    }
    for (const language of ['vi', 'zh', 'en'] as const) {
      await chooseLanguage(page, language)
      await expect(page.locator('main h1')).toHaveText(headings[language])
      await expect(preview().locator('section.slide .lang-vi h1')).toHaveCount(1)
      // Toasts from earlier steps would cover the English column.
      await page.evaluate(() => {
        for (const b of document.querySelectorAll<HTMLButtonElement>('.notices button')) b.click()
      })
      await page.screenshot({ path: join(ARTIFACTS, `console-playlists-${language}.png`), fullPage: true })
    }
  })
})

import type { Language } from '@playlists/schemas/common'
import type { Page } from 'playwright-core'
import { slide, succeed } from '../helpers/app'
import { type ConsoleSession, chooseLanguage, goTo, openConsole } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Issue 17, in the console: an editor cannot send an empty playlist for approval, and reads why
 * beside the disabled button in their language; a playlist with a page whose site left the
 * allow-list is refused with the item's number, in their language too.
 */

let s: ConsoleSession
let page: Page

const GOV = 'https://www.langson.gov.vn'

const EMPTY: Record<Language, RegExp> = {
  vi: /Danh sách phát chưa có mục nào nên không thể gửi duyệt/,
  zh: /播放列表还没有任何项目，无法提交审批/,
  en: /This playlist has no items, so it cannot be submitted/,
}
const UNPLAYABLE: Record<Language, RegExp> = {
  vi: /Có mục không phát được \(mục số 2\)/,
  zh: /有项目无法播放（第 2 项）/,
  en: /Some items cannot play \(item no\. 2\)/,
}

const served = serveApp({}, async (t) => {
  await succeed(t.app, 'PUT', '/api/web-origins', { origins: [GOV] })
  await succeed(t.app, 'POST', '/api/playlists', { id: 'blank', name: 'Blank', items: [] }, t.team.editor)
  await succeed(
    t.app,
    'POST',
    '/api/playlists',
    {
      id: 'news',
      name: 'News',
      items: [slide('s1', 'Tin tức'), { id: 'page', kind: 'web', durationMs: 20_000, url: `${GOV}/tin-tuc` }],
    },
    t.team.editor,
  )
  // The admin withdraws the site after the editor saved the page.
  await succeed(t.app, 'PUT', '/api/web-origins', { origins: [] })
})
// One console for every test, as before: each test goes to its page in its language.
test.beforeAll(async ({ browser }) => {
  s = await openConsole(browser, served.base, { username: 'editor', language: 'vi' })
  page = s.page
})
test.afterAll(async () => {
  await s?.close()
})

const submitButton = () => page.locator('button[name="submit-for-approval"]')

test.describe('submitting for approval from the playlist page', () => {
  for (const language of ['vi', 'zh', 'en'] as const) {
    test(`disables it for an empty playlist and says why (${language})`, async () => {
      await chooseLanguage(page, language)
      await goTo(page, 'playlists/blank')
      await expect(submitButton()).toBeDisabled()
      const why = page.locator(`#${await submitButton().getAttribute('aria-describedby')}`)
      await expect(why).toHaveText(EMPTY[language])
      expect((await served.t.app.inject({ url: '/api/playlists/blank/versions' })).json()).toEqual([])
    })
  }

  for (const language of ['vi', 'zh', 'en'] as const) {
    test(`shows the refusal of an item that cannot play by its number (${language})`, async () => {
      await chooseLanguage(page, language)
      await goTo(page, 'playlists/news')
      await expect(submitButton()).toBeEnabled()
      await submitButton().click()
      const alert = page.locator('section.pl-approval [role="alert"]')
      await expect(alert.locator('p').first()).toHaveText(UNPLAYABLE[language])
      expect((await served.t.app.inject({ url: '/api/playlists/news/versions' })).json()).toEqual([])
    })
  }
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../../playlists/schemas/common'
import { createTestApp, slide, succeed, type TestApp } from '../helpers/app'
import { launchChromium } from '../helpers/browser'
import { type ConsoleSession, chooseLanguage, goTo, openConsole } from '../helpers/console'
import { listen } from '../helpers/listen'

/**
 * Issue 17, in the console: an editor cannot send an empty playlist for approval, and reads why
 * beside the disabled button in their language; a playlist with a page whose site left the
 * allow-list is refused with the item's number, in their language too.
 */

let t: TestApp
let browser: Browser
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

beforeAll(async () => {
  t = await createTestApp()
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
  const base = await listen(t)
  browser = await launchChromium()
  s = await openConsole(browser, base, { username: 'editor', language: 'vi' })
  page = s.page
}, 60_000)
afterAll(async () => {
  await s?.close()
  await browser?.close()
  await t?.close()
})

const submitButton = () => page.locator('button[name="submit-for-approval"]')

describe('submitting for approval from the playlist page', () => {
  it.each(['vi', 'zh', 'en'] as const)(
    'disables it for an empty playlist and says why (%s)',
    async (language) => {
      await chooseLanguage(page, language)
      await goTo(page, 'playlists/blank')
      await submitButton().waitFor()
      expect(await submitButton().isDisabled()).toBe(true)
      const why = page.locator(`#${await submitButton().getAttribute('aria-describedby')}`)
      expect(await why.textContent()).toMatch(EMPTY[language])
      expect((await t.app.inject({ url: '/api/playlists/blank/versions' })).json()).toEqual([])
    },
  )

  it.each(['vi', 'zh', 'en'] as const)(
    'shows the refusal of an item that cannot play by its number (%s)',
    async (language) => {
      await chooseLanguage(page, language)
      await goTo(page, 'playlists/news')
      await submitButton().waitFor()
      expect(await submitButton().isDisabled()).toBe(false)
      await submitButton().click()
      const alert = page.locator('section.pl-approval [role="alert"]')
      await alert.waitFor()
      expect(await alert.locator('p').first().textContent()).toMatch(UNPLAYABLE[language])
      expect((await t.app.inject({ url: '/api/playlists/news/versions' })).json()).toEqual([])
    },
  )
})

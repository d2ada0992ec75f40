import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CONSOLE_DIST } from '@server/paths'
import type { Page } from 'playwright-core'
import { chooseLanguage, openConsole } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/** The console's frame: sign-in, navigation by role, the language switch, signing out. */

const served = serveApp({ seed: true })

const nav = (page: Page) => page.locator('nav ul.nav a')

test.describe('console frame', () => {
  test('serves the console at / and asks for a sign-in in Vietnamese first', async ({ browser }) => {
    const s = await openConsole(browser, served.base)
    await s.page.goto(served.base)
    expect(new URL(s.page.url()).pathname).toBe('/console/')
    await expect(s.page.locator('h1')).toHaveText('Đăng nhập')
    await s.close()
  })

  test('refuses a wrong password with a translated message and keeps the form', async ({ browser }) => {
    const s = await openConsole(browser, served.base, { language: 'zh' })
    await s.page.locator('input[name="username"]').fill('editor')
    await s.page.locator('input[name="password"]').fill('not the password at all')
    await s.page.locator('form button[type="submit"]').click()
    await expect(s.page.locator('[role="alert"]').first()).toContainText('用户名或密码错误')
    await expect(s.page.locator('header.top-bar')).toHaveCount(0)
    await s.close()
  })

  test('shows each role only the pages it may use', async ({ consoleAs }) => {
    const viewer = await consoleAs('viewer', { language: 'en' })
    await expect(nav(viewer.page)).toHaveText(['Screens', 'Preview', 'Reports', 'My account'])
    await viewer.page.evaluate(() => {
      location.hash = '#/users'
    })
    await expect(viewer.page.locator('main')).toContainText('Your role may not see this page.')
    await viewer.close()

    const editor = await consoleAs('editor', { language: 'en' })
    await expect(nav(editor.page).filter({ hasText: /^Media$/ })).toHaveCount(1)
    await expect(nav(editor.page).filter({ hasText: /^(Users|Audit log)$/ })).toHaveCount(0)
    await editor.close()

    const admin = await consoleAs('admin', { language: 'en' })
    await expect(nav(admin.page)).toHaveCount(16)
    await expect(nav(admin.page).filter({ hasText: /^(Feeds|Datasets|Alert sources)$/ })).toHaveCount(3)
    await admin.close()
  })

  test('switches language at once and remembers it', async ({ consoleAs }) => {
    const s = await consoleAs('approver')
    await expect(nav(s.page).filter({ hasText: /^Phê duyệt$/ })).toHaveCount(1)
    await chooseLanguage(s.page, 'zh')
    await expect(nav(s.page).filter({ hasText: /^审批$/ })).toHaveCount(1)
    await s.page.reload()
    await expect(s.page.locator('header.top-bar')).toBeVisible()
    await expect(nav(s.page).filter({ hasText: /^审批$/ })).toHaveCount(1)
    await expect(s.page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
    await s.close()
  })

  test('signs out, and the session no longer works', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await s.page.getByRole('button', { name: 'Sign out' }).click()
    await expect(s.page.locator('input[name="username"]')).toBeVisible()
    const status = await s.page.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(status).toBe(401)
    await s.close()
  })

  test('loads under 300 KB of compressed JavaScript', () => {
    const js = readFileSync(join(CONSOLE_DIST, 'console.js'))
    expect(gzipSync(js).length).toBeLessThan(300 * 1024)
  })
})

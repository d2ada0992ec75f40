import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_DIST } from '../../server/paths'
import { createTestApp, type TestApp } from '../helpers/app'
import { launchChromium } from '../helpers/browser'
import { chooseLanguage, openConsole } from '../helpers/console'
import { listen } from '../helpers/listen'

/** The console's frame: sign-in, navigation by role, the language switch, signing out. */

let t: TestApp
let base: string
let browser: Browser

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  base = await listen(t)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await t?.close()
})

const navLabels = async (page: import('playwright-core').Page) => page.locator('nav ul.nav a').allInnerTexts()

describe('console frame', () => {
  it('serves the console at / and asks for a sign-in in Vietnamese first', async () => {
    const s = await openConsole(browser, base)
    await s.page.goto(base)
    expect(new URL(s.page.url()).pathname).toBe('/console/')
    await expect(s.page.locator('h1').textContent()).resolves.toBe('Đăng nhập')
    await s.close()
  })

  it('refuses a wrong password with a translated message and keeps the form', async () => {
    const s = await openConsole(browser, base, { language: 'zh' })
    await s.page.locator('input[name="username"]').fill('editor')
    await s.page.locator('input[name="password"]').fill('not the password at all')
    await s.page.locator('form button[type="submit"]').click()
    await expect(s.page.locator('[role="alert"]').first().textContent()).resolves.toContain(
      '用户名或密码错误',
    )
    expect(await s.page.locator('header.top-bar').count()).toBe(0)
    await s.close()
  })

  it('shows each role only the pages it may use', async () => {
    const viewer = await openConsole(browser, base, { username: 'viewer', language: 'en' })
    expect(await navLabels(viewer.page)).toEqual(['Screens', 'Preview', 'Reports', 'My account'])
    await viewer.page.evaluate(() => {
      location.hash = '#/users'
    })
    await expect(viewer.page.locator('main').textContent()).resolves.toContain(
      'Your role may not see this page.',
    )
    await viewer.close()

    const editor = await openConsole(browser, base, { username: 'editor', language: 'en' })
    const labels = await navLabels(editor.page)
    expect(labels).toContain('Media')
    expect(labels).not.toContain('Users')
    expect(labels).not.toContain('Audit log')
    await editor.close()

    const admin = await openConsole(browser, base, { username: 'admin', language: 'en' })
    expect(await navLabels(admin.page)).toHaveLength(13)
    await admin.close()
  })

  it('switches language at once and remembers it', async () => {
    const s = await openConsole(browser, base, { username: 'approver' })
    expect(await navLabels(s.page)).toContain('Phê duyệt')
    await chooseLanguage(s.page, 'zh')
    expect(await navLabels(s.page)).toContain('审批')
    await s.page.reload()
    await s.page.locator('header.top-bar').waitFor()
    expect(await navLabels(s.page)).toContain('审批')
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans')
    await s.close()
  })

  it('signs out, and the session no longer works', async () => {
    const s = await openConsole(browser, base, { username: 'editor', language: 'en' })
    await s.page.getByRole('button', { name: 'Sign out' }).click()
    await s.page.locator('input[name="username"]').waitFor()
    const status = await s.page.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(status).toBe(401)
    await s.close()
  })

  it('loads under 300 KB of compressed JavaScript', () => {
    const js = readFileSync(join(CONSOLE_DIST, 'console.js'))
    expect(gzipSync(js).length).toBeLessThan(300 * 1024)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { User } from '@playlists/schemas/accounts'
import type { AuditEntry } from '@playlists/schemas/audit'
import type { Language } from '@playlists/schemas/common'
import type { Page } from 'playwright-core'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage, goTo, openConsole } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The users page (admin) and the audit log page (approvers and up) in Chromium: an account made
 * through the form can sign in, role changes and disabling show and hold on the server, the
 * server's refusals (the last admin, a taken name) are said in the reader's language, and the
 * audit page finds those actions by filter, opens their before and after, pages through a long
 * log and exports the same filter as CSV.
 */

const NEW_USER = {
  username: 'nguyen-van-an',
  displayName: 'Nguyễn Văn An',
  password: 'cua khau huu nghi 2026',
}

const served = serveApp({ seed: true })

const users = async (): Promise<User[]> =>
  (await served.t.app.inject({ method: 'GET', url: '/api/users' })).json()
const userNamed = async (username: string) => (await users()).find((u) => u.username === username)
const audit = async (query: string): Promise<AuditEntry[]> =>
  (await served.t.app.inject({ method: 'GET', url: `/api/audit?${query}` })).json()
const login = (username: string, password: string) =>
  served.t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { username, password } })

const userRow = (page: Page, username: string) => page.locator(`tr[data-user="${username}"]`)

async function fillNewUser(page: Page, user: typeof NEW_USER, role = 'editor') {
  const form = page.locator('form.users-form')
  await form.locator('input[name="username"]').fill(user.username)
  await form.locator('input[name="displayName"]').fill(user.displayName)
  await form.locator('select[name="role"]').selectOption(role)
  await form.locator('input[name="password"]').fill(user.password)
  await form.getByRole('button', { name: 'Create account' }).click()
}

test.describe('users page', () => {
  test('creates an editor through the form, who can then sign in', async ({ browser, consoleAs }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'users')
    await userRow(s.page, 'editor2').waitFor()
    await fillNewUser(s.page, NEW_USER)
    await s.page.locator('.notice', { hasText: 'Account nguyen-van-an (editor) created.' }).waitFor()
    await userRow(s.page, NEW_USER.username).waitFor()
    await expect(userRow(s.page, NEW_USER.username)).toContainText('Never signed in')
    expect(await userNamed(NEW_USER.username)).toMatchObject({
      displayName: NEW_USER.displayName,
      role: 'editor',
      disabled: false,
    })

    // The same name again: the server's 409, said in the reader's words.
    await fillNewUser(s.page, NEW_USER)
    await s.page
      .locator('form.users-form [role="alert"]', { hasText: 'This username is taken. Choose another.' })
      .waitFor()

    const newcomer = await openConsole(browser, served.base, {
      username: NEW_USER.username,
      password: NEW_USER.password,
      language: 'en',
    })
    const nav = await newcomer.page.locator('nav ul.nav a').allInnerTexts()
    expect(nav).toContain('Media')
    expect(nav).not.toContain('Users')
    await newcomer.close()

    await goTo(s.page, 'screens')
    await goTo(s.page, 'users')
    await userRow(s.page, NEW_USER.username).locator('time').waitFor()
    await expect(userRow(s.page, NEW_USER.username)).not.toContainText('Never signed in')
    await s.close()
  })

  test('changes a role, refuses to demote the last admin, disables, enables and resets a password', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'users')
    const row = userRow(s.page, NEW_USER.username)
    await row.locator('select[name="role"]').selectOption('approver')
    await s.page.locator('.notice', { hasText: 'nguyen-van-an is now approver.' }).waitFor()
    expect((await userNamed(NEW_USER.username))?.role).toBe('approver')
    await expect(row.locator('select[name="role"]')).toHaveValue('approver')

    // The only admin may not demote themselves: the refusal is translated and the role stays.
    const admin = userRow(s.page, 'admin')
    await admin.locator('select[name="role"]').selectOption('editor')
    await s.page
      .locator('.notice-error', { hasText: 'This is the last administrator who can sign in' })
      .waitFor()
    await s.page.waitForFunction(
      () =>
        document.querySelector<HTMLSelectElement>('tr[data-user="admin"] select[name="role"]')?.value ===
        'admin',
    )
    expect((await userNamed('admin'))?.role).toBe('admin')

    await row.getByRole('button', { name: 'Disable the account nguyen-van-an' }).click()
    await s.page.locator('dialog[open]').getByRole('button', { name: 'Disable', exact: true }).click()
    await row.locator('.user-state', { hasText: 'Disabled' }).waitFor()
    expect((await userNamed(NEW_USER.username))?.disabled).toBe(true)
    expect((await login(NEW_USER.username, NEW_USER.password)).statusCode).toBe(401)

    await row.getByRole('button', { name: 'Enable the account nguyen-van-an' }).click()
    await row.locator('.user-state', { hasText: 'Active' }).waitFor()
    expect((await userNamed(NEW_USER.username))?.disabled).toBe(false)

    await row.getByRole('button', { name: 'Reset the password of nguyen-van-an' }).click()
    const dialog = s.page.locator('dialog[open]')
    await dialog.locator('input[name="new-password"]').fill('a brand new passphrase')
    await dialog.locator('input[name="repeat-password"]').fill('a brand new passphrase!')
    await dialog.getByText('The two passwords differ.').waitFor()
    await expect(dialog.getByRole('button', { name: 'Set password' })).toBeDisabled()
    await dialog.locator('input[name="repeat-password"]').fill('a brand new passphrase')
    await dialog.getByRole('button', { name: 'Set password' }).click()
    await s.page.locator('.notice', { hasText: 'New password set for nguyen-van-an' }).waitFor()
    expect((await login(NEW_USER.username, NEW_USER.password)).statusCode).toBe(401)
    expect((await login(NEW_USER.username, 'a brand new passphrase')).statusCode).toBe(200)

    const headings: Record<Language, string> = { vi: 'Người dùng', zh: '用户', en: 'Users' }
    for (const language of ['vi', 'zh', 'en'] as const) {
      await chooseLanguage(s.page, language)
      await expect(s.page.locator('main h1')).toHaveText(headings[language])
      await s.page.screenshot({ path: join(ARTIFACTS, `console-users-${language}.png`), fullPage: true })
    }
    await s.close()
  })
})

test.describe('audit page', () => {
  test('finds those actions by filter and opens their before and after', async ({ consoleAs }) => {
    const created = await userNamed(NEW_USER.username)
    const s = await consoleAs('approver', { language: 'en' })
    await goTo(s.page, 'audit')
    await s.page.locator('table.audit-table tbody tr').first().waitFor()

    const filters = s.page.locator('form.audit-filters')
    await filters.locator('input[name="actor"]').fill('admin')
    await filters.locator('select[name="action"]').selectOption('user.update')
    await filters.getByRole('button', { name: 'Filter', exact: true }).click()
    // Role change, disable, enable, password: four updates that succeeded; the refused demotion never ran.
    const rows = s.page.locator('table.audit-table tbody tr[data-seq]')
    await s.page.waitForFunction(
      () =>
        [...document.querySelectorAll('table.audit-table tbody tr[data-seq]')].every(
          (r) => r.getAttribute('data-action') === 'user.update',
        ) && document.querySelectorAll('table.audit-table tbody tr[data-seq]').length === 4,
    )
    await expect(rows).toHaveCount(4)
    await expect(rows.first()).toContainText('Account changed')

    // The oldest of them is the role change: its before and after show editor → approver.
    const roleChange = rows.last()
    await roleChange.getByRole('button', { name: /^Details of entry/ }).click()
    const details = s.page.locator('tr.audit-details')
    await details.waitFor()
    const roleLine = details.locator('tr.audit-changed', { hasText: 'role' })
    await expect(roleLine).toContainText('editor')
    await expect(roleLine).toContainText('approver')
    expect(
      await roleChange.getByRole('button', { name: /^Details of entry/ }).getAttribute('aria-expanded'),
    ).toBe('true')

    // Every action on accounts: the creation is there too, with the new account's id.
    await filters.locator('select[name="action"]').selectOption('user.')
    await filters.locator('input[name="objectId"]').fill(created!.id)
    await filters.getByRole('button', { name: 'Filter', exact: true }).click()
    await s.page.locator('tr[data-action="user.create"]').waitFor()
    await expect(rows).toHaveCount(5)

    // A time range after everything: nothing.
    await filters.locator('input[name="from"]').fill('2099-01-01T00:00')
    await filters.getByRole('button', { name: 'Filter', exact: true }).click()
    await s.page.locator('main .empty', { hasText: 'No entry matches the filters.' }).waitFor()
    await filters.locator('input[name="from"]').fill('')
    await filters.getByRole('button', { name: 'Filter', exact: true }).click()
    await s.page.locator('tr[data-action="user.create"]').waitFor()

    const headings: Record<Language, string> = { vi: 'Nhật ký', zh: '审计日志', en: 'Audit log' }
    await rows
      .first()
      .getByRole('button', { name: /^Details of entry/ })
      .click()
    for (const language of ['vi', 'zh', 'en'] as const) {
      await chooseLanguage(s.page, language)
      await expect(s.page.locator('main h1')).toHaveText(headings[language])
      await s.page.screenshot({ path: join(ARTIFACTS, `console-audit-${language}.png`), fullPage: true })
    }
    await s.close()
  })

  test('exports the filtered entries as CSV from its link', async ({ consoleAs }) => {
    const s = await consoleAs('approver', { language: 'en' })
    await goTo(s.page, 'audit')
    const filters = s.page.locator('form.audit-filters')
    await filters.locator('select[name="action"]').selectOption('user.')
    await filters.getByRole('button', { name: 'Filter', exact: true }).click()
    await s.page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table.audit-table tbody tr[data-seq]')]
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-action')?.startsWith('user.'))
    })
    const link = s.page.getByRole('link', { name: 'Download CSV' })
    await expect(link).toHaveAttribute('href', '/api/audit.csv?action=user.')
    const [download] = await Promise.all([s.page.waitForEvent('download'), link.click()])
    const csv = readFileSync((await download.path())!, 'utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]?.startsWith('seq,at,actor_kind')).toBe(true)
    const expected = await audit('action=user.&limit=500')
    expect(lines.length - 1).toBe(expected.length)
    expect(lines.slice(1).every((l) => /,user\.[a-z.]+,/.test(l))).toBe(true)
    expect(csv).toContain(NEW_USER.username)
    await s.close()
  })

  test('pages through a long log by its cursor', async ({ consoleAs }) => {
    for (let i = 0; i < 60; i++)
      served.t.app.audit(null, { action: 'backup.create', objectType: 'backup', objectId: `nightly-${i}` })
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'audit?action=backup.create')
    const rows = s.page.locator('table.audit-table tbody tr[data-seq]')
    await s.page.waitForFunction(
      () => document.querySelectorAll('table.audit-table tbody tr[data-seq]').length === 50,
    )
    await expect(rows.first()).toContainText('nightly-59')
    await s.page.getByRole('button', { name: 'Older' }).click()
    await s.page.waitForFunction(
      () => document.querySelectorAll('table.audit-table tbody tr[data-seq]').length === 10,
    )
    await expect(rows.last()).toContainText('nightly-0')
    await expect(s.page.getByRole('button', { name: 'Older' })).toBeDisabled()
    await s.page.getByRole('button', { name: 'Newer' }).click()
    await s.page.waitForFunction(
      () => document.querySelectorAll('table.audit-table tbody tr[data-seq]').length === 50,
    )
    await expect(rows.first()).toContainText('nightly-59')
    await s.close()
  })
})

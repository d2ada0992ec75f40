import type { User } from '@playlists/schemas/accounts'
import type { Schedule } from '@playlists/schemas/schedule'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { countRequests, wiring } from '../helpers/form-wiring'

/**
 * The console's form kit (components/form) as a screen reader and an impatient hand meet it, in
 * the schedule entry form and the new-account form: every field marked wrong says why through
 * aria-describedby, every message is pointed at by its field, and a double click sends one request.
 */

const SCREEN = 'chi-ma-led'

const served = serveApp({ seed: true })

test.describe('console form kit', () => {
  test('links every error of the schedule form to its field, in both kinds of recurrence', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, `schedule/${SCREEN}`)
    await s.page.getByRole('button', { name: 'Add a rule' }).click()
    const form = s.page.locator('dialog form.sched-form')
    // A window of no length, no name, no screen, an end before the start and a priority out of range.
    await form.locator('select[name="targetId"]').selectOption('')
    await form.locator('input[name="start"]').fill('08:00')
    await form.locator('input[name="end"]').fill('08:00')
    await form.locator('input[name="from"]').fill('2030-01-02T00:00')
    await form.locator('input[name="until"]').fill('2030-01-01T00:00')
    await form.locator('input[name="priority"]').fill('999')
    await form.locator('button[type="submit"]').click()
    await expect
      .poll(() => wiring(form))
      .toEqual({
        invalid: ['end', 'name', 'priority', 'targetId', 'until'],
        faults: [],
      })

    // A cron expression with a wrong day of month and a duration of nothing.
    await form.getByLabel('Cron expression').check()
    await form.locator('input[name="cron"]').fill('0 8 1-2-3 * *')
    await form.locator('input[name="durationMinutes"]').fill('0')
    await expect
      .poll(() => wiring(form))
      .toEqual({
        invalid: ['cron', 'durationMinutes', 'name', 'priority', 'targetId', 'until'],
        faults: [],
      })
    // The cron hint stays linked after the error, so the fix is read out with the problem.
    const described = (await form.locator('input[name="cron"]').getAttribute('aria-describedby'))!.split(' ')
    expect(described).toHaveLength(2)
    await expect(s.page.locator(`[id="${described[1]}"]`)).toContainText('For example')
  })

  test('saves a schedule entry once for a double click, and for two clicks in one task', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, `schedule/${SCREEN}`)
    const posts = countRequests(s.page, 'POST', '/api/schedules')
    const form = s.page.locator('dialog form.sched-form')
    const named = async (name: string) =>
      ((await served.t.app.inject({ method: 'GET', url: '/api/schedules' })).json() as Schedule[]).filter(
        (r) => r.name === name,
      )

    await s.page.getByRole('button', { name: 'Add a rule' }).click()
    await form.locator('input[name="name"]').fill('Double-clicked mornings')
    await form.locator('button[type="submit"]').dblclick()
    await expect(form).not.toBeAttached()
    expect(await named('Double-clicked mornings')).toHaveLength(1)

    // Two activations before the page can render the busy button: only the action's own guard
    // stands between them and a second entry.
    await s.page.getByRole('button', { name: 'Add a rule' }).click()
    await form.locator('input[name="name"]').fill('Twice in one task')
    await form.locator('button[type="submit"]').evaluate((button: HTMLButtonElement) => {
      button.click()
      button.click()
    })
    await expect(form).not.toBeAttached()
    expect(await named('Twice in one task')).toHaveLength(1)
    expect(posts()).toBe(2)
  })

  test('points the field the server refused at the refusal, and creates an account once for a double click', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'users')
    const form = s.page.locator('form.users-form')
    const fill = async (username: string) => {
      await form.locator('input[name="username"]').fill(username)
      await form.locator('input[name="displayName"]').fill('Hoàng Thị Mai')
      await form.locator('input[name="password"]').fill('a long enough password')
    }

    // A name already taken: the server's 409 marks the username, which points at the refusal.
    await fill('editor2')
    await form.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => wiring(form)).toEqual({ invalid: ['username'], faults: [] })
    const refusal = form.locator('[role="alert"]')
    await expect(refusal).toContainText('This username is taken')
    const ids = (await form.locator('input[name="username"]').getAttribute('aria-describedby'))!.split(' ')
    expect(ids[0]).toBe(await refusal.getAttribute('id'))

    const posts = countRequests(s.page, 'POST', '/api/users')
    await fill('hoang-thi-mai')
    await form.locator('button[type="submit"]').evaluate((button: HTMLButtonElement) => {
      button.click()
      button.click()
    })
    await expect(
      s.page.locator('.notice', { hasText: 'Account hoang-thi-mai (editor) created.' }),
    ).toBeVisible()
    // Had a second request gone out, its 409 would now stand where the refusal was.
    await expect.poll(() => wiring(form)).toEqual({ invalid: [], faults: [] })
    const all = (await served.t.app.inject({ method: 'GET', url: '/api/users' })).json() as User[]
    expect(all.filter((u) => u.username === 'hoang-thi-mai')).toHaveLength(1)
    expect(posts()).toBe(1)
  })

  test('links the account page’s mismatch to the repeated password, and changes it once', async ({
    consoleAs,
  }) => {
    await served.t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: served.t.team.admin.headers,
      payload: {
        username: 'pham-van-duc',
        displayName: 'Phạm Văn Đức',
        role: 'viewer',
        password: 'the first password',
      },
    })
    const s = await consoleAs('pham-van-duc', { password: 'the first password', language: 'en' })
    await goTo(s.page, 'account')
    const form = s.page.locator('main form')
    await form.locator('input[name="current-password"]').fill('the first password')
    await form.locator('input[name="new-password"]').fill('the second password')
    await form.locator('input[name="repeat-password"]').fill('the second passwore')
    await expect.poll(() => wiring(form)).toEqual({ invalid: ['repeat-password'], faults: [] })
    await expect(form.locator('button[type="submit"]')).toBeDisabled()

    const puts = countRequests(s.page, 'PUT', '/api/auth/password')
    await form.locator('input[name="repeat-password"]').fill('the second password')
    await expect.poll(() => wiring(form)).toEqual({ invalid: [], faults: [] })
    await form.locator('button[type="submit"]').evaluate((button: HTMLButtonElement) => {
      button.click()
      button.click()
    })
    await expect(s.page.locator('.notice').first()).toBeVisible()
    expect(puts()).toBe(1)
    const login = await served.t.anonymous({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'pham-van-duc', password: 'the second password' },
    })
    expect(login.statusCode).toBe(200)
  })
})

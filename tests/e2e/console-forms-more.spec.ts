import type { AlertRulesList, Webhook } from '@playlists/schemas/alerts'
import type { Emergency } from '@playlists/schemas/emergency'
import type { Locator } from 'playwright-core'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { clickTwiceAtOnce, countRequests, wiring } from '../helpers/form-wiring'

/**
 * The form kit (components/form) in the alerts rule form, the webhook form and the emergency
 * form: each field the server refuses is marked invalid and pointed at the refusal
 * (aria-describedby), and two clicks before the page can render the busy button send one request.
 * The browser's own checks are switched off (noValidate, no maxLength) where they would stop the
 * value before the server sees it: what is tested is what the form does with the server's answer.
 */

const served = serveApp({ seed: true })

const get = async <T>(url: string): Promise<T> =>
  (await served.t.app.inject({ method: 'GET', url, headers: served.t.team.admin.headers })).json() as T

/** Lets the form send what the browser would refuse, so the server is the one to refuse it. */
const withoutBrowserChecks = (form: Locator) =>
  form.evaluate((f: HTMLFormElement) => {
    f.noValidate = true
    for (const el of f.querySelectorAll('[maxlength]')) el.removeAttribute('maxlength')
  })

test.describe('console forms: server refusals and double clicks', () => {
  test('the alert rules form points each threshold the server refuses at the refusal, and saves once', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'alerts')
    await s.page.getByRole('button', { name: 'Edit the rules of Default (every other border gate)' }).click()
    const form = s.page.locator('dialog[open] form.alerts-rules-form')
    await withoutBrowserChecks(form)
    const puts = countRequests(s.page, 'PUT', '/api/alerts/rules/default')

    // One threshold out of the schema's bounds at a time: the server names the first it finds.
    const bad: [name: string, value: string][] = [
      ['offline-minutes', '99999'],
      ['stale-minutes', '0'],
      ['errors-count', '21'],
      ['errors-minutes', '5000'],
      ['storage-percent', '5'],
    ]
    for (const [name, value] of bad) {
      const input = form.locator(`input[name="${name}"]`)
      const before = await input.inputValue()
      await input.fill(value)
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => wiring(form), { message: name }).toEqual({ invalid: [name], faults: [] })
      await expect(form.locator('[role="alert"]')).toContainText('Details from the server')
      await input.fill(before)
    }
    expect(puts()).toBe(bad.length)

    await form.locator('input[name="offline-minutes"]').fill('7')
    await clickTwiceAtOnce(form.locator('button[type="submit"]'))
    await expect(form).toBeHidden()
    expect(puts()).toBe(bad.length + 1)
    expect((await get<AlertRulesList>('/api/alerts/rules')).default.rules.offline.afterMinutes).toBe(7)
  })

  test('the webhook form points the name, the address and the secret the server refuses at the refusal, and adds once', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'alerts')
    await s.page.getByRole('button', { name: 'Add a webhook' }).click()
    const form = s.page.locator('dialog[open] form')
    await withoutBrowserChecks(form)
    const posts = countRequests(s.page, 'POST', '/api/alerts/webhooks')
    const name = form.locator('input[name="name"]')
    const url = form.locator('input[name="url"]')
    const secret = form.locator('input[name="secret"]')
    const refusedAs = async (field: string) => {
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => wiring(form), { message: field }).toEqual({ invalid: [field], faults: [] })
    }

    // Spaces only: trimmed to nothing, which the schema refuses.
    await name.fill('   ')
    await url.fill('https://duty.example.vn/hook')
    await refusedAs('name')
    // A private address: refused by the outbound policy, in the page's own words.
    await name.fill('Duty desk')
    await url.fill('http://10.20.30.40/hook')
    await refusedAs('url')
    await expect(form.locator('[role="alert"]')).toContainText('private')
    await url.fill('https://duty.example.vn/hook')
    await secret.fill('too short')
    await refusedAs('secret')
    expect(posts()).toBe(3)

    await secret.fill('a secret long enough to sign')
    await clickTwiceAtOnce(form.locator('button[type="submit"]'))
    await expect(form).toBeHidden()
    expect(posts()).toBe(4)
    const hooks = await get<Webhook[]>('/api/alerts/webhooks')
    expect(hooks.filter((h) => h.name === 'Duty desk')).toHaveLength(1)
  })

  test('the emergency form points the texts and the targets the server refuses at the refusal, and sends once', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('approver', { language: 'en' })
    const page = s.page
    await goTo(page, 'emergency')
    const form = page.locator('form.emergency-form')
    await form.locator('input[name="title-vi"]').waitFor()
    await withoutBrowserChecks(form)
    const posts = countRequests(page, 'POST', '/api/emergencies')
    const send = async () => {
      await form.locator('button[name="review"]').click()
      await clickTwiceAtOnce(page.locator('dialog[open] button[name="send"]'))
      await expect(page.locator('dialog[open]')).toHaveCount(0)
    }

    await form.locator('input[name="site"][value="chi-ma"]').check()
    const cases: [field: string, value: string, invalid: string][] = [
      ['input[name="title-vi"]', 'T'.repeat(141), 'title-vi'],
      ['textarea[name="body-en"]', 'B'.repeat(601), 'body-en'],
    ]
    await form.locator('input[name="title-en"]').fill('Clearance suspended')
    for (const [selector, value, invalid] of cases) {
      await form.locator('input[name="title-vi"]').fill('Tạm dừng thông quan')
      await form.locator(selector).fill(value)
      await send()
      await expect.poll(() => wiring(form), { message: invalid }).toEqual({ invalid: [invalid], faults: [] })
      await form.locator(selector).fill('')
    }

    // A screen removed while the form was open: refused by its code, which marks the targets.
    await form.locator('input[name="title-vi"]').fill('Tạm dừng thông quan')
    await form.locator('input[name="site"][value="chi-ma"]').uncheck()
    await form.locator('input[name="screen"][value="huu-nghi-kiosk-2"]').check()
    const removed = await served.t.app.inject({
      method: 'DELETE',
      url: '/api/screens/huu-nghi-kiosk-2',
      headers: served.t.team.admin.headers,
    })
    expect(removed.statusCode).toBeLessThan(300)
    await send()
    await expect.poll(() => wiring(form)).toEqual({ invalid: ['targets'], faults: [] })
    // Each refusal above came from one request: the double clicks sent nothing twice.
    expect(posts()).toBe(3)

    await form.locator('input[name="screen"][value="huu-nghi-kiosk-2"]').uncheck()
    await form.locator('input[name="site"][value="chi-ma"]').check()
    await send()
    await page.locator('.emergency-table tbody tr').first().waitFor()
    expect(posts()).toBe(4)
    const sent = (await get<Emergency[]>('/api/emergencies')).filter(
      (e) => e.text.vi.title === 'Tạm dừng thông quan',
    )
    expect(sent).toHaveLength(1)
  })

  test('the audit filters tie the range error to its end, and take the filter once it is fixed', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'audit')
    const form = s.page.locator('form.audit-filters')
    await form.locator('input[name="from"]').fill('2030-01-02T00:00')
    await form.locator('input[name="to"]').fill('2030-01-01T00:00')
    await expect.poll(() => wiring(form)).toEqual({ invalid: ['to'], faults: [] })
    await expect(form.locator('.field-error')).toHaveText('The start must come before the end.')
    await expect(form.getByRole('button', { name: 'Filter', exact: true })).toBeDisabled()
    await form.locator('input[name="to"]').fill('2030-01-03T00:00')
    await expect.poll(() => wiring(form)).toEqual({ invalid: [], faults: [] })
    await expect(form.getByRole('button', { name: 'Filter', exact: true })).toBeEnabled()
  })
})

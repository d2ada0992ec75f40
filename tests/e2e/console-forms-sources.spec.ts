import { CAP_DEFAULT_MINUTES_MAX, CAP_PULL_MINUTES_MAX } from '@playlists/schemas/cap'
import {
  FEED_INTERVAL_MINUTES_MAX,
  FEED_INTERVAL_MINUTES_MIN,
  FEED_WORD_CHARS_MAX,
} from '@playlists/schemas/feed'
import type { Locator } from 'playwright-core'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { clickTwiceAtOnce, countRequests, wiring } from '../helpers/form-wiring'

/**
 * The kit's text fields (components/form/text-field.tsx) in the two source forms: the feed form
 * and the alert source form. Each field the server refuses is marked invalid and pointed at the
 * refusal, nested policy fields included; the browser's own bounds are the core's; two clicks
 * before the page renders the busy button register one alert source.
 */

const served = serveApp({ seed: true })

/** Lets the form send what the browser would refuse, so the server is the one to refuse it. */
const withoutBrowserChecks = (form: Locator) =>
  form.evaluate((f: HTMLFormElement) => {
    f.noValidate = true
    for (const el of f.querySelectorAll('[maxlength]')) el.removeAttribute('maxlength')
  })

test.describe('console forms: feed and alert sources', () => {
  test('the feed form points the name, address and minutes the server refuses at the refusal, one request per try', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'feeds')
    await s.page.getByRole('button', { name: 'Register a feed' }).click()
    const form = s.page.locator('dialog[open] form')
    const interval = form.locator('input[name="intervalMinutes"]')
    // The browser's stepper stops where the server does: the bounds are the core's, not copies.
    await expect(interval).toHaveAttribute('min', String(FEED_INTERVAL_MINUTES_MIN))
    await expect(interval).toHaveAttribute('max', String(FEED_INTERVAL_MINUTES_MAX))
    await withoutBrowserChecks(form)
    const posts = countRequests(s.page, 'POST', '/api/feeds')
    const refusedAs = async (field: string) => {
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => wiring(form), { message: field }).toEqual({ invalid: [field], faults: [] })
    }

    await form.locator('input[name="name"]').fill('   ')
    await form.locator('input[name="url"]').fill('https://langson.example.gov.vn/rss')
    await refusedAs('name')
    await form.locator('input[name="name"]').fill('Provincial portal')
    // A private address: refused by the outbound policy.
    await form.locator('input[name="url"]').fill('http://10.20.30.40/rss')
    await refusedAs('url')
    await form.locator('input[name="url"]').fill('https://langson.example.gov.vn/rss')
    await interval.fill(String(FEED_INTERVAL_MINUTES_MAX + 1))
    await refusedAs('intervalMinutes')
    await interval.fill('15')
    await form.locator('input[name="alertAfterMinutes"]').fill('0')
    await refusedAs('alertAfterMinutes')
    await form.locator('input[name="alertAfterMinutes"]').fill('60')
    // One listed word too long: the server names `words[1]`, and the list's field is the one marked.
    await form.locator('textarea[name="words"]').fill(`bão\n${'x'.repeat(FEED_WORD_CHARS_MAX + 1)}`)
    await refusedAs('words')
    expect(posts()).toBe(5)
  })

  test('the alert source form points a refused policy minute at the refusal, nested fields included', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'cap-sources')
    await s.page.getByRole('button', { name: 'Add a source' }).click()
    const form = s.page.locator('dialog[open] form')
    await form.locator('select[name="mode"]').selectOption('pull')
    await expect(form.locator('input[name="intervalMinutes"]')).toHaveAttribute(
      'max',
      String(CAP_PULL_MINUTES_MAX),
    )
    await withoutBrowserChecks(form)
    const posts = countRequests(s.page, 'POST', '/api/cap-sources')
    const refusedAs = async (field: string) => {
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => wiring(form), { message: field }).toEqual({ invalid: [field], faults: [] })
    }

    await form.locator('input[name="name"]').fill('Trung tâm dự báo')
    await form.locator('input[name="url"]').fill('https://nchmf.example.gov.vn/cap.xml')
    await form.locator('input[name="intervalMinutes"]').fill(String(CAP_PULL_MINUTES_MAX + 1))
    await refusedAs('intervalMinutes')
    await form.locator('input[name="intervalMinutes"]').fill('5')
    await form.locator('input[name="defaultMinutes"]').fill(String(CAP_DEFAULT_MINUTES_MAX + 1))
    await refusedAs('defaultMinutes')
    await form.locator('input[name="defaultMinutes"]').fill('60')
    await form.locator('input[name="breakGlass"]').check()
    await form.locator('input[name="confirmWithinMinutes"]').fill('0')
    await refusedAs('confirmWithinMinutes')
    expect(posts()).toBe(3)

    // A pulled source's address is checked when it is saved; this one resolves nowhere here, so
    // the source is kept with a push instead: the double click still sends one request.
    await form.locator('input[name="confirmWithinMinutes"]').fill('15')
    await form.locator('select[name="mode"]').selectOption('push')
    await clickTwiceAtOnce(form.locator('button[type="submit"]'))
    await expect(form).toBeHidden()
    expect(posts()).toBe(4)
    expect(served.t.app.repos.capSources.list().filter((x) => x.name === 'Trung tâm dự báo')).toHaveLength(1)
  })
})

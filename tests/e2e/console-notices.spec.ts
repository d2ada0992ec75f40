import { join } from 'node:path'
import type { VersionSummary } from '@playlists/schemas/approval'
import type { Locator, Page } from 'playwright-core'
import { succeed } from '../helpers/app'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * A notice ("Draft saved") never covers the button a person reaches for next. A floating toast
 * once sat on "Submit for approval" for six seconds after every save. Checked on a laptop
 * (1366×768) and a desktop (1920×1080), with the page scrolled to its top and to its end, while
 * the notice is on screen: no control lies under a notice, the browser's hit test at each main
 * action's centre finds that action, and a real click (no `force`) lands while the notice is
 * still there.
 */

const served = serveApp({ seed: true })

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const

/** The controls that lie, in the viewport as it is now, under a notice: none may. */
const covered = (page: Page) =>
  page.evaluate(() => {
    const notes = [...document.querySelectorAll('.notices .notice')].map((n) => n.getBoundingClientRect())
    const under: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')) {
      if (el.closest('.notices')) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (notes.some((n) => n.left < r.right && r.left < n.right && n.top < r.bottom && r.top < n.bottom))
        under.push(el.getAttribute('name') ?? el.textContent?.trim() ?? el.tagName)
    }
    return under
  })

/**
 * What the browser's hit test finds at the centre of the control, once it is in view: the control.
 * Scrolled and tested in one task: a list that renders again in between (the schedule's timeline
 * answering after its rules) would otherwise move the control out of view before the test.
 */
async function hitAtCentre(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    el.scrollIntoView({ block: 'nearest' })
    const r = el.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return hit !== null && (hit === el || el.contains(hit))
  })
}

const scrollTo = (page: Page, where: 'top' | 'end') =>
  page.evaluate((w) => window.scrollTo(0, w === 'top' ? 0 : document.documentElement.scrollHeight), where)

/** While `notice` shows: nothing under it at the page's top or end, and every action hit-tests true. */
async function actionsFree(page: Page, notice: Locator, actions: Locator[]): Promise<void> {
  for (const where of ['top', 'end'] as const) {
    await scrollTo(page, where)
    expect(await covered(page), `controls under a notice, page scrolled to its ${where}`).toEqual([])
  }
  for (const action of actions)
    expect(await hitAtCentre(action), await action.evaluate((e) => e.outerHTML)).toBe(true)
  expect(await notice.count(), 'the notice is still on screen').toBe(1)
}

test.describe('notices and the actions next to them', () => {
  for (const size of SIZES) {
    const label = `${size.width}×${size.height}`

    test(`${label}: "Submit for approval" takes a click at once after a playlist is saved`, async ({
      consoleAs,
    }) => {
      const id = `notice-loop-${size.width}`
      await succeed(served.t.app, 'POST', '/api/playlists', {
        id,
        name: `Notice loop ${label}`,
        items: [{ kind: 'clock', durationMs: 10_000 }],
      })
      const s = await consoleAs('editor', { language: 'en', viewport: size })
      const page = s.page
      await goTo(page, `playlists/${id}`)
      await page.locator('input[name="playlist-name"]').fill(`Notice loop ${label}, renamed`)
      await page.locator('button[name="save"]').click()
      const saved = page.locator('.notice', { hasText: 'Draft saved' })
      await saved.waitFor()
      await page.screenshot({ path: join(ARTIFACTS, `console-notice-${size.width}.png`) })

      // The person scrolls down to the approval panel, where the button sits at the page's end.
      await scrollTo(page, 'end')
      expect(await covered(page)).toEqual([])
      const submit = page.locator('button[name="submit-for-approval"]')
      expect(await hitAtCentre(submit)).toBe(true)
      await submit.click()
      expect(await saved.count(), 'the click landed while "Draft saved" showed').toBe(1)
      const submitted = page.locator('.notice', { hasText: 'submitted for approval' })
      await submitted.waitFor()
      const versions = (
        await served.t.app.inject({ url: `/api/playlists/${id}/versions` })
      ).json() as VersionSummary[]
      expect(versions.map((v) => v.state)).toEqual(['submitted'])

      await actionsFree(page, submitted, [
        page.locator('button[name="save"]'),
        page.getByRole('button', { name: 'Delete', exact: true }),
        page.locator('button[name="add-slide"]'),
        page.locator('input[name="submit-comment"]'),
        submit,
      ])
      await s.close()
    })

    test(`${label}: a schedule rule's actions take a click at once after it is saved`, async ({
      consoleAs,
    }) => {
      const s = await consoleAs('editor', { language: 'en', viewport: size })
      const page = s.page
      await goTo(page, 'schedule/chi-ma-led')
      await page.getByRole('button', { name: 'Add a rule' }).click()
      const form = page.locator('dialog form.sched-form')
      const name = `Notices ${label}`
      await form.locator('input[name="name"]').fill(name)
      await form.locator('button[type="submit"]').click()
      await form.waitFor({ state: 'detached' })
      const saved = page.locator('.notice', { hasText: `Draft “${name}” saved` })
      await saved.waitFor()

      const submit = page.getByRole('button', { name: `Submit rule ${name} for approval` })
      await actionsFree(page, saved, [
        page.getByRole('button', { name: 'Add a rule' }),
        page.getByRole('button', { name: `Edit rule ${name}` }),
        submit,
      ])
      await submit.click()
      expect(await saved.count(), 'the click landed while the notice showed').toBe(1)
      await page.locator('.notice', { hasText: 'submitted' }).first().waitFor()
      await s.close()
    })

    test(`${label}: the emergency form takes a click at once after a message is sent`, async ({
      consoleAs,
    }) => {
      const s = await consoleAs('approver', { language: 'en', viewport: size })
      const page = s.page
      await goTo(page, 'emergency')
      await page.locator('input[name="title-vi"]').fill(`Thử thông báo ${label}`)
      await page.locator('input[name="site"][value="tan-thanh"]').check()
      await page.locator('button[name="review"]').click()
      await page.locator('dialog[open] button[name="send"]').click()
      const sent = page.locator('.notice', { hasText: 'Sent; the message waits for another approver.' })
      await sent.waitFor()

      const review = page.locator('button[name="review"]')
      await actionsFree(page, sent, [review, page.locator('input[name="title-vi"]')])
      await review.click()
      expect(await sent.count(), 'the click landed while the notice showed').toBe(1)
      // Nothing typed: the form answers the click itself.
      await page.locator('.emergency-form .field-error').first().waitFor()
      await s.close()
    })
  }
})

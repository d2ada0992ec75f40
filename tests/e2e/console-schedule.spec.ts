import { join } from 'node:path'
import type { VersionSummary } from '@playlists/schemas/approval'
import type { Language } from '@playlists/schemas/common'
import type { Schedule } from '@playlists/schemas/schedule'
import { instantOf, type LocalDate, localAt } from '@playlists/time/zone'
import type { Page } from 'playwright-core'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The schedule page (issue 7): as an editor sees it, Chi Ma's timeline shows two overlapping
 * schedule entries at the gate's local times, marks where they overlap and names the winner and
 * why; a new entry made with the form reaches the server as typed, and goes for approval.
 */

const SCREEN = 'chi-ma-led'
const ZONE = 'Asia/Ho_Chi_Minh'
const TOURISM = 'Tourism mornings at Chi Ma'
const WELCOME = 'Welcome at the Chi Ma gate'

let today: LocalDate
let day: string

const at = (minute: number) => new Date(instantOf(ZONE, today, minute)).toISOString()

const served = serveApp({ seed: true })
test.beforeAll(async () => {
  const local = localAt(ZONE, Date.now())
  today = { year: local.year, month: local.month, day: local.day }
  day = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`

  // Two entries the editor made and an approver put on air: the screen's own mornings, and the
  // whole gate's welcome from 10:00, which overlaps them for two hours.
  const { editor } = served.t.team
  for (const body of [
    {
      id: 'chi-ma-tourism',
      name: TOURISM,
      playlistId: 'tourism',
      target: { type: 'screen', id: SCREEN },
      window: { start: '08:00', end: '12:00' },
    },
    {
      id: 'chi-ma-welcome',
      name: WELCOME,
      playlistId: 'welcome',
      target: { type: 'site', id: 'chi-ma' },
      window: { start: '10:00', end: '14:00' },
    },
  ]) {
    const res = await served.t.app.inject({
      method: 'POST',
      url: '/api/schedules',
      payload: body,
      headers: editor.headers,
    })
    expect(res.statusCode, res.body).toBe(201)
    await approveAndPublish(served.t.app, 'schedule', body.id, { author: editor })
  }
})

const blocks = (page: Page, playlist: string) =>
  page.locator(`.sched-lane[data-lane="${SCREEN}/main"] .sched-block[data-playlist="${playlist}"]`)

test.describe('console schedule page', () => {
  test('draws both entries at Chi Ma’s local times and names the winner of their overlap', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, `schedule/${SCREEN}?date=${day}`)
    await blocks(s.page, 'tourism').first().waitFor()

    // One lane per zone of the screen's layout (wide LED: main, clock, ticker).
    expect(
      await s.page.locator('.sched-lane').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane'))),
    ).toEqual([`${SCREEN}/main`, `${SCREEN}/clock`, `${SCREEN}/ticker`])
    const tourism = blocks(s.page, 'tourism')
    await expect(tourism).toHaveCount(1)
    await expect(tourism).toHaveAttribute('data-start', at(8 * 60))
    await expect(tourism).toHaveAttribute('data-end', at(12 * 60))
    await expect(tourism).toHaveAttribute('data-rule', 'chi-ma-tourism')
    // Shown in the screen's time, whatever the browser's own zone.
    await expect(tourism.locator('.sched-block-time')).toHaveText('08:00–12:00')
    // The welcome entry lost 10:00–12:00 to the more specific one: it plays from noon.
    const welcome = blocks(s.page, 'welcome')
    await expect(welcome).toHaveCount(1)
    expect([await welcome.getAttribute('data-start'), await welcome.getAttribute('data-end')]).toEqual([
      at(12 * 60),
      at(14 * 60),
    ])
    await expect(welcome.locator('.sched-block-time')).toHaveText('12:00–14:00')
    // The default playlist fills the rest of the day.
    await expect(blocks(s.page, 'trade-investment')).toHaveCount(2)

    // The block is drawn where its times fall across the day.
    const track = await s.page.locator(`.sched-lane[data-lane="${SCREEN}/main"] .sched-track`).boundingBox()
    const box = await tourism.boundingBox()
    expect((box!.x - track!.x) / track!.width).toBeCloseTo(8 / 24, 2)
    expect(box!.width / track!.width).toBeCloseTo(4 / 24, 2)

    // The conflict: hatched over 10:00–12:00, the winner named, the loser and the reason listed.
    const conflict = s.page.locator(`.sched-lane[data-lane="${SCREEN}/main"] .sched-conflict`)
    await expect(conflict).toHaveCount(1)
    await expect(conflict).toHaveAttribute('data-winner', 'chi-ma-tourism')
    await expect(conflict).toHaveAttribute('data-losers', 'chi-ma-welcome')
    expect([await conflict.getAttribute('data-start'), await conflict.getAttribute('data-end')]).toEqual([
      at(10 * 60),
      at(12 * 60),
    ])
    expect(await conflict.getAttribute('aria-label')).toContain(`“${TOURISM}” wins over ${WELCOME}`)
    const reason = `“${TOURISM}” wins over “${WELCOME}”: same priority, more specific target (Screen over Site).`
    await expect(s.page.locator('table.sched-conflicts tbody')).toContainText(reason)

    await conflict.click()
    const details = s.page.locator('.sched-details')
    await expect(details.locator('h2')).toHaveText('Rules in conflict')
    await expect(details).toContainText(`Plays: “${TOURISM}” (priority 50, aimed at: Screen)`)
    await expect(details).toContainText(reason)

    // The site view: one lane per screen of Chi Ma, the same blocks.
    await s.page.locator('select[name="screen"]').selectOption('')
    await s.page.waitForFunction(() => location.hash.startsWith('#/schedule?site=chi-ma'))
    await s.page.locator('.sched-lane').first().waitFor()
    await expect(s.page.locator('.sched-lane')).toHaveCount(1)
    await expect(blocks(s.page, 'tourism')).toHaveAttribute('data-start', at(8 * 60))

    // A week: seven mornings, seven conflicts.
    await s.page.locator('select[name="range"]').selectOption('week')
    await s.page.waitForFunction(
      () => document.querySelectorAll('.sched-block[data-playlist="tourism"]').length === 7,
    )
    await expect(s.page.locator('.sched-conflict')).toHaveCount(7)
    await s.close()
  })

  test('creates an entry with the form, as typed, and submits it for approval', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, `schedule/${SCREEN}?date=${day}`)
    await s.page.getByRole('button', { name: 'Add a rule' }).click()
    const form = s.page.locator('dialog form.sched-form')
    await form.waitFor()
    // Nothing typed yet: the form says what is missing and sends nothing.
    await form.locator('button[type="submit"]').click()
    await expect(form.locator('.field-error').first()).toHaveText('Give the rule a name.')

    await form.locator('input[name="name"]').fill('Weekend evening trade news')
    await form.locator('select[name="playlistId"]').selectOption('trade-investment')
    await form.getByLabel('Sat', { exact: true }).check()
    await form.getByLabel('Sun', { exact: true }).check()
    await form.locator('input[name="start"]').fill('18:00')
    await form.locator('input[name="end"]').fill('22:00')
    await form.locator('input[name="from"]').fill('2026-12-01T06:00')
    await form.locator('input[name="priority"]').fill('70')
    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })

    const all = (await served.t.app.inject({ method: 'GET', url: '/api/schedules' })).json() as Schedule[]
    const created = all.find((r) => r.name === 'Weekend evening trade news')
    expect(created).toMatchObject({
      playlistId: 'trade-investment',
      target: { type: 'screen', id: SCREEN },
      days: [6, 7],
      window: { start: '18:00', end: '22:00' },
      from: '2026-12-01T06:00',
      until: null,
      cron: null,
      priority: 70,
      zoneId: 'main',
    })

    // Listed as a draft, then submitted from the list.
    const row = s.page.locator(`tr[data-rule="${created!.id}"]`)
    await expect(row.locator('.approval-state')).toHaveText('Draft, never submitted')
    await row.getByRole('button', { name: 'Submit rule Weekend evening trade news for approval' }).click()
    await s.page.waitForFunction(
      (id) =>
        document.querySelector(`tr[data-rule="${id}"] .approval-state`)?.textContent?.includes('Waiting'),
      created!.id,
    )
    const versions = (
      await served.t.app.inject({ method: 'GET', url: `/api/schedules/${created!.id}/versions` })
    ).json() as VersionSummary[]
    expect(versions.map((v) => [v.number, v.state, v.submittedBy])).toEqual([
      [1, 'submitted', served.t.team.editor.id],
    ])

    // Edited: the draft changes on the server and the list says it needs submitting again.
    await row.getByRole('button', { name: 'Edit rule Weekend evening trade news' }).click()
    await form.locator('input[name="priority"]').fill('65')
    await form.getByLabel('All day').check()
    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })
    const edited = (
      await served.t.app.inject({ method: 'GET', url: `/api/schedules/${created!.id}` })
    ).json() as Schedule
    expect(edited).toMatchObject({ priority: 65, window: null, days: [6, 7] })
    await row.locator('.approval-state', { hasText: 'Changed since last submitted' }).waitFor()

    // Deleted (it never went on air): gone from the server and the list.
    await row.getByRole('button', { name: 'Delete rule Weekend evening trade news' }).click()
    await s.page.locator('dialog[open]').getByRole('button', { name: 'Delete', exact: true }).click()
    await row.waitFor({ state: 'detached' })
    expect(
      (await served.t.app.inject({ method: 'GET', url: `/api/schedules/${created!.id}` })).statusCode,
    ).toBe(404)
    await s.close()
  })

  test('names the wrong field of a cron expression and sends nothing', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, `schedule/${SCREEN}?date=${day}`)
    await s.page.getByRole('button', { name: 'Add a rule' }).click()
    const form = s.page.locator('dialog form.sched-form')
    await form.locator('input[name="name"]').fill('Monthly notice')
    await form.locator('select[name="playlistId"]').selectOption('trade-investment')
    await form.getByLabel('Cron expression').check()
    const expression = form.getByLabel('Expression (minute hour day month weekday)')
    await expression.fill('0 8 1-2-3 * *')
    await form.locator('button[type="submit"]').click()
    // The error is the one the field points at for screen readers (its first description; the hint follows).
    const error = form.locator('.field-error')
    await error.waitFor()
    const errorId = await error.getAttribute('id')
    await expect(expression).toHaveAttribute('aria-describedby', new RegExp(`^${errorId} `))
    await expect(expression).toHaveAttribute('aria-invalid', 'true')
    await expect(error).toHaveText(
      'The “day of month” field of the cron expression is not valid: use numbers within its range, ranges “a-b” (smaller first), steps “*/n” or “a-b/n”, separated by commas.',
    )
    const all = (await served.t.app.inject({ method: 'GET', url: '/api/schedules' })).json() as Schedule[]
    expect(all.some((r) => r.name === 'Monthly notice')).toBe(false)
    await s.close()
  })

  test('reads in Vietnamese, Chinese and English', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, `schedule/${SCREEN}?date=${day}`)
    await blocks(s.page, 'tourism').first().waitFor()
    // The conflict opened in the details panel, for the picture.
    await s.page.locator('.sched-conflict').first().click()
    const headings: Record<Language, string> = { vi: 'Lịch phát', zh: '播放排期', en: 'Schedule' }
    for (const language of ['vi', 'zh', 'en'] as const) {
      await chooseLanguage(s.page, language)
      await expect(s.page.locator('main h1')).toHaveText(headings[language])
      await s.page.screenshot({ path: join(ARTIFACTS, `console-schedule-${language}.png`), fullPage: true })
    }
    await s.close()
  })
})

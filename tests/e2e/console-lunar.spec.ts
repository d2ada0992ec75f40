import { join } from 'node:path'
import type { Schedule } from '@playlists/schemas/schedule'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Lunar dates in the console (issue 19 point 4): a schedule entry made with the form's lunar
 * option reaches the server as typed, an impossible lunar day is named before anything is sent,
 * and the schedule shows the lunar date beside the solar one and the entry's lunar dates in words,
 * in Vietnamese, Chinese and English.
 */

const SCREEN = 'chi-ma-led'
/** The Mid-Autumn festival of 2026: the 15th of the 8th lunar month is 25 September. */
const MID_AUTUMN = '2026-09-25'

const served = serveApp({ seed: true })

test.describe('lunar dates in the console', () => {
  test('creates a Mid-Autumn entry with the lunar option and shows lunar dates beside solar ones', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    const page = s.page
    await goTo(page, `schedule/${SCREEN}?date=${MID_AUTUMN}`)
    await expect(page.locator('[data-lunar]')).toHaveText('lunar 8/15')

    await page.getByRole('button', { name: 'Add a rule' }).click()
    const form = page.locator('dialog form.sched-form')
    await form.waitFor()
    await form.locator('input[name="name"]').fill('Mid-Autumn evening')
    await form.locator('select[name="playlistId"]').selectOption('welcome')
    await form.getByLabel('Lunar dates', { exact: true }).check()
    await form.locator('select[name="lunarMonth"]').selectOption('8')
    // A day no lunar month has: named at its field, nothing sent.
    await form.locator('input[name="lunarDays"]').fill('31')
    await form.locator('input[name="start"]').fill('18:00')
    await form.locator('input[name="end"]').fill('22:00')
    await form.locator('button[type="submit"]').click()
    await expect(form.getByText('Lunar days are numbers from 1 to 30, e.g. 1, 15.')).toBeVisible()
    const before = (await served.t.app.inject({ method: 'GET', url: '/api/schedules' })).json() as Schedule[]
    expect(before.find((r) => r.name === 'Mid-Autumn evening')).toBeUndefined()

    await form.locator('input[name="lunarDays"]').fill('15')
    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })
    const all = (await served.t.app.inject({ method: 'GET', url: '/api/schedules' })).json() as Schedule[]
    const created = all.find((r) => r.name === 'Mid-Autumn evening')
    expect(created).toMatchObject({
      target: { type: 'screen', id: SCREEN },
      days: null,
      cron: null,
      lunar: { month: 8, days: [15] },
      window: { start: '18:00', end: '22:00' },
    })

    // The list says when in words, in each language, and the day's lunar date beside the picker.
    const row = page.locator(`tr[data-rule="${created!.id}"]`)
    await expect(row).toContainText('lunar 8/15 · 18:00–22:00')
    await page.screenshot({ path: join(ARTIFACTS, 'console-schedule-lunar-en.png'), fullPage: true })
    await chooseLanguage(page, 'vi')
    await expect(row).toContainText('15/8 âm lịch · 18:00–22:00')
    await expect(page.locator('[data-lunar]')).toHaveText('15/8 âm lịch')
    await chooseLanguage(page, 'zh')
    await expect(row).toContainText('农历八月十五 · 18:00–22:00')
    await expect(page.locator('[data-lunar]')).toHaveText('农历八月十五')

    // Edited back in the form: the lunar option comes back as it was saved.
    await chooseLanguage(page, 'en')
    await row.getByRole('button', { name: 'Edit rule Mid-Autumn evening' }).click()
    await expect(form.getByLabel('Lunar dates', { exact: true })).toBeChecked()
    await expect(form.locator('select[name="lunarMonth"]')).toHaveValue('8')
    await expect(form.locator('input[name="lunarDays"]')).toHaveValue('15')
    await s.close()
  })
})

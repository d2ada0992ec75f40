import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../../playlists/schemas/common'
import type { Emergency } from '../../playlists/schemas/emergency'
import { createTestApp, type TestApp } from '../helpers/app'
import { ARTIFACTS, launchChromium } from '../helpers/browser'
import { chooseLanguage, goTo, openConsole } from '../helpers/console'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { pairScreen } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * The emergency page in Chromium, on the seeded server: an approver writes a trilingual message,
 * picks the Chi Ma border gate in the target picker and confirms; a second approver approves it
 * (from the approvals page, where it waits); the paired Chi Ma player receives it and the Tân
 * Thanh one does not; it is ended from the list.
 */

let t: TestApp
let base: string
let browser: Browser
const players: TestPlayer[] = []

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  base = await listen(t)
  browser = await launchChromium()
})
afterAll(async () => {
  for (const p of players) p.disconnect()
  await browser?.close()
  await t?.close()
})

const emergencies = async (): Promise<Emergency[]> =>
  (await t.app.inject({ method: 'GET', url: '/api/emergencies' })).json()

async function player(screenId: string): Promise<TestPlayer> {
  const p = connectPlayer(base, await pairScreen(t.app, screenId))
  players.push(p)
  await until(() => p.documents.length > 0, 10_000, `${screenId}'s first document`)
  return p
}

const carries = (p: TestPlayer, id: string) => p.documents.at(-1)?.overrides.some((o) => o.id === id) ?? false

const MESSAGE = {
  vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu Chi Ma tạm đóng do thời tiết.' },
  zh: { title: '暂停通关', body: '支麻口岸因天气原因暂时关闭。' },
  en: { title: 'Clearance suspended', body: 'Chi Ma gate is closed for the weather.' },
}

describe('the emergency page', () => {
  it('sends a trilingual message to the Chi Ma gate only, under four eyes, and ends it', async () => {
    const chiMa = await player('chi-ma-led')
    const tanThanh = await player('tan-thanh-led')
    const chiMaScreens = t.app.repos.screens
      .list({ siteId: 'chi-ma' })
      .map((s) => s.id)
      .sort()

    const sender = await openConsole(browser, base, { username: 'approver', language: 'vi' })
    const page = sender.page
    await goTo(page, 'emergency')
    await page.locator('input[name="title-vi"]').waitFor()

    // Only Vietnamese so far: a warning names each language still missing.
    await page.locator('input[name="title-vi"]').fill(MESSAGE.vi.title)
    await page.locator('textarea[name="body-vi"]').fill(MESSAGE.vi.body)
    const warnings = page.locator('.emergency-warnings p')
    await expect(warnings.allTextContents()).resolves.toEqual([
      expect.stringContaining('Tiếng Trung'),
      expect.stringContaining('Tiếng Anh'),
    ])
    await page.locator('input[name="title-zh"]').fill(MESSAGE.zh.title)
    await page.locator('textarea[name="body-zh"]').fill(MESSAGE.zh.body)
    await page.locator('input[name="title-en"]').fill(MESSAGE.en.title)
    await page.locator('textarea[name="body-en"]').fill(MESSAGE.en.body)
    expect(await warnings.count()).toBe(0)

    // No screen chosen yet: the form says so instead of sending.
    await page.locator('button[name="review"]').click()
    await expect(page.locator('.emergency-form .field-error').textContent()).resolves.toContain(
      'ít nhất một màn hình',
    )
    expect(await page.locator('dialog[open]').count()).toBe(0)

    await page.locator('input[name="site"][value="chi-ma"]').check()
    for (const id of chiMaScreens) {
      await expect(page.locator(`input[name="screen"][value="${id}"]`).isChecked()).resolves.toBe(true)
    }
    await expect(page.locator('input[name="screen"][value="tan-thanh-led"]').isChecked()).resolves.toBe(false)
    await page.locator('select[name="duration"]').selectOption('120')

    await page.locator('button[name="review"]').click()
    const dialog = page.locator('dialog[open]')
    await expect(dialog.textContent()).resolves.toContain('LED ngoài trời Chi Ma')
    await expect(dialog.textContent()).resolves.not.toContain('Tân Thanh')
    await expect(dialog.textContent()).resolves.toContain('người phê duyệt khác')
    await page.screenshot({ path: join(ARTIFACTS, 'console-emergency-confirm-vi.png'), fullPage: true })
    await dialog.locator('button[name="send"]').click()
    await page.locator('.emergency-table tbody tr').first().waitFor()

    const [sent] = await emergencies()
    expect(sent).toMatchObject({ targets: { sites: ['chi-ma'] }, approvedAt: null, text: MESSAGE })
    expect(sent?.screens).toEqual(chiMaScreens)
    const lasts = Date.parse(sent!.expiresAt) - Date.parse(sent!.createdAt)
    expect(Math.abs(lasts - 120 * 60_000)).toBeLessThan(60_000)
    expect(carries(chiMa, sent!.id)).toBe(false)

    // The sender cannot approve their own message: the button is disabled and says why.
    const row = page.locator(`.emergency-table tr[data-id="${sent!.id}"]`)
    const approve = row.locator('button[name="approve"]')
    await expect(approve.isDisabled()).resolves.toBe(true)
    const noteId = await approve.getAttribute('aria-describedby')
    await expect(page.locator(`[id="${noteId}"]`).textContent()).resolves.toContain('không thể tự duyệt')

    for (const language of ['vi', 'zh', 'en'] as Language[]) {
      await chooseLanguage(page, language)
      await page.screenshot({ path: join(ARTIFACTS, `console-emergency-${language}.png`), fullPage: true })
    }

    // A second approver finds it waiting on the approvals page and approves it there.
    const second = await openConsole(browser, base, { username: 'approver2', language: 'en' })
    await goTo(second.page, 'approvals')
    const waiting = second.page.locator(`.emergency-pending tr[data-id="${sent!.id}"]`)
    await expect(waiting.textContent()).resolves.toContain(MESSAGE.en.title)
    // Who sent it is named once the people behind the message are read (the id stands in until then).
    await expect.poll(() => waiting.textContent()).toContain('Sent by approver')
    await waiting.locator('button[name="approve"]').click()
    await second.page.locator('dialog[open] button[name="confirm"]').click()
    await second.page.locator('.emergency-pending').waitFor({ state: 'detached' })
    const [approved] = await emergencies()
    expect(approved).toMatchObject({ id: sent!.id, approvedBy: t.team.approver2.id })

    // Delivered inside the screens' documents: Chi Ma's player has it, Tân Thanh's does not.
    await until(() => carries(chiMa, sent!.id), 10_000, 'the message on the Chi Ma player')
    expect(chiMa.documents.at(-1)?.overrides.find((o) => o.id === sent!.id)?.text).toEqual(MESSAGE)
    expect(carries(tanThanh, sent!.id)).toBe(false)

    // Ended from the list of messages on air.
    await goTo(second.page, 'emergency')
    const onAir = second.page.locator(`.emergency-table tr[data-id="${sent!.id}"]`)
    await expect(onAir.textContent()).resolves.toContain('Approved by you')
    await onAir.locator('button[name="clear"]').click()
    await second.page.locator('dialog[open] button[name="confirm"]').click()
    await second.page.locator(`.emergency-table tr[data-id="${sent!.id}"]`, { hasText: 'Ended' }).waitFor()
    const [ended] = await emergencies()
    expect(ended?.clearedAt).not.toBeNull()
    await until(() => !carries(chiMa, sent!.id), 10_000, 'the message gone from the Chi Ma player')
    await second.close()
    await sender.close()
  }, 90_000)
})

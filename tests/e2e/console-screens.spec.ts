import { join } from 'node:path'
import type { Command, Heartbeat } from '@playlists/events'
import type { Language } from '@playlists/schemas/common'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { PairingState } from '@playlists/schemas/pairing'
import type { Page } from 'playwright-core'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { connectPlayer, type TestPlayer } from '../helpers/listen'
import { pairScreen, pollPairing, startPairing } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * The screens page in Chromium, against real players (socket.io clients holding tokens got by
 * pairing): rows turn online and offline as players come and go, without a reload; what a
 * player reports playing is named; commands reach the player; a new player is paired by the code
 * it shows; a viewer reads but cannot operate.
 */

const players: TestPlayer[] = []

const served = serveApp({ seed: true })
test.afterAll(async () => {
  for (const p of players) p.close()
})

async function documentOf(screenId: string): Promise<ScreenDocument> {
  const res = await served.t.app.inject({ method: 'GET', url: `/api/screens/${screenId}/document` })
  expect(res.statusCode).toBe(200)
  return res.json()
}

/** A report naming, for every zone, the first item of the zone's playlist in `doc`. */
function reportOf(doc: ScreenDocument, extra: Partial<Heartbeat> = {}): Heartbeat {
  return {
    version: doc.version,
    zones: doc.layout.zones.map((z) => {
      const playlist = z.defaultPlaylistId ? doc.playlists[z.defaultPlaylistId] : undefined
      return { zoneId: z.id, playlistId: playlist?.id ?? null, itemId: playlist?.items[0]?.id ?? null }
    }),
    uptimeMs: 60_000,
    memory: null,
    resolution: { width: doc.screen.width, height: doc.screen.height, pixelRatio: 1 },
    errors: [],
    clockOffsetMs: 0,
    ...extra,
  }
}

async function playerFor(screenId: string): Promise<TestPlayer> {
  const token = await pairScreen(served.t.app, screenId, served.t.team.editor)
  const player = connectPlayer(served.base, token)
  players.push(player)
  await until(() => player.connected, 5_000, `${screenId} player connected`)
  return player
}

const row = (page: Page, screenId: string) => page.locator(`tr[data-screen="${screenId}"]`)
const presence = (page: Page, screenId: string, text: string) =>
  row(page, screenId).locator('.screen-presence', { hasText: text }).waitFor({ timeout: 10_000 })

test.describe('screens page', () => {
  test('turns a row online when a player connects and offline when it leaves, without reloading', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'screens')
    await presence(s.page, 'chi-ma-led', 'Offline')
    // Grouped by border gate: the row sits under its gate's heading.
    const section = s.page.locator('section.screens-site', { has: row(s.page, 'chi-ma-led') })
    await expect(section.locator('h2')).toContainText('Chi Ma Border Gate')
    await expect(row(s.page, 'chi-ma-led')).toContainText('1536 × 768 px')
    await s.page.evaluate(() => {
      ;(window as { stayed?: boolean }).stayed = true
    })

    const player = await playerFor('chi-ma-led')
    await presence(s.page, 'chi-ma-led', 'Online')
    const doc = await documentOf('chi-ma-led')
    const ack = await player.timeout(5_000).emitWithAck('heartbeat', reportOf(doc))
    expect(ack.ok).toBe(true)
    // Names, not ids: the playlist playing in the main zone, from the published document.
    const main = doc.layout.zones.find((z) => z.id === 'main')!
    const mainPlaylist = doc.playlists[main.defaultPlaylistId!]!
    const nowCell = row(s.page, 'chi-ma-led').locator('.now-playing')
    await nowCell.getByText(mainPlaylist.name).first().waitFor({ timeout: 10_000 })
    await expect(nowCell).toContainText(main.name)
    await expect(row(s.page, 'chi-ma-led').locator('.screen-version')).toContainText('Latest')
    await expect(row(s.page, 'chi-ma-led').locator('.screen-all-well')).toHaveText('All well')

    player.close()
    await presence(s.page, 'chi-ma-led', 'Offline')
    await expect(row(s.page, 'chi-ma-led')).toContainText('Offline')
    expect(
      await row(s.page, 'chi-ma-led')
        .getByRole('button', { name: /^Reload/ })
        .isDisabled(),
    ).toBe(true)
    expect(await s.page.evaluate(() => (window as { stayed?: boolean }).stayed)).toBe(true)
    await s.close()
  })

  test('shows a screen off hours, and a dimmed one’s brightness, from what its player reports (vi)', async ({
    consoleAs,
  }) => {
    const player = await playerFor('huu-nghi-kiosk-1')
    const doc = await documentOf('huu-nghi-kiosk-1')
    const s = await consoleAs('viewer', { language: 'vi' })
    await goTo(s.page, 'screens')
    const power = row(s.page, 'huu-nghi-kiosk-1').locator('.screen-power')
    const report = async (on: boolean, brightness: number) =>
      expect(
        (await player.timeout(5_000).emitWithAck('heartbeat', reportOf(doc, { power: { on, brightness } })))
          .ok,
      ).toBe(true)
    await report(false, 0)
    await expect(power).toHaveText('Ngoài giờ hoạt động')
    await report(true, 40)
    await expect(power).toHaveText('Độ sáng 40%')
    // At full brightness there is nothing to say.
    await report(true, 100)
    await expect(power).toHaveCount(0)
    player.close()
    await s.close()
  })

  test('lets an admin set a gate’s operating hours and brightness, and one screen’s own plan (en)', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('admin', { language: 'en' })
    await goTo(s.page, 'screens')
    await s.page.getByRole('button', { name: 'Operating hours and brightness of Chi Ma Border Gate' }).click()
    const dialog = s.page.getByRole('dialog')
    await dialog.locator('select[name="hoursMode"]').selectOption('weekly')
    await dialog.getByLabel('Saturday').fill('07:00–12:00, 13:00–17:00')
    await dialog.getByLabel('Sunday').fill('')
    // A window the form cannot read is said at once, and nothing is sent.
    await dialog.getByLabel('Monday').fill('6 to 10')
    await expect(dialog).toContainText('Write windows like 06:00–22:00')
    await dialog.getByLabel('Monday').fill('06:00–22:00')
    await dialog.locator('select[name="brightnessMode"]').selectOption('sun')
    await dialog.getByLabel('Night brightness (%)').fill('25')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    const site = (await served.t.app.inject({ method: 'GET', url: '/api/sites/chi-ma' })).json()
    expect(site.powerPlan.hours.days[5]).toEqual([
      { start: '07:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ])
    expect(site.powerPlan.hours.days[6]).toEqual([])
    expect(site.powerPlan.brightness).toEqual({ mode: 'sun', day: 100, night: 25, cap: null })

    // The screen follows the gate until it gets its own plan.
    await row(s.page, 'chi-ma-led')
      .getByRole('button', { name: /^Operating hours and brightness of/ })
      .click()
    await expect(dialog.getByLabel('Follow the border gate’s plan')).toBeChecked()
    await dialog.getByLabel('Follow the border gate’s plan').uncheck()
    await dialog.locator('select[name="hoursMode"]').selectOption('always')
    await dialog.locator('select[name="brightnessMode"]').selectOption('fixed')
    await dialog.getByLabel('Brightness steps').fill('06:00 90, 19:00 30')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    const screen = (await served.t.app.inject({ method: 'GET', url: '/api/screens/chi-ma-led' })).json()
    expect(screen.powerPlan).toEqual({
      hours: { mode: 'always' },
      brightness: {
        mode: 'fixed',
        steps: [
          { from: '06:00', level: 90 },
          { from: '19:00', level: 30 },
        ],
        cap: null,
      },
    })
    await s.close()
  })

  test('sends identify, reload and (after confirming) clear cache to the player, and says so', async ({
    consoleAs,
  }) => {
    const player = await playerFor('tan-thanh-led')
    const received: Command[] = []
    player.on('command', (c) => received.push(c))
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'screens')
    await presence(s.page, 'tan-thanh-led', 'Online')
    const r = row(s.page, 'tan-thanh-led')

    await r.getByRole('button', { name: 'Show the name on screen Tân Thanh outdoor LED' }).click()
    await until(() => received.some((c) => c.type === 'identify'), 5_000, 'identify')
    expect(received.find((c) => c.type === 'identify')?.name).toBe('Tân Thanh outdoor LED')
    await s.page.locator('.notice', { hasText: 'Identify sent to Tân Thanh outdoor LED' }).waitFor()

    // Clear cache asks first; cancelling sends nothing: the next command (reload) reaches the player
    // over the same sockets, after anything the cancel could have sent.
    await r.getByRole('button', { name: 'Clear the cache of Tân Thanh outdoor LED' }).click()
    const dialog = s.page.locator('dialog[open]')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await r.getByRole('button', { name: 'Reload the player of Tân Thanh outdoor LED' }).click()
    await until(() => received.some((c) => c.type === 'reload'), 5_000, 'reload')
    await s.page.locator('.notice', { hasText: 'Reload sent' }).waitFor()
    expect(received.some((c) => c.type === 'clear-cache')).toBe(false)

    await r.getByRole('button', { name: 'Clear the cache of Tân Thanh outdoor LED' }).click()
    await dialog.getByRole('button', { name: 'Clear cache' }).click()
    await until(() => received.some((c) => c.type === 'clear-cache'), 5_000, 'clear-cache')
    await s.page.locator('.notice', { hasText: 'Clear cache sent' }).waitFor()
    expect(received.map((c) => c.type)).toEqual(['identify', 'reload', 'clear-cache'])

    // The command is on record.
    const audit = await served.t.app.inject({
      method: 'GET',
      url: '/api/audit?action=screen.command&actor=editor',
    })
    expect((audit.json() as unknown[]).length).toBe(3)
    player.close()
    await s.close()
  })

  test('pairs a new player by the code it shows, and explains a wrong code', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'screens')
    await row(s.page, 'huu-nghi-kiosk-2').waitFor()
    const started = await startPairing(served.t.app)
    expect((await pollPairing(served.t.app, started)).json()).toMatchObject({ status: 'pending' })

    await row(s.page, 'huu-nghi-kiosk-2')
      .getByRole('button', { name: 'Pair a new player with Hữu Nghị portrait kiosk 2' })
      .click()
    const dialog = s.page.locator('dialog[open]')
    await expect(dialog.locator('select[name="screen"]')).toHaveValue('huu-nghi-kiosk-2')
    // A code that no player shows (valid alphabet, wrong characters).
    const wrong = started.code.startsWith('Z') ? 'YYY-YYY' : 'ZZZ-ZZZ'
    await dialog.locator('input[name="code"]').fill(wrong)
    await dialog.getByRole('button', { name: 'Pair', exact: true }).click()
    await dialog.locator('[role="alert"]', { hasText: 'No player is waiting with this code' }).waitFor()

    await dialog.locator('input[name="code"]').fill(started.code.toLowerCase())
    await dialog.getByRole('button', { name: 'Pair', exact: true }).click()
    await s.page
      .locator('.notice', { hasText: `Code ${started.code} paired with Hữu Nghị portrait kiosk 2` })
      .waitFor()
    // The notice and the dialog's closing are two renders; the check may fall between them.
    await expect(s.page.locator('dialog[open]')).toHaveCount(0)

    // The player collects the screen's token: it is paired with that screen.
    const state = (await pollPairing(served.t.app, started)).json() as PairingState
    expect(state).toMatchObject({ status: 'paired', screenId: 'huu-nghi-kiosk-2' })
    await s.close()
  })

  test('shows a viewer the live status but no command or pairing controls', async ({ consoleAs }) => {
    const s = await consoleAs('viewer', { language: 'en' })
    await goTo(s.page, 'screens')
    await row(s.page, 'chi-ma-led').waitFor()
    await expect(s.page.locator('tr[data-screen]')).toHaveCount(5)
    await expect(s.page.locator('.screen-commands')).toHaveCount(0)
    await expect(s.page.locator('main button', { hasText: /Pair|Identify|Reload|Clear cache/ })).toHaveCount(
      0,
    )
    await expect(s.page.locator('main th', { hasText: 'Actions' })).toHaveCount(0)
    // Still live: a player connecting shows up for the viewer too.
    const player = await playerFor('huu-nghi-kiosk-1')
    await presence(s.page, 'huu-nghi-kiosk-1', 'Online')
    await expect(row(s.page, 'huu-nghi-kiosk-1').locator('a')).toHaveAttribute(
      'href',
      '#/preview/huu-nghi-kiosk-1',
    )
    player.close()
    await s.close()
  })

  test('derives alerts from what players report, and is screenshotted in three languages', async ({
    consoleAs,
  }) => {
    const wall = await playerFor('huu-nghi-wall')
    const doc = await documentOf('huu-nghi-wall')
    const now = Date.now()
    await wall.timeout(5_000).emitWithAck(
      'heartbeat',
      reportOf(doc, {
        clockOffsetMs: 2_500,
        errors: [
          { atMs: now - 3 * 3_600_000, message: 'old failure' },
          { atMs: now - 60_000, message: 'image failed to decode' },
        ],
      }),
    )
    const led = await playerFor('chi-ma-led')
    await led.timeout(5_000).emitWithAck('heartbeat', reportOf(await documentOf('chi-ma-led')))

    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'screens')
    const alerts = row(s.page, 'huu-nghi-wall').locator('.screen-alerts')
    await alerts.getByText('Recent errors: 1').waitFor({ timeout: 10_000 })
    await expect(alerts).toContainText('image failed to decode')
    await expect(alerts).toContainText('PC clock 2.5 s behind the server')
    // A screen that never had a player says so.
    await expect(row(s.page, 'huu-nghi-kiosk-2').locator('.screen-alerts')).toContainText(
      'No player has connected yet',
    )
    await s.page.locator('select[name="show"]').selectOption('attention')
    await s.page.waitForFunction(() => !document.querySelector('tr[data-screen="chi-ma-led"]'))
    await expect(row(s.page, 'huu-nghi-wall')).toHaveCount(1)
    await s.page.locator('select[name="show"]').selectOption('all')

    const headings: Record<Language, string> = { vi: 'Màn hình', zh: '显示屏', en: 'Screens' }
    for (const language of ['vi', 'zh', 'en'] as const) {
      await chooseLanguage(s.page, language)
      await expect(s.page.locator('main h1')).toHaveText(headings[language])
      await presence(s.page, 'chi-ma-led', { vi: 'Đang kết nối', zh: '在线', en: 'Online' }[language])
      await s.page.screenshot({ path: join(ARTIFACTS, `console-screens-${language}.png`), fullPage: true })
    }
    wall.close()
    led.close()
    await s.close()
  })
})

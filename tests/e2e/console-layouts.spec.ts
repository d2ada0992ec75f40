import { join } from 'node:path'
import type { VersionSummary } from '@playlists/schemas/approval'
import type { Language } from '@playlists/schemas/common'
import type { Layout } from '@playlists/schemas/layout'
import type { Page } from 'playwright-core'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The layouts page (issue 7): an editor starts a layout from a preset, sees it drawn over the real
 * shape of Chi Ma's 1536×768 panel (and the kiosks' 1080×1920), moves zones by typing numbers and
 * by dragging them, and the server keeps exactly the coordinates the drawing showed.
 */

const served = serveApp({ seed: true })

const frameRatio = async (page: Page) => {
  const box = await page.locator('.layout-frame').boundingBox()
  return box!.width / box!.height
}
const zoneBox = async (page: Page, id: string) =>
  (await page.locator(`.layout-zone[data-zone="${id}"]`).boundingBox())!

test.describe('console layouts page', () => {
  test('lists the seeded layouts and the presets', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'layouts')
    await s.page.locator('table.layout-list tbody tr').first().waitFor()
    const rows = await s.page
      .locator('table.layout-list tbody tr')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-layout')))
    expect(rows.sort()).toEqual(['portrait-kiosk', 'wall-16x9', 'wide-led'])
    await expect(s.page.locator('tr[data-layout="wide-led"]')).toContainText('Chi Ma outdoor LED')
    const presets = await s.page
      .locator('[data-preset]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-preset')))
    expect(presets).toEqual(['full-screen', 'wide-led', 'wall-16x9', 'portrait-kiosk'])
    await s.close()
  })

  test('draws a preset over the screen’s real aspect, moves zones by number and by mouse, and saves them', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    const { page } = s
    await goTo(page, 'layouts')
    await page
      .getByRole('link', { name: 'New layout from the preset Wide LED 2:1 — main, clock, ticker' })
      .click()
    await page.locator('.layout-frame').waitFor()
    await expect(page.locator('main h1')).toHaveText('New layout')

    // The frame has the panel's own shape: 2:1 at Chi Ma, 9:16 on the kiosks.
    await page.locator('select[name="shape"]').selectOption('1080x1920')
    await expect.poll(() => frameRatio(page)).toBeCloseTo(1080 / 1920, 2)
    await page.locator('select[name="shape"]').selectOption('1536x768')
    await expect.poll(() => frameRatio(page)).toBeCloseTo(1536 / 768, 2)
    await expect(page.locator('.layout-frame')).toHaveAttribute('data-width', '1536')

    await page.locator('input[name="name"]').fill('Chi Ma winter')
    // By number: the clock corner shorter, starting lower.
    const clockRow = page.locator('tr[data-zone="clock"]')
    await clockRow.getByLabel('Top position (y) of zone Clock').fill('0.1')
    await clockRow.getByLabel('Height of zone Clock').fill('0.5')
    // The drawing follows the numbers, in the screen's pixels.
    const frame = (await page.locator('.layout-frame').boundingBox())!
    let clock = await zoneBox(page, 'clock')
    expect((clock.y - frame.y) / frame.height).toBeCloseTo(0.1, 2)
    expect(clock.height / frame.height).toBeCloseTo(0.5, 2)
    await expect(clockRow.locator('.layout-pixels')).toHaveText('384 × 384 px at (1152, 77)')

    // A number past the edge is refused before anything is sent, and says why.
    await clockRow.getByLabel('Height of zone Clock').fill('0.95')
    await expect(page.locator('.layout-problems')).toContainText(
      'Zone Clock: y + height is 1.05, past the bottom edge (1).',
    )
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
    await clockRow.getByLabel('Height of zone Clock').fill('0.5')
    await expect(page.locator('.layout-problems')).toHaveCount(0)

    // By mouse: drag the clock down by a fifth of the screen's height…
    clock = await zoneBox(page, 'clock')
    await page.mouse.move(clock.x + clock.width / 2, clock.y + clock.height / 2)
    await page.mouse.down()
    await page.mouse.move(clock.x + clock.width / 2, clock.y + clock.height / 2 + frame.height * 0.1, {
      steps: 4,
    })
    await page.mouse.move(clock.x + clock.width / 2, clock.y + clock.height / 2 + frame.height * 0.2, {
      steps: 4,
    })
    await page.mouse.up()
    const y = Number(await clockRow.getByLabel('Top position (y) of zone Clock').inputValue())
    expect(y).toBeCloseTo(0.3, 2)
    // …and narrow it from its corner handle by a twentieth of the width.
    clock = await zoneBox(page, 'clock')
    const handle = (await page.locator('.layout-zone[data-zone="clock"] .layout-handle').boundingBox())!
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(handle.x + handle.width / 2 - frame.width * 0.05, handle.y + handle.height / 2, {
      steps: 4,
    })
    await page.mouse.up()
    const width = Number(await clockRow.getByLabel('Width of zone Clock').inputValue())
    expect(width).toBeCloseTo(0.2, 2)
    // Dragging never pushes a zone off the screen.
    const main = await zoneBox(page, 'main')
    await page.mouse.move(main.x + 20, main.y + 20)
    await page.mouse.down()
    await page.mouse.move(main.x - 300, main.y - 300, { steps: 3 })
    await page.mouse.up()
    const mainRow = page.locator('tr[data-zone="main"]')
    await expect(mainRow.getByLabel('Left position (x) of zone Main')).toHaveValue('0')
    await expect(mainRow.getByLabel('Top position (y) of zone Main')).toHaveValue('0')

    // A playlist for the ticker, then save.
    await page.locator('tr[data-zone="ticker"] select').selectOption('gate-ticker')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForFunction(() => /^#\/layouts\/(?!new)[^?]+/.test(location.hash))
    const id = decodeURIComponent(await page.evaluate(() => location.hash.split('/')[2]!.split('?')[0]!))

    const saved = (await served.t.app.inject({ method: 'GET', url: `/api/layouts/${id}` })).json() as Layout
    expect(saved.name).toBe('Chi Ma winter')
    const byId = Object.fromEntries(saved.zones.map((z) => [z.id, z]))
    expect(byId.main).toMatchObject({ x: 0, y: 0, width: 0.75, height: 0.86 })
    expect(byId.clock!.x).toBeCloseTo(0.75, 3)
    expect(byId.clock!.y).toBeCloseTo(y, 6)
    expect(byId.clock!.width).toBeCloseTo(width, 6)
    expect(byId.clock!.height).toBe(0.5)
    expect(byId.ticker).toMatchObject({ x: 0, y: 0.86, width: 1, height: 0.14, playlistId: 'gate-ticker' })

    // The saved layout opens on the same panel shape, and goes for approval.
    await page.locator('main h1', { hasText: 'Layout: Chi Ma winter' }).waitFor()
    await expect(page.locator('select[name="shape"]')).toHaveValue('1536x768')
    await expect.poll(() => frameRatio(page)).toBeCloseTo(2, 2)
    await page.getByRole('button', { name: 'Submit for approval' }).click()
    await page.locator('.approval-state', { hasText: 'Waiting for approval (version 1)' }).waitFor()
    const versions = (
      await served.t.app.inject({ method: 'GET', url: `/api/layouts/${id}/versions` })
    ).json() as VersionSummary[]
    expect(versions.map((v) => [v.number, v.state, v.submittedBy])).toEqual([
      [1, 'submitted', served.t.team.editor.id],
    ])
    await s.close()
  })

  test('moves the chosen zone with the arrow keys', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'layouts/new?preset=wide-led')
    const clock = s.page.locator('.layout-zone[data-zone="clock"]')
    await clock.focus()
    await s.page.keyboard.press('ArrowDown')
    await s.page.keyboard.press('ArrowDown')
    await s.page.keyboard.press('Shift+ArrowUp')
    const row = s.page.locator('tr[data-zone="clock"]')
    await expect(row.getByLabel('Top position (y) of zone Clock')).toHaveValue('0.02')
    await expect(row.getByLabel('Height of zone Clock')).toHaveValue('0.85')
    await s.close()
  })

  test('reads in Vietnamese, Chinese and English', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, 'layouts/wide-led?shape=1536x768')
    await s.page.locator('.layout-frame').waitFor()
    // The seeded layout's name is Gatecast's own, so it is translated too (playlists/product-names.ts).
    const headings: Record<Language, string> = {
      vi: 'Bố cục: LED 2:1 — nội dung, đồng hồ, bản tin chạy',
      zh: '布局：LED 2:1 — 主画面、时钟、滚动字幕',
      en: 'Layout: LED 2:1 — main, clock, ticker',
    }
    for (const language of ['vi', 'zh', 'en'] as const) {
      await chooseLanguage(s.page, language)
      await expect(s.page.locator('main h1')).toHaveText(headings[language])
      await s.page.screenshot({ path: join(ARTIFACTS, `console-layouts-${language}.png`), fullPage: true })
    }
    await s.close()
  })
})

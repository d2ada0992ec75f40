import { join } from 'node:path'
import { productName } from '@playlists/product-names'
import { zonePixels } from '@playlists/schemas/layout'
import type { Page } from 'playwright-core'
import { type Member, slide, succeed } from '../helpers/app'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * A layout or a schedule entry that reaches no screen is still shown to its approver (issue 17),
 * at each planned panel shape: the layout zone by zone, each with the first item of the playlist
 * it plays (drawn by the player's renderers) or a labelled outline; the entry as its playlist's
 * items.
 */

const served = serveApp({ seed: true }, async (t) => {
  // A site with no screen yet: schedule entries aimed at it reach none.
  await succeed(t.app, 'POST', '/api/sites', {
    id: 'lang-son-station',
    name: { vi: 'Ga Lạng Sơn', zh: '谅山站', en: 'Lạng Sơn station' },
  })
})

const api = async <T>(method: 'GET' | 'PUT' | 'POST', url: string, as?: Member, payload?: object) =>
  (await succeed(served.t.app, method, url, payload, as)) as T

const SHAPES = ['1920x960', '1536x768', '1920x1080', '1080x1920']

/** The sizes the previews are drawn at, in order. */
const shapesShown = (page: Page) =>
  page
    .locator('.approvals-previews li[data-size]')
    .evaluateAll((li) => li.map((l) => l.getAttribute('data-size')))

/** The text the player's stage shows in the first frame under `scope`. */
const stageText = (page: Page, scope: string) =>
  page.frameLocator(`${scope} iframe`).first().locator('#stage').textContent()

const ZONES = [
  { id: 'main', name: 'Main', x: 0, y: 0, width: 0.75, height: 0.86, playlistId: 'welcome' },
  { id: 'notices', name: 'Góc thông báo', x: 0.75, y: 0, width: 0.25, height: 0.6, playlistId: null },
  { id: 'promo', name: 'Promo', x: 0.75, y: 0.6, width: 0.25, height: 0.26, playlistId: 'promo-draft' },
  { id: 'ticker', name: 'Ticker', x: 0, y: 0.86, width: 1, height: 0.14, playlistId: 'gate-ticker' },
]

test.describe('a version no screen shows yet, at the planned panel shapes', () => {
  test('draws a new layout zone by zone at each shape, with what each zone plays', async ({ consoleAs }) => {
    test.setTimeout(90_000)
    // The promo zone's playlist has never been approved: no screen would play it there.
    await api('POST', '/api/playlists', served.t.team.editor, {
      id: 'promo-draft',
      name: 'Promo draft',
      items: [slide('promo-1', 'Promo', 8000)],
    })
    await api('POST', '/api/layouts', served.t.team.editor, {
      id: 'spare-led',
      name: 'Spare LED',
      zones: ZONES,
    })
    await api('POST', '/api/layouts/spare-led/submit', served.t.team.editor)
    const s = await consoleAs('approver', { language: 'zh' })
    await goTo(s.page, 'approvals/layout/spare-led/1')

    await expect
      .poll(() => s.page.locator('.approvals-reach-none').textContent())
      .toContain('目前没有屏幕使用此布局')
    await expect.poll(() => shapesShown(s.page)).toEqual(SHAPES)
    await expect(s.page.locator('main')).toContainText('以下是它在本项目每种屏幕规格上的效果')
    for (const shape of SHAPES) {
      const zones = s.page.locator(`.approvals-previews li[data-size="${shape}"] [data-zone]`)
      await expect
        .poll(() => zones.evaluateAll((z) => z.map((e) => e.getAttribute('data-zone'))))
        .toEqual(ZONES.map((z) => z.id))
    }

    // Each zone is laid out at its own pixel size on the panel, as the player places it.
    const kiosk = '.approvals-previews li[data-size="1080x1920"]'
    const main = zonePixels(ZONES[0]!, 1080, 1920)
    const frame = s.page.locator(`${kiosk} [data-zone="main"] iframe`)
    await expect(frame).toHaveAttribute('width', String(main.width))
    await expect(frame).toHaveAttribute('height', String(main.height))

    // The main zone shows the welcome playlist's first slide, the strip the gate ticker, by the player's renderers.
    await expect
      .poll(() => stageText(s.page, `${kiosk} [data-zone="main"]`), { timeout: 15_000 })
      .toContain('Chào mừng quý khách đến với Lạng Sơn')
    await expect
      .poll(() => stageText(s.page, '.approvals-previews li[data-size="1920x960"] [data-zone="ticker"]'), {
        timeout: 15_000,
      })
      .toContain('Cửa khẩu làm thủ tục xuất nhập cảnh')
    // Named in the reader's language, with the playlist each plays.
    await expect(s.page.locator(`${kiosk} [data-zone="main"] .approvals-zone-label`)).toHaveText(
      `${productName('Main', 'zh')}：${productName('Chào mừng — Welcome', 'zh')}`,
    )
    // A zone with no playlist of its own: an outline that says so, no frame.
    const notices = s.page.locator(`${kiosk} [data-zone="notices"]`)
    await expect(notices).toHaveClass(/\bapprovals-zone-empty\b/)
    await expect(notices).toHaveText(
      'Góc thông báo：没有自己的播放列表；除非有排期条目在此播放，否则保持黑屏',
    )
    await expect(notices.locator('iframe')).toHaveCount(0)
    const promo = s.page.locator(`${kiosk} [data-zone="promo"]`)
    await expect(promo).toHaveText('Promo：播放列表“Promo draft”尚未上线，不会在此播放')
    await expect(promo.locator('iframe')).toHaveCount(0)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-approvals-layout-shapes.png'), fullPage: true })
    await s.close()
  })

  test('shows a schedule entry whose target holds no screen as its playlist’s items at each shape', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    await api('POST', '/api/schedules', served.t.team.editor, {
      id: 'station-evening',
      name: 'Station evening',
      playlistId: 'tourism',
      target: { type: 'site', id: 'lang-son-station' },
      window: { start: '18:00', end: '22:00' },
    })
    await api('POST', '/api/schedules/station-evening/submit', served.t.team.editor)
    const tourism = await api<{ name: string; items: unknown[] }>('GET', '/api/playlists/tourism')

    const s = await consoleAs('approver', { language: 'vi' })
    await goTo(s.page, 'approvals/schedule/station-evening/1')
    await expect
      .poll(() => s.page.locator('.approvals-reach-none').textContent())
      .toContain('Không màn hình nào thuộc đối tượng của mục lịch phát này.')
    await expect.poll(() => shapesShown(s.page)).toEqual(SHAPES)
    await expect(s.page.locator('main')).toContainText(
      `đây là danh sách phát “${productName(tourism.name, 'vi')}” của nó trên từng kiểu màn hình`,
    )
    const frames = s.page.locator('.approvals-previews iframe')
    await expect(frames).toHaveCount(4)
    expect(
      await frames.evaluateAll((f) => f.map((x) => `${x.getAttribute('width')}x${x.getAttribute('height')}`)),
    ).toEqual(SHAPES)
    await expect
      .poll(() => s.page.locator('.approvals-previews-item').textContent())
      .toContain(`Mục 1/${tourism.items.length}`)
    await expect
      .poll(() => stageText(s.page, '.approvals-previews li:nth-child(4)'), { timeout: 15_000 })
      .toContain('Khám phá xứ Lạng')
    await s.close()
  })

  test('shows the waiting playlist that goes with the entry, and says so when its playlist is not on air at all', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    const { editor } = served.t.team
    /** An entry for the station, playing `playlistId`, submitted. */
    const entry = async (id: string, playlistId: string) => {
      await api('POST', '/api/schedules', editor, {
        id,
        name: id,
        playlistId,
        target: { type: 'site', id: 'lang-son-station' },
        window: { start: '22:00', end: '23:59' },
      })
      await api('POST', `/api/schedules/${id}/submit`, editor)
    }
    // A new playlist waiting for approval: the entry is previewed with that version.
    await api('POST', '/api/playlists', editor, {
      id: 'night-trains',
      name: 'Night trains',
      items: [slide('night-trains-1', 'Night trains', 8000)],
    })
    await api('POST', '/api/playlists/night-trains/submit', editor)
    await entry('station-night', 'night-trains')
    // A playlist with no version at all: nothing of it would play.
    await api('POST', '/api/playlists', editor, {
      id: 'draft-only',
      name: 'Draft only',
      items: [slide('draft-only-1', 'Draft only', 8000)],
    })
    await entry('station-draft', 'draft-only')

    const s = await consoleAs('approver', { language: 'en' })
    await goTo(s.page, 'approvals/schedule/station-night/1')
    await expect.poll(() => shapesShown(s.page)).toEqual(SHAPES)
    await expect(s.page.locator('main')).toContainText('here is its playlist “Night trains”')
    await expect
      .poll(() => stageText(s.page, '.approvals-previews li:nth-child(1)'), { timeout: 15_000 })
      .toContain('Night trains (vi)')

    await goTo(s.page, 'approvals/schedule/station-draft/1')
    await expect
      .poll(() => s.page.locator('main').textContent())
      .toContain('This entry’s playlist “Draft only” is not on air and no version of it is waiting')
    await expect(s.page.locator('.approvals-previews')).toHaveCount(0)
    await s.close()
  })
})

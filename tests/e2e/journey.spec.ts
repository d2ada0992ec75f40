import { join } from 'node:path'
import type { ApprovalQueuePage } from '@playlists/schemas/approval-queue'
import type { Media } from '@playlists/schemas/media'
import type { Playlist } from '@playlists/schemas/playlist'
import type { PlaysReport } from '@playlists/schemas/reports'
import type { Schedule } from '@playlists/schemas/schedule'
import { localAt } from '@playlists/time/zone'
import type { Frame, Page } from 'playwright-core'
import sharp from 'sharp'
import { ARTIFACTS, NO_SW } from '../helpers/browser'
import { type ConsoleSession, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { waitForPlayer } from '../helpers/player'

/**
 * The whole journey of issue 7, in Chromium, through the console only: an admin makes an editor
 * and an approver; the editor uploads a picture, builds a playlist around it, schedules it on
 * Chi Ma and submits both; the approver previews them together at Chi Ma's resolution, approves
 * and publishes; the Chi Ma player — open all along — shows the picture; an official's live
 * mirror shows the same item; the report counts its plays. The API is only read, to check.
 */

const SCREEN = 'chi-ma-led'
const ZONE = 'Asia/Ho_Chi_Minh'
const EDITOR = { username: 'le-thi-hoa', displayName: 'Lê Thị Hoa', password: 'hoa dao xu lang 2026' }
const APPROVER = { username: 'tran-van-binh', displayName: 'Trần Văn Bình', password: 'mau son may mu 2026' }
const FILE = 'Cổng Chi Ma hành trình.png'
const PLAYLIST = 'Chi Ma hành trình'
const RULE = 'Chi Ma cả ngày'
/** An orange no seeded content uses, to find on the screen's own pixels. */
const ORANGE = { r: 240, g: 120, b: 16 }

let player: Page
let playlistId = ''
let itemId = ''
let scheduleId = ''

const served = serveApp({ seed: true })
test.beforeAll(async ({ browser }) => {
  // The Chi Ma screen, paired and playing what is on air, before any of this starts.
  player = await browser.newPage({ viewport: { width: 1536, height: 768 }, serviceWorkers: NO_SW })
  await player.goto(playerUrl(served.base, screenToken(served.t.app, SCREEN)))
  await waitForPlayer(player)
})

const get = async <T>(url: string): Promise<T> => {
  const res = await served.t.app.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

const stageItem = (page: Page | Frame) =>
  page.evaluate(() => document.getElementById('stage')?.dataset.itemId ?? null)

/** Toasts sit over the bottom-right corner, where the lists' buttons are; they also leave by themselves. */
async function dismissNotices(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll<HTMLButtonElement>('.notices button')) b.click()
  })
}

/** Signs in as a newly made account, in Vietnamese as the console starts. */
const signInAs = (
  consoleAs: (username: string, options: { password: string; language: 'vi' }) => Promise<ConsoleSession>,
  who: { username: string; password: string },
) => consoleAs(who.username, { password: who.password, language: 'vi' })

async function approveAndPublish(s: ConsoleSession, name: string): Promise<void> {
  const { page } = s
  await goTo(page, 'approvals')
  // A row also names the versions it goes with (a playlist and its schedule entry): the link
  // whose whole text is the name is the row's own.
  await page.locator('table.approvals-queue tbody tr').getByRole('link', { name, exact: true }).click()
  await page.locator('button[name="approve"]').click()
  await page.locator('button[name="publish"]').click()
  await page.locator('dialog[open] button[name="confirm-publish"]').click()
  await page.locator('.approvals-summary .badge', { hasText: 'Đang phát' }).waitFor()
}

test.describe('the journey from an empty account list to a counted play at Chi Ma', () => {
  // Each step needs the one before, and the server and player of this file: after a failure
  // Playwright starts a new worker, with a new server that knows none of it, so the rest is skipped
  // rather than failing for a reason that is not theirs.
  test.describe.configure({ mode: 'serial' })
  test('an admin creates an editor and an approver', async ({ consoleAs }) => {
    test.setTimeout(60_000)
    const admin = await consoleAs('admin', { language: 'en' })
    await goTo(admin.page, 'users')
    for (const [who, role] of [
      [EDITOR, 'editor'],
      [APPROVER, 'approver'],
    ] as const) {
      const form = admin.page.locator('form.users-form')
      await form.locator('input[name="username"]').fill(who.username)
      await form.locator('input[name="displayName"]').fill(who.displayName)
      await form.locator('select[name="role"]').selectOption(role)
      await form.locator('input[name="password"]').fill(who.password)
      await form.getByRole('button', { name: 'Create account' }).click()
      await admin.page.locator(`tr[data-user="${who.username}"]`).waitFor()
    }
    const users = await get<{ username: string; role: string }[]>('/api/users')
    expect(users.filter((u) => [EDITOR.username, APPROVER.username].includes(u.username))).toEqual([
      expect.objectContaining({ username: EDITOR.username, role: 'editor' }),
      expect.objectContaining({ username: APPROVER.username, role: 'approver' }),
    ])
    await admin.close()
  })

  test('the editor uploads a picture, builds a playlist, schedules it on Chi Ma and submits both', async ({
    consoleAs,
  }) => {
    test.setTimeout(120_000)
    const s = await signInAs(consoleAs, EDITOR)
    const { page } = s
    await goTo(page, 'media')
    const png = await sharp({ create: { width: 960, height: 480, channels: 3, background: ORANGE } })
      .png()
      .toBuffer()
    await page
      .locator('input[type="file"][name="files"]')
      .setInputFiles([{ name: FILE, mimeType: 'image/png', buffer: png }])
    await page.locator('.media-upload-row[data-state="done"]', { hasText: FILE }).waitFor({ timeout: 30_000 })
    const [medium] = await get<Media[]>(`/api/media?q=${encodeURIComponent('cong chi ma hanh trinh')}`)
    expect(medium).toMatchObject({ name: FILE, kind: 'image', width: 960, height: 480 })

    // The playlist: the picture, from the library, for four seconds.
    await goTo(page, 'playlists')
    await page.locator('input[name="new-playlist-name"]').fill(PLAYLIST)
    await page.locator('form.pl-create button[type="submit"]').click()
    await page.locator('main h1', { hasText: PLAYLIST }).waitFor()
    playlistId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '')
    await page.locator('button[name="add-image"]').click()
    const picker = page.locator('dialog[open]')
    await picker.locator('input[name="media-search"]').fill('hanh trinh')
    await expect
      .poll(() => picker.locator('button.pl-picker-choice').allTextContents())
      .toEqual([expect.stringContaining(FILE)])
    await picker.locator('button.pl-picker-choice').click()
    await picker.waitFor({ state: 'detached' })
    await page.locator('ol.pl-items > li .pl-duration input').fill('4')
    await page.locator('button[name="save"]').click()
    await expect.poll(async () => (await get<Playlist>(`/api/playlists/${playlistId}`)).items.length).toBe(1)
    const [item] = (await get<Playlist>(`/api/playlists/${playlistId}`)).items
    expect(item).toMatchObject({ kind: 'image', mediaId: medium!.id, durationMs: 4000 })
    itemId = item!.id
    await page.locator('button[name="submit-for-approval"]').click()
    await page.locator('.pl-status .badge', { hasText: 'Phiên bản 1' }).waitFor()

    // The schedule: all day on the Chi Ma screen, above the gate's default playlist.
    const local = localAt(ZONE, Date.now())
    const day = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`
    await goTo(page, `schedule/${SCREEN}?date=${day}`)
    await page.locator('.sched-lane').first().waitFor()
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click()
    const form = page.locator('dialog form.sched-form')
    await form.locator('input[name="name"]').fill(RULE)
    await form.locator('select[name="playlistId"]').selectOption(playlistId)
    await form.locator('input[name="allDay"]').check()
    await form.locator('input[name="priority"]').fill('90')
    await form.locator('button[type="submit"]').click()
    await form.waitFor({ state: 'detached' })
    const rule = (await get<Schedule[]>('/api/schedules')).find((r) => r.name === RULE)
    expect(rule).toMatchObject({
      playlistId,
      target: { type: 'screen', id: SCREEN },
      window: null,
      priority: 90,
    })
    scheduleId = rule!.id
    await dismissNotices(page)
    await page.locator(`tr[data-rule="${scheduleId}"] button`, { hasText: 'Gửi duyệt' }).click()
    await page.locator(`tr[data-rule="${scheduleId}"] .approval-state`, { hasText: 'Chờ' }).waitFor()

    // Nothing is on the screen yet: two versions wait for an approver.
    const waiting = await get<ApprovalQueuePage>('/api/approvals')
    expect(
      waiting.items.filter((v) => v.objectId === playlistId || v.objectId === scheduleId).map((v) => v.state),
    ).toEqual(['submitted', 'submitted'])
    expect(await stageItem(player)).not.toBe(itemId)
    await s.close()
  })

  test('the approver previews both at Chi Ma’s resolution, then approves and publishes them', async ({
    consoleAs,
  }) => {
    test.setTimeout(120_000)
    const s = await signInAs(consoleAs, APPROVER)
    const { page } = s
    await goTo(page, 'approvals')
    await page
      .locator('table.approvals-queue tbody tr')
      .getByRole('link', { name: RULE, exact: true })
      .click()
    await page.locator('.approvals-preview a').first().click()
    await page.waitForFunction(() => location.hash.startsWith('#/preview/chi-ma-led?draft=schedule'))
    // The rule's playlist waits too: previewed together, as they would go on air.
    const playlistRef = `playlist:${playlistId}:1`
    await page.locator(`input[name="version"][value="${playlistRef}"]`).check()
    await page.locator('form.preview-drafts button[type="submit"]').click()
    await page.waitForFunction((ref) => decodeURIComponent(location.hash).includes(ref), playlistRef)

    const handle = await page.locator('.preview-screen iframe').elementHandle({ timeout: 10_000 })
    const frame = (await handle!.contentFrame())!
    await waitForPlayer(frame)
    await expect.poll(() => stageItem(frame), { timeout: 15_000 }).toBe(itemId)
    expect(await frame.evaluate(() => [innerWidth, innerHeight])).toEqual([1536, 768])
    const box = (await page.locator('.preview-screen iframe').boundingBox())!
    expect(box.width / box.height).toBeCloseTo(2, 2)
    expect(box.width).toBeLessThan(1536)
    await page.screenshot({ path: join(ARTIFACTS, 'journey-preview.png'), fullPage: true })
    // A preview changes nothing: the screen still plays what was on air.
    expect(await stageItem(player)).not.toBe(itemId)

    await approveAndPublish(s, PLAYLIST)
    await approveAndPublish(s, RULE)
    await s.close()
  })

  test('the open Chi Ma player shows the picture, and the official’s live mirror the same item', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    await expect.poll(() => stageItem(player), { timeout: 20_000 }).toBe(itemId)
    const image = player.locator('.layer.showing img[data-item-kind="image"]')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960)
    // The screen's own pixels at the picture's centre are the uploaded orange. The one-item
    // playlist starts its picture again every four seconds in a new layer, so the element measured
    // may be gone by the time it is measured (a null box): measured again until it holds still.
    await expect
      .poll(
        async () => {
          const r = await image.boundingBox().catch(() => null)
          if (!r) return Number.POSITIVE_INFINITY
          const shot = await player.screenshot({
            clip: { x: r.x + r.width / 2 - 2, y: r.y + r.height / 2 - 2, width: 4, height: 4 },
          })
          const { data } = await sharp(shot).raw().toBuffer({ resolveWithObject: true })
          return Math.abs(data[0]! - ORANGE.r) + Math.abs(data[1]! - ORANGE.g) + Math.abs(data[2]! - ORANGE.b)
        },
        { timeout: 15_000 },
      )
      .toBeLessThan(24)
    await player.screenshot({ path: join(ARTIFACTS, 'journey-chi-ma.png') })

    const viewer = await consoleAs('viewer', { language: 'zh' })
    await goTo(viewer.page, `preview/${SCREEN}`)
    const handle = await viewer.page.locator('.preview-screen iframe').elementHandle({ timeout: 10_000 })
    const frame = (await handle!.contentFrame())!
    await waitForPlayer(frame)
    const version = await player.evaluate(() => window.gatecast.version)
    await expect
      .poll(() => frame.evaluate(() => window.gatecastPreview.version), { timeout: 10_000 })
      .toBe(version)
    await expect.poll(() => stageItem(frame), { timeout: 10_000 }).toBe(itemId)
    await expect.poll(() => stageItem(player)).toBe(itemId)
    await viewer.page.screenshot({ path: join(ARTIFACTS, 'journey-mirror.png'), fullPage: true })
    await viewer.close()
  })

  test('the report counts the plays the screen sent', async ({ consoleAs }) => {
    test.setTimeout(90_000)
    const year = localAt(ZONE, Date.now()).year
    const query = `from=${year}-01-01&to=${year}-12-31&screenId=${SCREEN}&by=playlist`
    // Each four-second showing is reported once it ends; the player sends them within seconds.
    let report: PlaysReport | undefined
    await expect
      .poll(
        async () => {
          report = await get<PlaysReport>(`/api/reports/plays?${query}`)
          return report.rows.find((r) => r.key === playlistId)?.plays ?? 0
        },
        { timeout: 40_000, intervals: [1_000] },
      )
      .toBeGreaterThanOrEqual(2)
    const ours = report!.rows.find((r) => r.key === playlistId)!
    const stored = served.t.app.db
      .prepare('SELECT COUNT(*) FROM plays WHERE screen_id = ? AND playlist_id = ? AND item_id = ?')
      .pluck()
      .get(SCREEN, playlistId, itemId) as number
    expect(stored).toBeGreaterThanOrEqual(ours.plays)

    const viewer = await consoleAs('viewer', { language: 'en' })
    await goTo(viewer.page, `reports?year=${year}`)
    await viewer.page.locator('select[name="site"]').selectOption('chi-ma')
    await viewer.page.locator('select[name="group"]').selectOption('playlist')
    const row = viewer.page.locator('table[data-grouping="playlist"] tbody tr', { hasText: PLAYLIST })
    await row.waitFor()
    expect(Number(await row.locator('[data-plays]').getAttribute('data-plays'))).toBeGreaterThanOrEqual(
      ours.plays,
    )
    await viewer.page.screenshot({ path: join(ARTIFACTS, 'journey-report.png'), fullPage: true })
    await viewer.close()
  })
})

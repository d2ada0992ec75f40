import { join } from 'node:path'
import type { ScreenDocument } from '@playlists/schemas/document'
import { addDays, instantOf, localAt } from '@playlists/time/zone'
import { nextChange, resolve } from '@playlists/timeline'
import type { Frame, Page } from 'playwright-core'
import type { Member } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS, NO_SW } from '../helpers/browser'
import { type ConsoleSession, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt, waitForPlayer } from '../helpers/player'

/**
 * The officials' remote preview in Chromium (issue 7 item 2), as a viewer uses it, beside a real
 * paired player of the same screen: the live mirror shows what the screen shows at the same
 * moment, a chosen instant shows what the timeline says then, and a draft shows its new text at
 * the screen's resolution while the screen keeps the old.
 */

const SCREEN = 'chi-ma-led'
const ZONE = 'Asia/Ho_Chi_Minh'

let player: Page

const served = serveApp({ seed: true })
test.beforeAll(async ({ browser }) => {
  // The screen itself: paired, on server time, as at the gate.
  player = await browser.newPage({ viewport: { width: 1536, height: 768 }, serviceWorkers: NO_SW })
  await player.goto(playerUrl(served.base, screenToken(served.t.app, SCREEN)))
  await waitForPlayer(player)
})

const api = async <T>(url: string, as?: Member): Promise<T> => {
  const res = await served.t.app.inject({ method: 'GET', url, ...(as ? { headers: as.headers } : {}) })
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}
const published = () => api<ScreenDocument>(`/api/screens/${SCREEN}/document`)

/** Tourism on Saturday mornings at Chi Ma, approved and on air (once per file). */
async function saturdayMornings(): Promise<void> {
  const { editor } = served.t.team
  const created = await served.t.app.inject({
    method: 'POST',
    url: '/api/schedules',
    headers: editor.headers,
    payload: {
      id: 'chi-ma-saturday',
      name: 'Tourism on Saturday mornings',
      playlistId: 'tourism',
      target: { type: 'screen', id: SCREEN },
      days: [6],
      window: { start: '08:00', end: '12:00' },
    },
  })
  if (created.statusCode === 409) return
  expect(created.statusCode, created.body).toBe(201)
  await approveAndPublish(served.t.app, 'schedule', 'chi-ma-saturday', { author: editor })
}

/** The preview's frame, once its player page plays a document. */
async function previewFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('.preview-screen iframe').elementHandle({ timeout: 10_000 })
  const frame = (await handle!.contentFrame())!
  await waitForPlayer(frame)
  return frame
}

const stageItem = (page: Page | Frame) =>
  page.evaluate(() => document.getElementById('stage')?.dataset.itemId ?? null)

/** The first `weekday` (ISO) at `hour`:00 local after now, in the gates' zone (as the quick pick). */
function nextLocal(weekday: number, hour: number): number {
  const now = Date.now()
  const today = localAt(ZONE, now)
  for (let days = 0; days < 15; days++) {
    const at = instantOf(ZONE, addDays(today, days), hour * 60)
    if (at > now && localAt(ZONE, at).weekday === weekday) return at
  }
  throw new Error('no such day')
}

/** The time the screen's clock zone shows, and what it should show at `at`. */
const clockShown = (frame: Frame) =>
  frame.evaluate(() => document.querySelector('.layer.showing .clock-time')?.textContent ?? null)
const hhmm = (at: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at)

/** An instant as the screen's datetime-local field takes it. */
function localInput(at: number): string {
  const l = localAt(ZONE, at)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${l.year}-${two(l.month)}-${two(l.day)}T${two(Math.floor(l.minute / 60))}:${two(l.minute % 60)}`
}

/** Until the player's own clock (server time, which its timeline runs on) reaches `at`. */
/** The screen's item and its own clock, read in one task so that they belong together. */
const stageAndClock = (page: Page) =>
  page.evaluate(() => ({
    item: document.getElementById('stage')?.dataset.itemId ?? null,
    at: Date.now() + window.gatecast.clockOffsetMs,
  }))

const playerClockAt = (page: Page, at: number) =>
  page.waitForFunction((at) => Date.now() + window.gatecast.clockOffsetMs >= at, at, { polling: 50 })

async function screenshot(session: ConsoleSession, lang: string) {
  await session.page.screenshot({ path: join(ARTIFACTS, `console-preview-${lang}.png`), fullPage: true })
}

test.describe('officials’ remote preview', () => {
  test('mirrors the screen: the same item at the same moment, across item changes', async ({ consoleAs }) => {
    test.setTimeout(60_000)
    const viewer = await consoleAs('viewer', { language: 'vi' })
    // Without a screen, the page offers them all; the link opens the live mirror.
    await goTo(viewer.page, 'preview')
    // The list arrives after the heading.
    await expect(viewer.page.locator('table.preview-screens tbody tr')).toHaveCount(5)
    await viewer.page.getByRole('link', { name: 'Xem trước màn hình LED ngoài trời Chi Ma' }).click()
    await expect
      .poll(() => viewer.page.locator('main h1').textContent())
      .toBe('Xem trước: LED ngoài trời Chi Ma')
    await expect(viewer.page.getByRole('tab', { selected: true })).toHaveText('Trực tiếp')
    const frame = await previewFrame(viewer.page)
    await expect.poll(() => stageItem(frame), { timeout: 10_000 }).not.toBeNull()
    // The mirror plays the version the screen reported, and says so.
    const doc = await published()
    await expect
      .poll(() => frame.evaluate(() => window.gatecastPreview.version), { timeout: 10_000 })
      .toBe(doc.version)
    await expect
      .poll(() => viewer.page.locator('.preview-status').textContent())
      .toContain(`phiên bản ${doc.version}`)

    // Sampled just before and just after the next item changes: both show the same, and it is
    // what the timeline says for that instant.
    let at = Date.now() + 2_500
    for (let change = 0; change < 2; change++) {
      const boundary = nextChange(doc, at)!
      for (const sample of [boundary - 1_500, boundary + 1_500]) {
        await playerClockAt(player, sample)
        const [onScreen, inPreview] = await Promise.all([stageAndClock(player), stageItem(frame)])
        expect(inPreview, `at ${new Date(sample).toISOString()}`).toBe(onScreen.item)
        // The timeline at the instant the screen was read, by its own clock: on a busy machine
        // the read can come well after `sample`, and past the next change.
        expect(onScreen.item).toBe(resolve(doc, onScreen.at).playing?.item.id)
      }
      at = boundary + 1_500
    }
    await expect
      .poll(() => viewer.page.locator('.preview-status [data-showing]').getAttribute('data-showing'))
      .toBe(await stageItem(player))
    // The preview is not a screen: no player connection of its own, no credentials, no worker.
    expect(served.t.app.io.of('/player').adapter.rooms.get(`screen:${SCREEN}`)?.size).toBe(1)
    expect(
      await frame.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'gatecast:console-language')),
    ).toEqual([])
    expect(await frame.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(
      0,
    )
    await screenshot(viewer, 'vi')

    // A publish reaches the screen; once its player applied it, the mirror plays it too.
    await saturdayMornings()
    const next = await published()
    expect(next.version).toBeGreaterThan(doc.version)
    await expect
      .poll(() => player.evaluate(() => window.gatecast.version), { timeout: 10_000 })
      .toBe(next.version)
    await expect
      .poll(() => frame.evaluate(() => window.gatecastPreview.version), { timeout: 10_000 })
      .toBe(next.version)
    expect(await frame.evaluate(() => window.gatecastPreview.errors)).toEqual([])
    await viewer.close()
  })

  test('shows a later instant as the timeline has it, and scrubs through a range', async ({ consoleAs }) => {
    test.setTimeout(60_000)
    await saturdayMornings()
    const doc = await published()
    const saturday = nextLocal(6, 8)
    expect(resolve(doc, saturday).playing?.playlistId).toBe('tourism')

    const viewer = await consoleAs('viewer', { language: 'zh' })
    await goTo(viewer.page, `preview/${SCREEN}`)
    await viewer.page.getByRole('tab', { name: '指定时间' }).click()
    await viewer.page.locator('button[data-pick="saturday"]').click()
    const frame = await previewFrame(viewer.page)
    const expected = resolve(doc, saturday).playing!
    await expect.poll(() => stageItem(frame), { timeout: 10_000 }).toBe(expected.item.id)
    expect(await frame.evaluate(() => window.gatecastPreview.now())).toBe(saturday)
    await expect.poll(() => clockShown(frame)).toBe('08:00')
    // The picker speaks the screen's time zone, and the list marks the item on show.
    await expect(viewer.page.locator('input[name="at"]')).toHaveValue(/T08:00$/)
    await expect
      .poll(() => viewer.page.locator('tr.preview-current').first().textContent())
      .toContain(doc.playlists.tourism!.name)
    // …and why, by the schedule entry's name, not its id.
    await expect
      .poll(() => viewer.page.locator('tr.preview-current').first().textContent())
      .toContain('排期“Tourism on Saturday mornings”')

    // Dragging the scrubber past the window: the screen's default plays again.
    const afterWindow = saturday + 4.5 * 3_600_000
    await viewer.page.locator('input[name="scrub"]').evaluate((el, value) => {
      const input = el as HTMLInputElement
      input.value = value
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }, String(afterWindow))
    const later = resolve(doc, afterWindow).playing!
    expect(later.playlistId).toBe('trade-investment')
    await expect.poll(() => stageItem(frame), { timeout: 10_000 }).toBe(later.item.id)
    // One minute back with the keyboard.
    await viewer.page.locator('input[name="scrub"]').press('ArrowLeft')
    await expect.poll(() => frame.evaluate(() => window.gatecastPreview.now())).toBe(afterWindow - 60_000)
    await expect.poll(() => stageItem(frame)).toBe(resolve(doc, afterWindow - 60_000).playing?.item.id)
    // The clock zone shows the scrubbed instant at once, not at its next tick.
    await expect.poll(() => clockShown(frame), { timeout: 2_000 }).toBe(hhmm(afterWindow - 60_000))
    // Run on from there: the preview's clock moves, as the screen's will.
    await viewer.page.locator('input[name="run"]').check()
    await expect
      .poll(() => frame.evaluate(() => window.gatecastPreview.now()), { timeout: 5_000 })
      .toBeGreaterThan(afterWindow - 60_000 + 1_000)
    // The address keeps the instant, for a bookmark or a colleague.
    await expect
      .poll(() => viewer.page.evaluate(() => location.hash))
      .toContain(`at=${encodeURIComponent(new Date(afterWindow - 60_000).toISOString())}&run=1`)
    await screenshot(viewer, 'zh')
    await viewer.close()
  })

  test('shows a draft at the screen’s resolution, scaled to fit, while the screen keeps the old text', async ({
    browser,
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const { editor } = served.t.team
    const liveVersion = await player.evaluate(() => window.gatecast.version)
    const draft = (await api<{ name: string; items: { id: string; text?: { en?: object } }[] }>(
      '/api/playlists/trade-investment',
      editor,
    ))!
    const title = 'Chi Ma welcomes investors — draft'
    const items = draft.items.map((i) =>
      i.id === 'trade-destination' ? { ...i, text: { ...i.text, en: { ...i.text?.en, title } } } : i,
    )
    const put = await served.t.app.inject({
      method: 'PUT',
      url: '/api/playlists/trade-investment',
      headers: editor.headers,
      payload: { name: draft.name, items },
    })
    expect(put.statusCode, put.body).toBe(200)
    const submitted = await served.t.app.inject({
      method: 'POST',
      url: '/api/playlists/trade-investment/submit',
      headers: editor.headers,
    })
    expect(submitted.statusCode, submitted.body).toBe(201)
    const ref = `playlist:trade-investment:${submitted.json().number}`

    // A whole minute tomorrow afternoon when the changed slide is on: the draft's text is there to see.
    const doc = await published()
    let at = instantOf(ZONE, addDays(localAt(ZONE, Date.now()), 1), 15 * 60)
    while (resolve(doc, at).playing?.item.id !== 'trade-destination') at += 60_000

    const viewer = await consoleAs('viewer', { language: 'en' })
    // The approvals page links here in this form; the version arrives ticked, shown as of now.
    await goTo(viewer.page, `preview/${SCREEN}?draft=${ref}`)
    await expect(viewer.page.locator(`input[name="version"][value="${ref}"]`)).toBeChecked()
    await expect
      .poll(() => viewer.page.locator('.preview-status').textContent())
      .toContain(`Previewing as if on air: Playlist “${draft.name}”, version ${submitted.json().number}`)
    let frame = await previewFrame(viewer.page)
    await expect.poll(() => frame.evaluate(() => window.gatecastPreview.version)).toBe(liveVersion)
    // Then at a chosen instant, typed in the screen's time zone.
    await viewer.page.getByLabel('At another time').check()
    await viewer.page.locator('input[name="at"]').fill(localInput(at))
    frame = await previewFrame(viewer.page)
    await expect.poll(() => frame.evaluate(() => window.gatecastPreview.now()), { timeout: 10_000 }).toBe(at)
    await expect.poll(() => stageItem(frame), { timeout: 10_000 }).toBe('trade-destination')
    await expect
      .poll(() => frame.locator('.layer.showing .slide [data-lang="en"] h1').textContent(), {
        timeout: 10_000,
      })
      .toBe(title)

    // Laid out at the panel's own pixels, shown scaled with its 2:1 aspect, inside the window.
    expect(await frame.evaluate(() => [innerWidth, innerHeight])).toEqual([1536, 768])
    const box = (await viewer.page.locator('.preview-screen iframe').boundingBox())!
    expect(box.width / box.height).toBeCloseTo(2, 2)
    expect(box.width).toBeLessThan(1536)
    expect(box.x + box.width).toBeLessThanOrEqual(1440)
    await expect(viewer.page.locator('figcaption')).toContainText('1536 × 768 px')

    // The screen still plays the approved text: nothing was published.
    expect(await player.evaluate(() => window.gatecast.version)).toBe(liveVersion)
    const screen = await openPlayerAt(
      browser,
      playerUrl(served.base, screenToken(served.t.app, SCREEN), 'time=local'),
      at,
      {
        viewport: { width: 1536, height: 768 },
        serviceWorkers: NO_SW,
      },
    )
    expect(await stageItem(screen)).toBe('trade-destination')
    const onScreen = await screen.locator('.layer.showing .slide [data-lang="en"] h1').textContent()
    expect(onScreen).not.toBe(title)
    expect(onScreen).toBe('Lạng Sơn — a destination for investment and trade')
    await screen.close()

    await screenshot(viewer, 'en')
    await viewer.close()
  })
})

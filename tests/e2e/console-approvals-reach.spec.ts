import { join } from 'node:path'
import { productName } from '@playlists/product-names'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { Media } from '@playlists/schemas/media'
import type { Reach } from '@playlists/schemas/reach'
import type { Page } from 'playwright-core'
import type { Member } from '../helpers/app'
import { submitAndApprove } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Approvers see what they approve (issue 17): media by file name and thumbnail, slides drawn by
 * the player's renderer, the version at the size of each screen it reaches (or at each planned
 * panel shape when none does), the publish confirmation's screens and its warning when there
 * are none, and a new playlist published together with the schedule entry that plays it.
 */

const served = serveApp({ seed: true })

async function api<T>(
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  as?: Member,
  payload?: object,
): Promise<T> {
  const res = await served.t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

const mediaNamed = async (name: string) =>
  (await api<Media[]>('GET', '/api/media')).find((m) => m.name === name) ??
  Promise.reject(new Error(`no medium ${name}`))

const live = async (path: string) =>
  (await api<{ number: number; live: boolean }[]>('GET', `${path}/versions`)).find((v) => v.live)?.number ??
  null

const SLIDE_TITLE = 'Chào mừng chuyến xe đêm'

/** A new playlist nobody plays yet: a slide, a picture and a video, submitted by the editor. */
async function submitNightPlaylist() {
  const picture = await mediaNamed('mau-son-mountain.jpg')
  const video = await mediaNamed('border-clouds.webm')
  await api('POST', '/api/playlists', served.t.team.editor, {
    id: 'night-arrivals',
    name: 'Night arrivals',
    items: [
      {
        id: 'night-welcome',
        kind: 'slide',
        durationMs: 8000,
        text: {
          vi: { title: SLIDE_TITLE, body: 'Cửa khẩu mở cửa đến 22 giờ.' },
          zh: { title: '欢迎夜班车', body: '口岸开放至22点。' },
          en: { title: 'Welcome, night coaches', body: 'The gate is open until 22:00.' },
        },
      },
      { id: 'night-mountain', kind: 'image', mediaId: picture.id, durationMs: 8000 },
      { id: 'night-clouds', kind: 'video', mediaId: video.id, durationMs: 6000 },
    ],
  })
  await api('POST', '/api/playlists/night-arrivals/submit', served.t.team.editor)
  return { picture, video }
}

/** The text the player's stage shows inside the first preview frame of `scope`. */
const stageText = (page: Page, scope: string) =>
  page.frameLocator(`${scope} iframe`).first().locator('#stage').textContent()

test.describe('what an approver sees of a version', () => {
  test('shows media by file name and thumbnail, the slide drawn, and the version at each planned screen shape', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    const { picture, video } = await submitNightPlaylist()
    const s = await consoleAs('approver', { language: 'en' })
    // The queue row already shows what the version is about: its media, by name and thumbnail.
    await goTo(s.page, 'approvals')
    const row = s.page.locator('table.approvals-queue tbody tr', { hasText: 'Night arrivals' })
    await expect
      .poll(() => row.locator('.approvals-queue-media .media-label-name').allTextContents())
      .toEqual(['mau-son-mountain.jpg', 'border-clouds.webm'])
    await expect(row.locator('.approvals-queue-media img')).toHaveCount(2)
    await goTo(s.page, 'approvals/playlist/night-arrivals/1')
    await s.page.locator('.approvals-diff').waitFor()

    // Each medium by its file name, with its thumbnail (the video's poster); never its id.
    const labels = s.page.locator('.approvals-diff .media-label-name')
    await expect
      .poll(() => labels.allTextContents())
      .toEqual(expect.arrayContaining(['mau-son-mountain.jpg', 'border-clouds.webm']))
    for (const m of [picture, video]) {
      const thumb = s.page.locator(`.approvals-diff [data-media-id="${m.id}"] img.media-label-thumb`).first()
      expect(m.thumbnailUrl).not.toBeNull()
      await expect(thumb).toHaveAttribute('src', m.thumbnailUrl!)
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    }
    await expect(s.page.locator('main')).not.toContainText(picture.id)
    await expect(s.page.locator('main')).not.toContainText(video.id)

    // The slide drawn by the player's renderer, as the gates' LED shows it.
    await expect.poll(() => stageText(s.page, '.approvals-slide'), { timeout: 15_000 }).toContain(SLIDE_TITLE)

    // No screen plays it yet: said, and the version is shown at each of the programme's panel shapes.
    await expect
      .poll(() => s.page.locator('.approvals-reach-none').textContent())
      .toContain('This change reaches no screen')
    const shapes = s.page.locator('.approvals-previews li[data-size]')
    await expect
      .poll(() => shapes.evaluateAll((li) => li.map((l) => l.getAttribute('data-size'))))
      .toEqual(['1920x960', '1536x768', '1920x1080', '1080x1920'])
    const frames = s.page.locator('.approvals-previews iframe')
    await expect(frames).toHaveCount(4)
    expect(
      await frames.evaluateAll((f) => f.map((x) => `${x.getAttribute('width')}x${x.getAttribute('height')}`)),
    ).toEqual(['1920x960', '1536x768', '1920x1080', '1080x1920'])
    await expect
      .poll(() => stageText(s.page, '.approvals-previews li:nth-child(4)'), { timeout: 15_000 })
      .toContain(SLIDE_TITLE)
    // The next item, the picture, in every frame.
    await s.page.locator('button[name="next-item"]').click()
    await expect(s.page.locator('.approvals-previews-item')).toContainText('Item 2 of 3')
    await expect
      .poll(
        () =>
          s.page
            .frameLocator('.approvals-previews li:nth-child(2) iframe')
            .locator(`#stage img[src="${picture.url}"]`)
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-approvals-reach-shapes.png'), fullPage: true })
    await s.close()
  })

  test('lists the screens a change reaches before it goes on air, each previewed at its size', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    const { editor } = served.t.team
    const { name, items } = await api<{ name: string; items: { kind: string; text?: unknown }[] }>(
      'GET',
      '/api/playlists/tourism',
    )
    await api('PUT', '/api/playlists/tourism', editor, { name, items: [...items].reverse() })
    const n = await submitAndApprove(served.t.app, 'playlist', 'tourism', { author: editor })
    const reach = await api<Reach>('GET', `/api/playlists/tourism/versions/${n}/reach`)
    expect(reach.screens.length).toBeGreaterThan(0)

    const s = await consoleAs('approver2', { language: 'vi' })
    await goTo(s.page, `approvals/playlist/tourism/${n}`)
    const sizes = [...new Set(reach.screens.map((r) => `${r.width}x${r.height}`))]
    await expect
      .poll(() =>
        s.page
          .locator('.approvals-previews li[data-size]')
          .evaluateAll((li) => li.map((l) => l.getAttribute('data-size'))),
      )
      .toEqual(sizes)
    // The order change names the picture and the video by file name, not by item id.
    const order = s.page.locator('.approvals-order')
    await expect(order).toContainText('mau-son-mountain.jpg')
    await expect(order).not.toContainText('tourism-mau-son')

    await s.page.locator('button[name="publish"]').click()
    const dialog = s.page.locator('dialog[open]')
    const listed = dialog.locator('.approvals-reach-screens li')
    await expect(listed).toHaveCount(reach.screens.length)
    const first = reach.screens[0]!
    await expect(listed.first()).toHaveText(
      // A seeded screen's name is shown in the reader's language (Vietnamese here).
      `${productName(first.name, 'vi')} (${first.width}×${first.height})`,
    )
    await expect(dialog.locator('.approvals-reach-none')).toHaveCount(0)
    await dialog.locator('button[name="confirm-publish"]').click()
    await s.page.locator('.approvals-summary .badge', { hasText: /^Đang phát$/ }).waitFor()
    expect(await live('/api/playlists/tourism')).toBe(n)
    await s.close()
  })

  test('warns that a new playlist reaches no screen, names the waiting schedule entry, and publishes both together', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    await submitAndApprove(served.t.app, 'playlist', 'night-arrivals', { author: served.t.team.editor })
    const s = await consoleAs('approver', { language: 'en' })
    await goTo(s.page, 'approvals/playlist/night-arrivals/1')
    const dialog = s.page.locator('dialog[open]')

    // Alone: nothing plays it, and the dialog says so before anything is published.
    await s.page.locator('button[name="publish"]').click()
    await expect
      .poll(() => dialog.locator('.approvals-reach-none').textContent())
      .toContain('no schedule entry on air plays it')
    await expect(dialog.locator('button[name="publish-together"]')).toHaveCount(0)
    await dialog.locator('button', { hasText: 'Cancel' }).click()

    // The evening entry that would play it, submitted: named, with the order to follow.
    await api('POST', '/api/schedules', served.t.team.editor2, {
      id: 'night-coaches',
      name: 'Night coaches',
      playlistId: 'night-arrivals',
      target: { type: 'site', id: 'chi-ma' },
      window: { start: '20:00', end: '23:00' },
    })
    await api('POST', '/api/schedules/night-coaches/submit', served.t.team.editor2)
    await s.page.locator('button[name="publish"]').click()
    const warning = dialog.locator('.approvals-reach-none')
    await expect(warning).toContainText('still waiting')
    await expect(warning).toContainText('Schedule entry “Night coaches”, version 1')
    await expect(warning).toContainText('waiting for approval')
    await expect(warning.locator('a')).toHaveAttribute('href', '#/approvals/schedule/night-coaches/1')
    await expect(dialog.locator('button[name="publish-together"]')).toHaveCount(0)
    await dialog.locator('button', { hasText: 'Cancel' }).click()

    // The queue shows the pair together.
    await api('POST', '/api/schedules/night-coaches/versions/1/approve', served.t.team.approver2)
    await goTo(s.page, 'approvals')
    // The playlist's own row (the entry's row names it too, as what it goes with).
    const row = s.page.locator('table.approvals-queue tbody tr', {
      has: s.page.locator('td:nth-child(2) > a', { hasText: /^Night arrivals$/ }),
    })
    await expect(row.locator('.approvals-goes-with')).toContainText('Night coaches')
    await expect(row.locator('button[name="publish-together"]')).toHaveCount(1)

    // Approved: one step puts both on air, the playlist first.
    await goTo(s.page, 'approvals/playlist/night-arrivals/1')
    await s.page.locator('button[name="publish"]').click()
    await dialog.locator('button[name="publish-together"]').click()
    await s.page.locator('.approvals-summary .badge', { hasText: /^On air$/ }).waitFor()
    expect(await live('/api/playlists/night-arrivals')).toBe(1)
    expect(await live('/api/schedules/night-coaches')).toBe(1)
    const doc = await api<ScreenDocument>('GET', '/api/screens/chi-ma-led/document')
    expect(Object.keys(doc.playlists)).toContain('night-arrivals')
    await s.close()
  })
})

test.describe('the preview page', () => {
  test('names a picture in “now showing” and in the plays list by its file name, never its item id', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    const doc = await api<ScreenDocument>('GET', '/api/screens/chi-ma-led/document')
    const s = await consoleAs('viewer', { language: 'en' })
    const at = new Date(Math.ceil((Date.now() + 3_600_000) / 3_600_000) * 3_600_000).toISOString()
    await goTo(s.page, `preview/chi-ma-led?at=${at}`)
    await s.page.locator('select[name="granularity"]').selectOption('items')
    const pictures = Object.values(doc.playlists)
      .flatMap((p) => p.items)
      .filter((i) => i.kind === 'image')
    // File name → the item showing it.
    const names = new Map<string, string>()
    for (const i of pictures) {
      if (i.kind === 'image') names.set((await api<Media>('GET', `/api/media/${i.media.id}`)).name, i.id)
    }
    const row = s.page.locator('.preview-plays tbody tr', { hasText: 'Image · ' }).first()
    await row.waitFor()
    const text = (await row.textContent()) ?? ''
    const shown = [...names.keys()].find((n) => text.includes(`Image · ${n}`))
    expect(shown, text).toBeDefined()
    for (const i of pictures) await expect(s.page.locator('.preview-plays')).not.toContainText(i.id)

    await row.locator('button').click()
    const showing = s.page.locator('.preview-status [data-showing]')
    await expect
      .poll(() => showing.getAttribute('data-showing'), { timeout: 15_000 })
      .toBe(names.get(shown ?? ''))
    await expect(showing).toContainText(`Image · ${shown}`)
    await s.close()
  })
})

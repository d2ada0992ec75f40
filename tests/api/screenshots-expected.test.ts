import { resolve } from '@playlists/timeline'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, seedMinimal, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { CHROMIUM } from '../helpers/browser'
import { multipart } from '../helpers/files'
import { screenToken } from '../helpers/pairing'

/**
 * The expected picture, rendered by the server's headless Chromium with the player's own code,
 * and the verdicts it makes possible: the screen's own frame as expected, another picture wrong.
 */

let t: TestApp
let token: string
const NOW = Date.UTC(2026, 11, 5, 3, 0, 2)

beforeAll(async () => {
  t = await createTestApp({ clock: () => NOW, screenshots: { chromium: CHROMIUM } })
  await seedMinimal(t.app, 'screen-a')
  token = screenToken(t.app, 'screen-a')
}, 60_000)
afterAll(() => t?.close())

const upload = (body: Buffer, capturedAt = NOW, bearer = token) =>
  t.app.inject({
    method: 'POST',
    url: '/api/agent/screenshots',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'image/png',
      'x-gatecast-captured-at': String(capturedAt),
      'x-gatecast-reason': 'on-demand',
    },
    payload: body,
  })

/** A picture nothing like a slide: orange over green, a white sun. */
const unlike = () =>
  sharp({ create: { width: 960, height: 480, channels: 3, background: '#d04010' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="960" height="480"><rect x="0" y="240" width="960" height="240" fill="#10a040"/><circle cx="240" cy="120" r="90" fill="#ffffff"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer()

describe('the expected picture', () => {
  it('is rendered by the player at the capture instant, kept beside the capture, and matches the screen’s frame', async () => {
    // What the screen shows at that instant, as its player draws it, at half its size.
    const picture = await t.app.screenshots.renderExpected('screen-a', NOW, { width: 960, height: 480 })
    expect(await sharp(picture).metadata()).toMatchObject({ width: 960, height: 480 })
    const res = await upload(picture)
    expect(res.statusCode).toBe(201)
    expect(res.json().verdict).toBe('as-expected')
    const history = (await t.app.inject({ url: '/api/screens/screen-a/screenshots' })).json()
    expect(history.items[0]).toMatchObject({ hasExpected: true })
    const expected = await t.app.inject({ url: `/api/screenshots/${res.json().id}/expected` })
    expect(expected.headers['content-type']).toBe('image/png')
  }, 60_000)

  it('takes a frame of the item before a swap, stamped just after it, as expected; seconds later, as wrong', async () => {
    // Screen b shows a slide, then a picture nothing like it, 5 s each.
    const form = multipart([{ filename: 'field.png', contentType: 'image/png', data: await unlike() }])
    const media = await t.app.inject({ method: 'POST', url: '/api/media', ...form })
    expect(media.statusCode, media.body).toBe(201)
    await succeed(t.app, 'POST', '/api/playlists', {
      id: 'swap',
      name: 'Swap',
      items: [
        slide('s', 'Slide'),
        { id: 'p', kind: 'image', durationMs: 5000, mediaId: media.json().id, fit: 'cover' },
      ],
    })
    await approveAndPublish(t.app, 'playlist', 'swap')
    await succeed(
      t.app,
      'POST',
      '/api/screens',
      screenBody('screen-b', 'gate', { defaultPlaylistId: 'swap' }),
    )
    const token = screenToken(t.app, 'screen-b')
    // The last change of item at least 3 s before the server's now.
    const document = t.app.repos.documents.latest('screen-b')!
    const zone = document.layout.zones[0]!.id
    let swap = resolve(document, NOW, zone).playing!.startMs
    if (NOW - swap < 3_000) swap = resolve(document, swap - 1, zone).playing!.startMs
    expect(resolve(document, swap - 500, zone).playing!.item.id).not.toBe(
      resolve(document, swap + 500, zone).playing!.item.id,
    )
    // The screen still shows the item before: the player swapped late, or the agent stamped early.
    const before = await t.app.screenshots.renderExpected('screen-b', swap - 500, { width: 960, height: 480 })
    const detail = (id: string) => t.app.repos.screenshots.find(id)?.detail
    const late = (await upload(before, swap + 1_000, token)).json()
    expect(late.verdict, detail(late.id)).toBe('as-expected')
    expect(detail(late.id)).toMatch(
      /^Close to the expected picture 2 s before the capture, beside a change of item/,
    )
    // 2.5 s on (and 2.5 s before the next swap), the screen should have swapped: wrong content.
    const stale = (await upload(before, swap + 2_500, token)).json()
    expect(stale.verdict, detail(stale.id)).toBe('wrong-content')
  }, 60_000)

  it('calls another picture wrong content, and a black one black', async () => {
    const other = await unlike()
    const wrong = (await upload(other)).json()
    expect(wrong.verdict).toBe('wrong-content')
    const black = await sharp({ create: { width: 960, height: 480, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    expect((await upload(black)).json().verdict).toBe('black')
  }, 60_000)
})

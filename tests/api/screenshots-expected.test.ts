import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { CHROMIUM } from '../helpers/browser'
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

const upload = (body: Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/agent/screenshots',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'image/png',
      'x-gatecast-captured-at': String(NOW),
      'x-gatecast-reason': 'on-demand',
    },
    payload: body,
  })

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

  it('calls another picture wrong content, and a black one black', async () => {
    const other = await sharp({
      create: { width: 960, height: 480, channels: 3, background: '#d04010' },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg width="960" height="480"><rect x="0" y="240" width="960" height="240" fill="#10a040"/><circle cx="240" cy="120" r="90" fill="#ffffff"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer()
    const wrong = (await upload(other)).json()
    expect(wrong.verdict).toBe('wrong-content')
    const black = await sharp({ create: { width: 960, height: 480, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    expect((await upload(black)).json().verdict).toBe('black')
  }, 60_000)
})

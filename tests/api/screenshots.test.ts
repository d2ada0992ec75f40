import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CAPTURE_AGE_MAX_MS, SCREENSHOT_BYTES_MAX } from '@playlists/schemas/screenshots'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, succeed, type TestApp } from '../helpers/app'
import { makeJpeg } from '../helpers/media'
import { pairScreen, screenToken } from '../helpers/pairing'

let t: TestApp
let clockMs: number
let token: string

beforeEach(async () => {
  clockMs = Date.UTC(2026, 11, 5, 3, 0, 0)
  t = await createTestApp({ clock: () => clockMs })
  await succeed(t.app, 'POST', '/api/sites', siteBody())
  await succeed(t.app, 'POST', '/api/screens', screenBody('screen-a'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('screen-b'))
  token = await pairScreen(t.app, 'screen-a')
})
afterEach(() => t.close())

/** A frame of coloured noise: incompressible, so its size is what the test asks for. */
const noisePng = (width: number, height: number, seed = 1) => {
  const raw = Buffer.alloc(width * height * 3)
  let x = seed
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    raw[i] = x >>> 24
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}
const flatPng = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()

interface UploadOptions {
  body: Buffer | string
  type?: string
  at?: number | string | null
  reason?: string | null
  auth?: string | null
}

const upload = ({
  body,
  type = 'image/png',
  at = clockMs,
  reason = 'scheduled',
  auth = token,
}: UploadOptions) => {
  const headers: Record<string, string> = { 'content-type': type }
  if (auth !== null) headers.authorization = `Bearer ${auth}`
  else headers.cookie = '' // no admin default
  if (at !== null) headers['x-gatecast-captured-at'] = String(at)
  if (reason !== null) headers['x-gatecast-reason'] = reason
  return t.app.inject({ method: 'POST', url: '/api/agent/screenshots', headers, payload: body })
}

const filesOf = (screenId: string) => {
  const dir = join(t.dataDir, 'screenshots', screenId)
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

describe('uploading a screenshot', () => {
  it('stores the frame with a thumbnail, answers its verdict, and lists it in the screen’s history', async () => {
    const res = await upload({ body: await makeJpeg(1280, 640), type: 'image/jpeg', reason: 'on-demand' })
    expect(res.statusCode).toBe(201)
    const receipt = res.json()
    expect(receipt).toEqual({
      id: expect.stringMatching(/^shot-/),
      screenId: 'screen-a',
      capturedAt: new Date(clockMs).toISOString(),
      // No document published yet: nothing to compare with, and nothing wrong by its look.
      verdict: 'unverified',
    })
    expect(filesOf('screen-a')).toEqual([`${receipt.id}.jpg`, `${receipt.id}.thumb.jpg`])

    const history = await t.app.inject({
      url: '/api/screens/screen-a/screenshots',
      headers: t.team.viewer.headers,
    })
    expect(history.statusCode).toBe(200)
    expect(history.json()).toMatchObject({
      total: 1,
      page: 1,
      items: [
        {
          id: receipt.id,
          reason: 'on-demand',
          verdict: 'unverified',
          width: 1280,
          height: 640,
          hasExpected: false,
        },
      ],
    })
    expect(history.json().items[0].detail).toContain('no Chromium is configured')

    const full = await t.app.inject({
      url: `/api/screenshots/${receipt.id}/full`,
      headers: t.team.viewer.headers,
    })
    expect(full.statusCode).toBe(200)
    expect(full.headers['content-type']).toBe('image/jpeg')
    const thumb = await t.app.inject({ url: `/api/screenshots/${receipt.id}/thumb` })
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320)
    const expected = await t.app.inject({ url: `/api/screenshots/${receipt.id}/expected` })
    expect(expected.statusCode).toBe(404)
    expect(expected.json().code).toBe('screenshot.image-none')

    const latest = await t.app.inject({ url: '/api/screenshots/latest' })
    expect(latest.json().map((s: { id: string }) => s.id)).toEqual([receipt.id])
    expect(t.app.repos.audit.query({ action: 'screenshot.receive', limit: 10 })).toHaveLength(1)
  })

  it('calls a uniformly black frame black, and a white one an error page', async () => {
    const black = await upload({ body: await flatPng(800, 400, '#020202') })
    expect(black.json().verdict).toBe('black')
    const white = await upload({ body: await flatPng(800, 400, '#ffffff') })
    expect(white.json().verdict).toBe('error-page')
  })
})

describe('who may upload', () => {
  it('takes only a paired screen’s live token, and files the picture under that screen', async () => {
    const body = await flatPng(64, 32, '#336699')
    expect((await upload({ body, auth: null })).statusCode).toBe(401)
    const asAdmin = await upload({ body, auth: t.team.admin.token })
    expect(asAdmin.statusCode).toBe(403)
    expect(asAdmin.json().code).toBe('auth.screen-only')
    const other = await upload({ body, auth: screenToken(t.app, 'screen-b') })
    expect(other.json().screenId).toBe('screen-b')

    t.app.repos.screenTokens.revoke({ screenId: 'screen-a' })
    const revoked = await upload({ body })
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().code).toBe('auth.credentials-invalid')
  })
})

describe('what is refused', () => {
  const codeOf = async (options: UploadOptions) => {
    const res = await upload(options)
    return { status: res.statusCode, code: res.json().code as string }
  }

  it('refuses bodies that are not a PNG or JPEG, or not the type they are sent as', async () => {
    const png = await flatPng(64, 32, '#336699')
    expect(await codeOf({ body: 'not a picture at all', type: 'image/png' })).toEqual({
      status: 415,
      code: 'screenshot.type',
    })
    expect(await codeOf({ body: png, type: 'image/jpeg' })).toEqual({ status: 415, code: 'screenshot.type' })
    expect(await codeOf({ body: JSON.stringify({ a: 1 }), type: 'application/json' })).toEqual({
      status: 415,
      code: 'screenshot.type',
    })
    expect(await codeOf({ body: png, type: 'image/gif' })).toEqual({
      status: 415,
      code: 'request.content-type',
    })
    expect(await codeOf({ body: Buffer.alloc(0) })).toEqual({ status: 400, code: 'screenshot.empty' })
    // A PNG cut short: its signature is right, its pixels are not there.
    expect(await codeOf({ body: (await noisePng(200, 100)).subarray(0, 400) })).toEqual({
      status: 422,
      code: 'screenshot.unreadable',
    })
    expect(filesOf('screen-a')).toEqual([])
  })

  it('refuses a body over 4 MB and a picture larger than any screen', async () => {
    const big = Buffer.concat([await flatPng(64, 32, '#000'), Buffer.alloc(SCREENSHOT_BYTES_MAX)])
    expect(await codeOf({ body: big })).toEqual({ status: 413, code: 'request.too-large' })
    expect(await codeOf({ body: await flatPng(9000, 8, '#123456') })).toEqual({
      status: 413,
      code: 'screenshot.too-many-pixels',
    })
  })

  it('checks the capture instant against the server’s clock', async () => {
    const body = await flatPng(64, 32, '#336699')
    expect(await codeOf({ body, at: null })).toEqual({ status: 400, code: 'screenshot.captured-at' })
    expect(await codeOf({ body, at: 'yesterday' })).toEqual({ status: 400, code: 'screenshot.captured-at' })
    expect(await codeOf({ body, at: clockMs + 60_000 })).toEqual({
      status: 400,
      code: 'screenshot.clock-ahead',
    })
    expect(await codeOf({ body, at: clockMs - CAPTURE_AGE_MAX_MS - 1 })).toEqual({
      status: 400,
      code: 'screenshot.too-old',
    })
    // A few seconds ahead is a PC's clock between two NTP syncs: taken as now.
    const ahead = await upload({ body, at: clockMs + 3_000 })
    expect(ahead.statusCode).toBe(201)
    expect(ahead.json().capturedAt).toBe(new Date(clockMs).toISOString())
    const late = await upload({ body, at: clockMs - 60_000 })
    expect(late.json().capturedAt).toBe(new Date(clockMs - 60_000).toISOString())
  })

  it('refuses a reason it does not know', async () => {
    const body = await flatPng(64, 32, '#336699')
    expect(await codeOf({ body, reason: null })).toEqual({ status: 400, code: 'screenshot.reason' })
    expect(await codeOf({ body, reason: 'curious' })).toEqual({ status: 400, code: 'screenshot.reason' })
  })

  it('answers 404 for a screen or screenshot that does not exist', async () => {
    const history = await t.app.inject({ url: '/api/screens/nowhere/screenshots' })
    expect(history.json().code).toBe('screen.not-found')
    const image = await t.app.inject({ url: '/api/screenshots/shot-nothing/full' })
    expect(image.json().code).toBe('screenshot.not-found')
    const variant = await t.app.inject({ url: '/api/screenshots/shot-nothing/raw' })
    expect(variant.statusCode).toBe(400)
  })
})

describe('retention', () => {
  const HOUR = 3_600_000

  it('removes captures past the retention period, but never a screen’s newest', async () => {
    const start = clockMs
    const ids: string[] = []
    for (let day = 0; day < 16; day++) {
      clockMs = start + day * 24 * HOUR
      ids.push(
        (
          await upload({ body: await flatPng(64, 32, `#33${(day * 10).toString(16).padStart(2, '0')}99`) })
        ).json().id,
      )
    }
    clockMs = start + 15 * 24 * HOUR
    const other = (
      await upload({ body: await flatPng(64, 32, '#999999'), auth: screenToken(t.app, 'screen-b') })
    ).json().id
    // screen-b's only capture, then 30 days of silence: it stays, as screen-a's newest does.
    clockMs = start + 45 * 24 * HOUR
    await t.app.jobs.run('screenshots-retention').pending
    const left = (await t.app.inject({ url: '/api/screens/screen-a/screenshots' })).json()
    expect(left.items.map((s: { id: string }) => s.id)).toEqual([ids.at(-1)])
    expect((await t.app.inject({ url: '/api/screens/screen-b/screenshots' })).json().items[0].id).toBe(other)
    expect(filesOf('screen-a')).toEqual([`${ids.at(-1)}.png`, `${ids.at(-1)}.thumb.jpg`])
  })

  it('keeps within the default 14 days by age', async () => {
    const start = clockMs
    const ids: string[] = []
    for (const day of [0, 10, 13, 15]) {
      clockMs = start + day * 24 * HOUR
      ids.push((await upload({ body: await flatPng(64, 32, '#445566') })).json().id)
    }
    await t.app.jobs.run('screenshots-retention').pending
    const left = (await t.app.inject({ url: '/api/screens/screen-a/screenshots' })).json()
    // Day 0 is 15 days old; day 10 and 13 are within the fortnight.
    expect(left.items.map((s: { id: string }) => s.id)).toEqual([ids[3], ids[2], ids[1]])
  })
})

describe('the storage limit', () => {
  let small: TestApp
  beforeEach(async () => {
    // 0.5 MB: a handful of 200 KB frames of noise.
    small = await createTestApp({ clock: () => clockMs, screenshots: { storageMb: 0.5 } })
    await succeed(small.app, 'POST', '/api/sites', siteBody())
    await succeed(small.app, 'POST', '/api/screens', screenBody('screen-a'))
    await succeed(small.app, 'POST', '/api/screens', screenBody('screen-b'))
  })
  afterEach(() => small.close())

  it('removes the oldest first once the files pass the limit, keeping each screen’s newest', async () => {
    const post = async (screen: string, seed: number) => {
      clockMs += 60_000
      const res = await small.app.inject({
        method: 'POST',
        url: '/api/agent/screenshots',
        headers: {
          authorization: `Bearer ${screenToken(small.app, screen)}`,
          'content-type': 'image/png',
          'x-gatecast-captured-at': String(clockMs),
          'x-gatecast-reason': 'scheduled',
        },
        payload: await noisePng(260, 260, seed),
      })
      expect(res.statusCode).toBe(201)
      return res.json().id as string
    }
    const b = await post('screen-b', 99)
    const a: string[] = []
    for (let i = 1; i <= 6; i++) a.push(await post('screen-a', i))
    await small.app.screenshots.enforceRetention(clockMs)

    const total = small.app.repos.screenshots.totalBytes()
    expect(total).toBeLessThanOrEqual(0.5 * 1024 * 1024)
    const kept = (await small.app.inject({ url: '/api/screens/screen-a/screenshots' })).json()
    const keptIds = kept.items.map((s: { id: string }) => s.id)
    // The newest survive, in order, and the oldest went first.
    expect(keptIds).toEqual(a.slice(a.length - keptIds.length).reverse())
    expect(keptIds.length).toBeGreaterThan(0)
    expect(keptIds.length).toBeLessThan(6)
    // screen-b's only capture is the oldest of all, yet it stays: it is that screen's newest.
    expect((await small.app.inject({ url: '/api/screens/screen-b/screenshots' })).json().items[0].id).toBe(b)
  })
})

describe('alert incidents from screenshots', () => {
  const CLOSED_ALL_WEEK = {
    hours: { mode: 'weekly', days: [[], [], [], [], [], [], []] },
    brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 100 }], cap: null },
  }

  it('opens one incident with the picture linked for a black screen, tells the webhooks, and resolves on an expected frame', async () => {
    const hook = await succeed(t.app, 'POST', '/api/alerts/webhooks', {
      name: 'Ops',
      url: 'https://ops.example.vn/hook',
    })
    const black = await flatPng(800, 400, '#010101')
    const first = (await upload({ body: black })).json()
    expect(first.verdict).toBe('black')
    // Black all night is one incident, not one per capture.
    clockMs += 600_000
    expect((await upload({ body: black })).json().verdict).toBe('black')

    const open = (await t.app.inject({ url: '/api/alerts/incidents?state=open' })).json()
    expect(open.items).toHaveLength(1)
    expect(open.items[0]).toMatchObject({
      screenId: 'screen-a',
      kind: 'screenshot',
      detail: {
        screenshotId: first.id,
        verdict: 'black',
        pictureUrl: `/api/screenshots/${first.id}/full`,
        expectedUrl: null,
      },
    })
    expect((await t.app.inject({ url: open.items[0].detail.pictureUrl })).statusCode).toBe(200)

    // Closed for the night: now black is what the screen should show.
    await succeed(t.app, 'PUT', '/api/screens/screen-a/power-plan', { plan: CLOSED_ALL_WEEK })
    clockMs += 600_000
    expect((await upload({ body: black })).json().verdict).toBe('as-expected')
    const resolved = (await t.app.inject({ url: '/api/alerts/incidents?state=resolved' })).json()
    expect(resolved.items.map((i: { kind: string }) => i.kind)).toEqual(['screenshot'])

    const deliveries = (await t.app.inject({ url: `/api/alerts/webhooks/${hook.id}/deliveries` })).json()
    expect(deliveries.items.map((d: { event: string }) => d.event).sort()).toEqual(['opened', 'resolved'])
    const body = JSON.parse(
      t.app.repos.webhooks.due(clockMs + 1, 10).find((d) => d.body.includes('opened'))?.body ?? '{}',
    )
    expect(body.summary).toMatch(/does not show what it should \(black\)/)
    expect(body.incident.detail.pictureUrl).toBe(`/api/screenshots/${first.id}/full`)
  })

  it('calls a lit screen outside its operating hours wrong content', async () => {
    await succeed(t.app, 'PUT', '/api/screens/screen-a/power-plan', { plan: CLOSED_ALL_WEEK })
    const res = (await upload({ body: await makeJpeg(640, 320), type: 'image/jpeg' })).json()
    expect(res.verdict).toBe('wrong-content')
  })
})

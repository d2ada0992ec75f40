import { CROSSFADE_MS_MAX } from '@playlists/limits'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, seedMinimal, siteBody, type TestApp } from '../helpers/app'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })

describe('sites API', () => {
  it('creates a site with a trilingual name and the default time zone', async () => {
    const res = await inject('POST', '/api/sites', siteBody('tan-thanh'))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      id: 'tan-thanh',
      timeZone: 'Asia/Ho_Chi_Minh',
      name: { zh: '测试口岸' },
    })
    expect((await inject('GET', '/api/sites')).json()).toHaveLength(1)
  })

  it('generates a slug id when none is given', async () => {
    const { id, ...body } = siteBody()
    const res = await inject('POST', '/api/sites', body)
    expect(res.json().id).toMatch(/^site-[a-z0-9]{10}$/)
  })

  it('refuses an unknown time zone, a duplicate id and a missing language', async () => {
    const zone = await inject('POST', '/api/sites', { ...siteBody(), timeZone: 'Asia/Atlantis' })
    expect(zone.statusCode).toBe(400)
    expect(zone.json().message).toMatch(/not a known IANA time zone/)
    await inject('POST', '/api/sites', siteBody())
    const dup = await inject('POST', '/api/sites', siteBody())
    expect(dup.statusCode).toBe(409)
    const lang = await inject('POST', '/api/sites', { id: 'x', name: { vi: 'Cửa khẩu', en: 'Gate' } })
    expect(lang.statusCode).toBe(400)
    expect(lang.json().message).toMatch(/name needs the field "zh"/)
  })

  it('will not delete a site that still has screens', async () => {
    await seedMinimal(t.app)
    const res = await inject('DELETE', '/api/sites/gate')
    expect(res.statusCode).toBe(409)
    expect(res.json().details).toEqual({ screens: ['screen-a'] })
  })
})

describe('screens API', () => {
  beforeEach(async () => {
    await inject('POST', '/api/sites', siteBody())
    await inject('POST', '/api/sites', siteBody('other'))
  })

  it('creates, lists by site, updates and deletes a screen', async () => {
    expect((await inject('POST', '/api/screens', screenBody('led'))).statusCode).toBe(201)
    expect(
      (await inject('POST', '/api/screens', screenBody('kiosk', 'other', { width: 1080, height: 1920 })))
        .statusCode,
    ).toBe(201)
    expect(
      (await inject('GET', '/api/screens?siteId=other')).json().map((s: { id: string }) => s.id),
    ).toEqual(['kiosk'])
    const updated = await inject(
      'PUT',
      '/api/screens/led',
      screenBody('led', 'gate', { width: 1536, height: 768, timeZone: 'Asia/Shanghai' }),
    )
    expect(updated.json()).toMatchObject({ width: 1536, height: 768, timeZone: 'Asia/Shanghai' })
    expect((await inject('DELETE', '/api/screens/led')).statusCode).toBe(204)
    expect((await inject('GET', '/api/screens/led')).statusCode).toBe(404)
  })

  it('recompiles the document when a screen changes size', async () => {
    await seedMinimal(t.app)
    const before = (await inject('GET', '/api/screens/screen-a/document')).json()
    await inject(
      'PUT',
      '/api/screens/screen-a',
      screenBody('screen-a', 'gate', { defaultPlaylistId: 'pl-a', width: 1080, height: 1920 }),
    )
    const after = (await inject('GET', '/api/screens/screen-a/document')).json()
    expect(after.version).toBe(before.version + 1)
    expect(after.screen).toMatchObject({ width: 1080, height: 1920 })
  })

  it('resolves the time zone into the document: the screen’s own, else its site’s', async () => {
    await inject('PUT', '/api/sites/gate', { ...siteBody(), timeZone: 'Asia/Shanghai' })
    await inject('POST', '/api/screens', screenBody('led'))
    expect((await inject('GET', '/api/screens/led/document')).json().screen.timeZone).toBe('Asia/Shanghai')
    await inject('PUT', '/api/screens/led', screenBody('led', 'gate', { timeZone: 'Europe/Berlin' }))
    expect((await inject('GET', '/api/screens/led/document')).json().screen.timeZone).toBe('Europe/Berlin')
  })

  const bad: [string, object, number, RegExp][] = [
    ['an unknown site', screenBody('x', 'nowhere'), 400, /siteId "nowhere" does not exist/],
    ['a zero width', screenBody('x', 'gate', { width: 0 }), 400, /width must be at least 64/],
    ['an absurd height', screenBody('x', 'gate', { height: 100_000 }), 400, /height must be at most 8192/],
    ['a text width', screenBody('x', 'gate', { width: 'wide' }), 400, /width must be a whole number/],
    [
      'an unknown playlist',
      screenBody('x', 'gate', { defaultPlaylistId: 'ghost' }),
      400,
      /defaultPlaylistId "ghost"/,
    ],
    ['an unknown sync group', screenBody('x', 'gate', { syncGroupId: 'ghost' }), 400, /syncGroupId "ghost"/],
    ['a bad time zone', screenBody('x', 'gate', { timeZone: 'Mars/Olympus' }), 400, /IANA/],
  ]
  for (const [what, body, status, message] of bad) {
    it(`refuses ${what}`, async () => {
      const res = await inject('POST', '/api/screens', body)
      expect(res.statusCode).toBe(status)
      expect(res.json().message).toMatch(message)
      expect((await inject('GET', '/api/screens')).json()).toEqual([])
    })
  }

  it('keeps sync groups within one site', async () => {
    expect(
      (await inject('POST', '/api/sync-groups', { id: 'cluster', siteId: 'gate', name: 'Cluster' }))
        .statusCode,
    ).toBe(201)
    const res = await inject('POST', '/api/screens', screenBody('x', 'other', { syncGroupId: 'cluster' }))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/belongs to site "gate", not "other"/)
  })

  it('puts the crossfade and sound settings into the document, and refuses a crossfade past its bound', async () => {
    const created = await inject(
      'POST',
      '/api/screens',
      screenBody('fade', 'gate', { crossfadeMs: 600, audio: true }),
    )
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ crossfadeMs: 600, audio: true })
    const doc = (await inject('GET', '/api/screens/fade/document')).json()
    expect(doc.screen).toMatchObject({ crossfadeMs: 600, audio: true })
    const tooLong = await inject(
      'POST',
      '/api/screens',
      screenBody('fade2', 'gate', { crossfadeMs: CROSSFADE_MS_MAX + 1 }),
    )
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().message).toMatch(/crossfadeMs must be at most 2000/)
    const plain = (await inject('POST', '/api/screens', screenBody('cut', 'gate'))).json()
    expect(plain).toMatchObject({ crossfadeMs: 0, audio: false })
  })

  it('answers 404 for the document of an unknown screen', async () => {
    const res = await inject('GET', '/api/screens/ghost/document')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('Screen "ghost" does not exist.')
  })
})

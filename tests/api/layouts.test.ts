import { LAYOUT_ZONES_MAX, ZONE_FRACTION_MIN } from '@playlists/limits'
import { type PixelBox, type Zone, zonePixels, zoneProblems } from '@playlists/schemas/layout'
import { instantOf } from '@playlists/time/zone'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'

/** The server's clock, pinned: 2026-12-01 08:00 in Vietnam. */
const NOW = instantOf('Asia/Ho_Chi_Minh', { year: 2026, month: 12, day: 1 }, 8 * 60)
let now = NOW
let t: TestApp

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) })

const ok = (method: 'POST' | 'PUT', url: string, payload: unknown = {}) =>
  succeed(t.app, method, url, payload)

/** Submitted, approved by another person and on air: what reaches screens. */
const live = (type: 'playlist' | 'schedule' | 'layout', id: string) => approveAndPublish(t.app, type, id)

beforeEach(async () => {
  now = NOW
  t = await createTestApp({ clock: () => now })
  await ok('POST', '/api/sites', siteBody())
  // Published: main, zone-main, ticker, clock, alert. Never published: draft.
  for (const id of ['main', 'zone-main', 'ticker', 'clock', 'alert', 'draft']) {
    await ok('POST', '/api/playlists', { id, name: id, items: [slide(`${id}-1`, id)] })
    if (id !== 'draft') await live('playlist', id)
  }
})
afterEach(() => t.close())

const zone = (
  id: string,
  x: number,
  y: number,
  width: number,
  height: number,
  playlistId: string | null = null,
): Zone => ({ id, name: `Zone ${id}`, x, y, width, height, playlistId })

/** Tân Thanh's arrangement: main, clock corner, ticker strip, each zone with a playlist. */
const wide = (zones: Partial<Record<'main' | 'clock' | 'ticker', string | null>> = {}) => ({
  id: 'wide',
  name: 'Wide LED',
  zones: [
    zone('main', 0, 0, 0.75, 0.86, zones.main === undefined ? 'zone-main' : zones.main),
    zone('clock', 0.75, 0, 0.25, 0.86, zones.clock === undefined ? 'clock' : zones.clock),
    zone('ticker', 0, 0.86, 1, 0.14, zones.ticker === undefined ? 'ticker' : zones.ticker),
  ],
})

const documentOf = async (screen: string) => (await inject('GET', `/api/screens/${screen}/document`)).json()
const versionOf = async (screen: string) => (await documentOf(screen)).version as number

/** How many zones cover each pixel of a `width`×`height` screen. */
function coverage(boxes: readonly PixelBox[], width: number, height: number): Uint8Array {
  const counts = new Uint8Array(width * height)
  for (const b of boxes) {
    for (let y = b.top; y < b.top + b.height; y++) {
      for (let x = b.left; x < b.left + b.width; x++) counts[y * width + x]! += 1
    }
  }
  return counts
}

describe('layouts API: create, read, list, replace, delete', () => {
  it('keeps a layout as sent and returns it on every read', async () => {
    const created = await inject('POST', '/api/layouts', wide())
    expect(created.statusCode).toBe(201)
    const stamp = new Date(NOW).toISOString()
    expect(created.json()).toEqual({ ...wide(), screens: [], createdAt: stamp, updatedAt: stamp })
    expect((await inject('GET', '/api/layouts/wide')).json()).toEqual(created.json())

    await ok('POST', '/api/layouts', { id: 'alpha', name: 'Alpha', zones: [zone('main', 0, 0, 1, 1)] })
    const list = await inject('GET', '/api/layouts')
    expect(list.statusCode).toBe(200)
    expect(list.json().map((l: { id: string }) => l.id)).toEqual(['alpha', 'wide'])
    expect(list.json()[1]).toEqual(created.json())
  })

  it('gives a layout sent without an id one of its own', async () => {
    const res = await inject('POST', '/api/layouts', { name: 'Unnamed', zones: [zone('main', 0, 0, 1, 1)] })
    expect(res.statusCode).toBe(201)
    expect(res.json().id).toMatch(/^[a-z0-9-]+$/)
    expect((await inject('GET', `/api/layouts/${res.json().id}`)).statusCode).toBe(200)
  })

  it('refuses a second layout with the same id (409), keeping the first', async () => {
    await ok('POST', '/api/layouts', wide())
    const res = await inject('POST', '/api/layouts', { ...wide(), name: 'Other' })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/"wide" already exists/)
    expect((await inject('GET', '/api/layouts/wide')).json().name).toBe('Wide LED')
  })

  it('replaces name and zones whole, in the order sent, stamping the update', async () => {
    await ok('POST', '/api/layouts', wide())
    now = NOW + 60_000
    const zones = [zone('ticker', 0, 0.9, 1, 0.1, 'ticker'), zone('main', 0, 0, 1, 0.9, null)]
    const res = await inject('PUT', '/api/layouts/wide', { name: 'Two zones', zones })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: 'wide',
      name: 'Two zones',
      zones,
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(now).toISOString(),
    })
    expect((await inject('GET', '/api/layouts/wide')).json().zones).toEqual(zones)
  })

  it('refuses a body whose id differs from the URL’s', async () => {
    await ok('POST', '/api/layouts', wide())
    const res = await inject('PUT', '/api/layouts/wide', { ...wide(), id: 'tall', name: 'Renamed' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/"tall" does not match the layout "wide"/)
    expect((await inject('GET', '/api/layouts/wide')).json().name).toBe('Wide LED')
  })

  it('deletes a layout no screen uses', async () => {
    await ok('POST', '/api/layouts', wide())
    expect((await inject('DELETE', '/api/layouts/wide')).statusCode).toBe(204)
    expect((await inject('GET', '/api/layouts/wide')).statusCode).toBe(404)
    expect((await inject('GET', '/api/layouts')).json()).toEqual([])
    // Its zones went with it: the playlists they played can now be deleted.
    expect((await inject('DELETE', '/api/playlists/ticker')).statusCode).toBe(204)
  })

  it('answers 404 naming an unknown layout, on every verb', async () => {
    for (const [method, url] of [
      ['GET', '/api/layouts/nope'],
      ['PUT', '/api/layouts/nope'],
      ['DELETE', '/api/layouts/nope'],
    ] as const) {
      const res = await inject(method, url, method === 'PUT' ? { ...wide(), id: undefined } : undefined)
      expect(res.statusCode, `${method} ${url}`).toBe(404)
      expect(res.json().message).toBe('Layout "nope" does not exist.')
    }
  })
})

describe('layouts API: presets', () => {
  const SEEDED_SIZES = [
    [1920, 960],
    [1536, 768],
    [1920, 1080],
    [1080, 1920],
  ] as const

  it('offers the presets for each panel shape at the gates', async () => {
    const res = await inject('GET', '/api/layouts/presets')
    expect(res.statusCode).toBe(200)
    const presets = res.json() as { id: string; name: string; aspect: number; zones: Zone[] }[]
    expect(presets.map((p) => p.id)).toEqual(['full-screen', 'wide-led', 'wall-16x9', 'portrait-kiosk'])
    for (const p of presets) {
      expect(p.name).toBeTruthy()
      expect(p.zones.some((z) => z.id === 'main')).toBe(true)
      expect(p.zones.every((z) => z.playlistId === null)).toBe(true)
    }
  })

  it('has presets whose zones pass the layout checks and tile every seeded size, each pixel once', async () => {
    const presets = (await inject('GET', '/api/layouts/presets')).json() as { id: string; zones: Zone[] }[]
    for (const preset of presets) {
      expect(zoneProblems(preset.zones), preset.id).toEqual([])
      for (const [width, height] of SEEDED_SIZES) {
        const counts = coverage(
          preset.zones.map((z) => zonePixels(z, width, height)),
          width,
          height,
        )
        const uncovered = counts.filter((c) => c === 0).length
        const doubled = counts.filter((c) => c > 1).length
        expect({ uncovered, doubled }, `${preset.id} at ${width}×${height}`).toEqual({
          uncovered: 0,
          doubled: 0,
        })
      }
    }
  })

  it('has presets the API accepts as layouts', async () => {
    const presets = (await inject('GET', '/api/layouts/presets')).json() as { id: string; zones: Zone[] }[]
    for (const p of presets) {
      const res = await inject('POST', '/api/layouts', { id: p.id, name: p.id, zones: p.zones })
      expect(res.statusCode, `${p.id}: ${res.body}`).toBe(201)
    }
  })
})

describe('layouts API: bad layouts get a 400 naming the problem, and change nothing', () => {
  const nine = Array.from({ length: LAYOUT_ZONES_MAX + 1 }, (_, i) =>
    zone(i === 0 ? 'main' : `z${i}`, i / (LAYOUT_ZONES_MAX + 1), 0, 1 / (LAYOUT_ZONES_MAX + 1), 1),
  )
  const cases: [string, unknown, RegExp][] = [
    ['no main zone', { name: 'x', zones: [zone('stage', 0, 0, 1, 1)] }, /needs a zone with id "main"/],
    [
      'two zones with one id',
      { name: 'x', zones: [zone('main', 0, 0, 1, 0.5), zone('main', 0, 0.5, 1, 0.5)] },
      /zones\[1\]: the id "main" is used by another zone/,
    ],
    [
      'a zone past the right edge',
      { name: 'x', zones: [zone('main', 0, 0, 0.8, 1), zone('clock', 0.8, 0, 0.25, 1)] },
      /zones\[1\] "clock": x \+ width is 1\.05, past the right edge/,
    ],
    [
      'a zone past the bottom edge',
      { name: 'x', zones: [zone('main', 0, 0, 1, 0.9), zone('ticker', 0, 0.9, 1, 0.15)] },
      /zones\[1\] "ticker": y \+ height is 1\.05, past the bottom edge/,
    ],
    [
      'a zone narrower than the minimum',
      { name: 'x', zones: [zone('main', 0, 0, ZONE_FRACTION_MIN / 2, 1)] },
      new RegExp(`zones\\[0\\]\\.width must be at least ${ZONE_FRACTION_MIN}`),
    ],
    [
      'a zone lower than the minimum',
      { name: 'x', zones: [zone('main', 0, 0, 1, 0)] },
      new RegExp(`zones\\[0\\]\\.height must be at least ${ZONE_FRACTION_MIN}`),
    ],
    [
      'a zone starting left of the screen',
      { name: 'x', zones: [zone('main', -0.1, 0, 1, 1)] },
      /zones\[0\]\.x must be at least 0/,
    ],
    [
      `more than ${LAYOUT_ZONES_MAX} zones`,
      { name: 'x', zones: nine },
      new RegExp(`zones must have at most ${LAYOUT_ZONES_MAX} entries`),
    ],
    ['no zones at all', { name: 'x', zones: [] }, /zones/],
    [
      'a zone playing a playlist that does not exist',
      { name: 'x', zones: [zone('main', 0, 0, 1, 0.9), zone('ticker', 0, 0.9, 1, 0.1, 'ghost')] },
      /zones\[1\] "ticker": playlist "ghost" does not exist/,
    ],
    [
      'an unknown field on the layout',
      { name: 'x', zones: [zone('main', 0, 0, 1, 1)], background: 'black' },
      /unknown field "background"/,
    ],
    [
      'an unknown field on a zone',
      { name: 'x', zones: [{ ...zone('main', 0, 0, 1, 1), zIndex: 3 }] },
      /zones\[0\] has an unknown field "zIndex"/,
    ],
    [
      'a coordinate given as text',
      { name: 'x', zones: [{ ...zone('main', 0, 0, 1, 1), x: '0' }] },
      /zones\[0\]\.x must be a number/,
    ],
    ['a name that is a number', { name: 7, zones: [zone('main', 0, 0, 1, 1)] }, /name must be text/],
    [
      'zones that are not a list',
      { name: 'x', zones: { main: zone('main', 0, 0, 1, 1) } },
      /zones must be a list/,
    ],
    ['a zone id that is not a slug', { name: 'x', zones: [zone('Main Zone', 0, 0, 1, 1)] }, /zones\[0\]\.id/],
    ['a missing name', { zones: [zone('main', 0, 0, 1, 1)] }, /needs the field "name"/],
  ]

  for (const [what, body, message] of cases) {
    it(`refuses ${what} on create`, async () => {
      const res = await inject('POST', '/api/layouts', body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' })
      expect(res.json().message).toMatch(message)
      expect((await inject('GET', '/api/layouts')).json()).toEqual([])
    })
  }

  it('refuses a bad replacement, leaving the layout and its screens’ documents as they were', async () => {
    const before = await ok('POST', '/api/layouts', wide())
    await ok('POST', '/api/screens', screenBody('led', 'gate', { layoutId: 'wide' }))
    const version = await versionOf('led')
    for (const [, body, message] of cases) {
      const res = await inject('PUT', '/api/layouts/wide', body)
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(message)
    }
    const after = (await inject('GET', '/api/layouts/wide')).json()
    expect(after).toEqual({ ...before, screens: ['led'] })
    expect(await versionOf('led')).toBe(version)
  })
})

describe('layouts API: what depends on a layout', () => {
  it('will not delete a layout a screen uses (409 naming the screens)', async () => {
    await ok('POST', '/api/layouts', wide())
    await ok('POST', '/api/screens', screenBody('led-b', 'gate', { layoutId: 'wide' }))
    await ok('POST', '/api/screens', screenBody('led-a', 'gate', { layoutId: 'wide' }))
    await ok('POST', '/api/screens', screenBody('plain'))
    expect((await inject('GET', '/api/layouts/wide')).json().screens).toEqual(['led-a', 'led-b'])
    const res = await inject('DELETE', '/api/layouts/wide')
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/used by 2 screen\(s\)/)
    expect(res.json().details).toEqual({ screens: ['led-a', 'led-b'] })
    expect((await inject('GET', '/api/layouts/wide')).statusCode).toBe(200)
  })

  it('will not delete a playlist a layout’s zone plays (409 naming the layouts)', async () => {
    await ok('POST', '/api/layouts', wide())
    await ok('POST', '/api/layouts', { ...wide(), id: 'also', name: 'Also' })
    const res = await inject('DELETE', '/api/playlists/ticker')
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/played by a zone of 2 layout\(s\)/)
    expect(res.json().details).toEqual({ screens: [], layouts: ['also', 'wide'], schedules: [] })
    expect((await inject('GET', '/api/playlists/ticker')).statusCode).toBe(200)
  })

  it('refuses a screen naming a layout that does not exist (400), leaving the screen as it was', async () => {
    await ok('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'main' }))
    const version = await versionOf('led')
    const put = await inject('PUT', '/api/screens/led', screenBody('led', 'gate', { layoutId: 'ghost' }))
    expect(put.statusCode).toBe(400)
    expect(put.json().message).toMatch(/layoutId "ghost" does not exist/)
    expect((await inject('GET', '/api/screens/led')).json()).toMatchObject({
      layoutId: null,
      defaultPlaylistId: 'main',
    })
    expect(await versionOf('led')).toBe(version)

    const post = await inject('POST', '/api/screens', screenBody('new', 'gate', { layoutId: 'ghost' }))
    expect(post.statusCode).toBe(400)
    expect((await inject('GET', '/api/screens/new')).statusCode).toBe(404)
  })
})

describe('layouts in screen documents', () => {
  it('gives each zone its default playlist: the screen’s own in main, the zone’s elsewhere', async () => {
    await ok('POST', '/api/layouts', wide())
    await live('layout', 'wide')
    await ok(
      'POST',
      '/api/screens',
      screenBody('led', 'gate', { layoutId: 'wide', defaultPlaylistId: 'main' }),
    )
    const doc = await documentOf('led')
    expect(doc.layout).toEqual({
      id: 'wide',
      name: 'Wide LED',
      zones: [
        { id: 'main', name: 'Zone main', x: 0, y: 0, width: 0.75, height: 0.86, defaultPlaylistId: 'main' },
        {
          id: 'clock',
          name: 'Zone clock',
          x: 0.75,
          y: 0,
          width: 0.25,
          height: 0.86,
          defaultPlaylistId: 'clock',
        },
        {
          id: 'ticker',
          name: 'Zone ticker',
          x: 0,
          y: 0.86,
          width: 1,
          height: 0.14,
          defaultPlaylistId: 'ticker',
        },
      ],
    })
    // The main zone's own playlist is not played here, so it is not shipped.
    expect(Object.keys(doc.playlists).sort()).toEqual(['clock', 'main', 'ticker'])
  })

  it('plays the main zone’s playlist when the screen has no default of its own', async () => {
    await ok('POST', '/api/layouts', wide())
    await live('layout', 'wide')
    await ok('POST', '/api/screens', screenBody('led', 'gate', { layoutId: 'wide' }))
    const doc = await documentOf('led')
    expect(doc.layout.zones.map((z: { defaultPlaylistId: string }) => z.defaultPlaylistId)).toEqual([
      'zone-main',
      'clock',
      'ticker',
    ])
    expect(Object.keys(doc.playlists).sort()).toEqual(['clock', 'ticker', 'zone-main'])
  })

  it('leaves unpublished playlists out: their zones have no default until they are published', async () => {
    await ok('POST', '/api/layouts', wide({ clock: 'draft', main: null }))
    await live('layout', 'wide')
    await ok('POST', '/api/screens', screenBody('led', 'gate', { layoutId: 'wide' }))
    const doc = await documentOf('led')
    expect(doc.layout.zones.map((z: { defaultPlaylistId: string }) => z.defaultPlaylistId)).toEqual([
      null,
      null,
      'ticker',
    ])
    expect(Object.keys(doc.playlists)).toEqual(['ticker'])

    // Publishing it reaches the screens whose layout plays it, through the zone.
    const published = (await live('playlist', 'draft')).screens
    expect(published).toEqual([expect.objectContaining({ screenId: 'led', version: doc.version + 1 })])
    const after = await documentOf('led')
    expect(after.layout.zones[1]).toMatchObject({ id: 'clock', defaultPlaylistId: 'draft' })
    expect(after.playlists.draft.items.map((i: { id: string }) => i.id)).toEqual(['draft-1'])
  })

  it('pushes an edited layout to the screens using it, and only to them', async () => {
    await ok('POST', '/api/layouts', wide())
    await ok('POST', '/api/layouts', { id: 'other', name: 'Other', zones: [zone('main', 0, 0, 1, 1)] })
    await live('layout', 'wide')
    await live('layout', 'other')
    await ok(
      'POST',
      '/api/screens',
      screenBody('led-1', 'gate', { layoutId: 'wide', defaultPlaylistId: 'main' }),
    )
    await ok('POST', '/api/screens', screenBody('led-2', 'gate', { layoutId: 'wide' }))
    await ok('POST', '/api/screens', screenBody('elsewhere', 'gate', { layoutId: 'other' }))
    await ok('POST', '/api/screens', screenBody('plain', 'gate', { defaultPlaylistId: 'main' }))
    const before = {
      'led-1': await versionOf('led-1'),
      'led-2': await versionOf('led-2'),
      elsewhere: await versionOf('elsewhere'),
      plain: await versionOf('plain'),
    }

    const edited = {
      ...wide(),
      zones: [zone('main', 0, 0, 1, 0.9, 'zone-main'), zone('ticker', 0, 0.9, 1, 0.1, 'alert')],
    }
    expect((await inject('PUT', '/api/layouts/wide', edited)).statusCode).toBe(200)
    // The edit is a draft: no screen sees it before it is approved and published.
    const versions = async () => ({
      'led-1': await versionOf('led-1'),
      'led-2': await versionOf('led-2'),
      elsewhere: await versionOf('elsewhere'),
      plain: await versionOf('plain'),
    })
    expect(await versions()).toEqual(before)
    await live('layout', 'wide')
    expect({
      'led-1': await versionOf('led-1'),
      'led-2': await versionOf('led-2'),
      elsewhere: await versionOf('elsewhere'),
      plain: await versionOf('plain'),
    }).toEqual({ ...before, 'led-1': before['led-1'] + 1, 'led-2': before['led-2'] + 1 })

    const doc = await documentOf('led-1')
    expect(doc.layout.zones).toEqual([
      { id: 'main', name: 'Zone main', x: 0, y: 0, width: 1, height: 0.9, defaultPlaylistId: 'main' },
      { id: 'ticker', name: 'Zone ticker', x: 0, y: 0.9, width: 1, height: 0.1, defaultPlaylistId: 'alert' },
    ])
    expect(Object.keys(doc.playlists).sort()).toEqual(['alert', 'main'])

    // Saving the same layout again changes no document, so nothing new is pushed.
    await ok('PUT', '/api/layouts/wide', edited)
    await live('layout', 'wide')
    expect(await versionOf('led-1')).toBe(before['led-1'] + 1)
  })

  it('gives a screen without a layout one full-screen main zone, and switches when one is set', async () => {
    await ok('POST', '/api/layouts', wide())
    await live('layout', 'wide')
    await ok('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'main' }))
    const bare = await documentOf('led')
    expect(bare.layout).toEqual({
      id: null,
      name: 'Full screen',
      zones: [{ id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: 1, defaultPlaylistId: 'main' }],
    })
    await ok(
      'PUT',
      '/api/screens/led',
      screenBody('led', 'gate', { defaultPlaylistId: 'main', layoutId: 'wide' }),
    )
    const zoned = await documentOf('led')
    expect(zoned.version).toBe(bare.version + 1)
    expect(zoned.layout.id).toBe('wide')
    await ok(
      'PUT',
      '/api/screens/led',
      screenBody('led', 'gate', { defaultPlaylistId: 'main', layoutId: null }),
    )
    const back = await documentOf('led')
    expect(back.version).toBe(zoned.version + 1)
    expect(back.layout).toEqual(bare.layout)
  })
})

describe('schedule entries aimed at zones', () => {
  const from = new Date(NOW).toISOString()
  const to = new Date(NOW + 86_400_000).toISOString()
  /** Vietnam's 18:00–22:00 on 1 December 2026, in UTC. */
  const EVENING = { start: '2026-12-01T11:00:00.000Z', end: '2026-12-01T15:00:00.000Z' }
  const entry = (extra: object = {}) => ({
    name: 'Evening alert',
    playlistId: 'alert',
    target: { type: 'site', id: 'gate' },
    window: { start: '18:00', end: '22:00' },
    ...extra,
  })
  const segments = async (screen: string) => {
    const res = await inject(
      'GET',
      `/api/screens/${screen}/timeline?from=${from}&to=${to}&granularity=segment`,
    )
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const playlistsOf = (zone: { entries: { playlistId: string | null }[] }) =>
    zone.entries.map((e) => e.playlistId)

  beforeEach(async () => {
    await ok('POST', '/api/layouts', wide())
    await live('layout', 'wide')
    await ok(
      'POST',
      '/api/screens',
      screenBody('led', 'gate', { layoutId: 'wide', defaultPlaylistId: 'main' }),
    )
    await ok('POST', '/api/screens', screenBody('plain', 'gate', { defaultPlaylistId: 'main' }))
  })

  it('changes the ticker zone’s timeline and not the main zone’s', async () => {
    const created = await inject('POST', '/api/schedules', entry({ zoneId: 'ticker' }))
    expect(created.statusCode).toBe(201)
    expect(created.json().zoneId).toBe('ticker')
    await live('schedule', created.json().id)

    const timeline = await segments('led')
    expect(timeline.layoutId).toBe('wide')
    expect(timeline.zones.map((z: { id: string }) => z.id)).toEqual(['main', 'clock', 'ticker'])
    const [main, clock, ticker] = timeline.zones
    expect(main).toMatchObject({ x: 0, y: 0, width: 0.75, height: 0.86 })
    expect(playlistsOf(main)).toEqual(['main'])
    expect(playlistsOf(clock)).toEqual(['clock'])
    expect(playlistsOf(ticker)).toEqual(['ticker', 'alert', 'ticker'])
    expect(ticker.entries[1]).toMatchObject({ ...EVENING, ruleId: created.json().id })

    const doc = await documentOf('led')
    expect(doc.rules).toEqual([expect.objectContaining({ id: created.json().id, zoneId: 'ticker' })])
  })

  it('leaves an entry out of the documents of screens whose layout lacks its zone', async () => {
    const before = { led: await versionOf('led'), plain: await versionOf('plain') }
    const ticker = (await ok('POST', '/api/schedules', entry({ zoneId: 'ticker' }))).id
    const logo = (await ok('POST', '/api/schedules', entry({ zoneId: 'logo', name: 'Logo' }))).id
    await live('schedule', ticker)
    await live('schedule', logo)

    const led = await documentOf('led')
    expect(led.version).toBe(before.led + 1)
    expect(led.rules.map((r: { id: string }) => r.id)).toEqual([ticker])
    // The screen without a layout has only a main zone: neither entry reaches it, nothing changed.
    const plain = await documentOf('plain')
    expect(plain.rules).toEqual([])
    expect(plain.playlists.alert).toBeUndefined()
    expect(plain.version).toBe(before.plain)
    expect(playlistsOf((await segments('plain')).zones[0])).toEqual(['main'])
  })

  it('plays an entry without a zone in the main zone', async () => {
    const created = await inject('POST', '/api/schedules', entry())
    expect(created.statusCode).toBe(201)
    expect(created.json().zoneId).toBe('main')
    await live('schedule', created.json().id)
    expect((await inject('GET', `/api/schedules/${created.json().id}`)).json().zoneId).toBe('main')
    const [main, , ticker] = (await segments('led')).zones
    expect(playlistsOf(main)).toEqual(['main', 'alert', 'main'])
    expect(main.entries[1]).toMatchObject(EVENING)
    expect(playlistsOf(ticker)).toEqual(['ticker'])
    expect(playlistsOf((await segments('plain')).zones[0])).toEqual(['main', 'alert', 'main'])
  })

  it('moves an entry between zones when it is edited', async () => {
    const id = (await ok('POST', '/api/schedules', entry({ zoneId: 'ticker' }))).id
    await live('schedule', id)
    await ok('PUT', `/api/schedules/${id}`, entry({ zoneId: 'clock' }))
    await live('schedule', id)
    const [main, clock, ticker] = (await segments('led')).zones
    expect(playlistsOf(main)).toEqual(['main'])
    expect(playlistsOf(clock)).toEqual(['clock', 'alert', 'clock'])
    expect(playlistsOf(ticker)).toEqual(['ticker'])
  })

  it('lists the main zone first in the timeline whatever the drawing order', async () => {
    const presets = (await inject('GET', '/api/layouts/presets')).json() as { id: string; zones: Zone[] }[]
    const portrait = presets.find((p) => p.id === 'portrait-kiosk')!
    expect(portrait.zones[0]!.id).not.toBe('main')
    await ok('POST', '/api/layouts', { id: 'kiosk', name: 'Kiosk', zones: portrait.zones })
    await live('layout', 'kiosk')
    await ok(
      'POST',
      '/api/screens',
      screenBody('kiosk', 'gate', { layoutId: 'kiosk', defaultPlaylistId: 'main' }),
    )
    const zones = (await segments('kiosk')).zones
    expect(zones.map((z: { id: string }) => z.id)).toEqual(['main', 'clock', 'ticker'])
    // Zones without a playlist play nothing: one empty entry over the range.
    expect(zones[1].entries).toEqual([expect.objectContaining({ playlistId: null, start: from, end: to })])
  })

  it('refuses a zone id that is not a slug', async () => {
    const res = await inject('POST', '/api/schedules', entry({ zoneId: 'Ticker strip' }))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/zoneId/)
    expect((await inject('GET', '/api/schedules')).json()).toEqual([])
  })
})

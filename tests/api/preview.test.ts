import type { ScreenDocument } from '@playlists/schemas/document'
import type { PendingVersion } from '@playlists/schemas/preview'
import { addDays, instantOf, localAt } from '@playlists/time/zone'
import { resolve } from '@playlists/timeline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Member, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { screenToken } from '../helpers/pairing'

/**
 * The officials' remote preview, through the API (issue 7 item 2): the documents a viewer may
 * read — as the screen plays, at another instant, with versions not yet approved on air — and
 * that none of them changes anything.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ seed: true })
})
afterAll(() => t?.close())

const ZONE = 'Asia/Ho_Chi_Minh'
const get = (url: string, as: Member = t.team.viewer) =>
  t.app.inject({ method: 'GET', url, headers: as.headers })
const call = (method: 'POST' | 'PUT', url: string, as: Member, payload?: object) =>
  t.app.inject({ method, url, headers: as.headers, ...(payload === undefined ? {} : { payload }) })
const preview = (screenId: string, query = '') =>
  get(`/api/screens/${screenId}/preview-document${query ? `?${query}` : ''}`)

/** The next `weekday` (ISO, Monday 1) at `hour`:00 in the gates' time zone, at least a day ahead. */
function nextLocal(weekday: number, hour: number): number {
  const today = localAt(ZONE, Date.now())
  for (let days = 1; days <= 8; days++) {
    const date = addDays(today, days)
    const at = instantOf(ZONE, date, hour * 60)
    if (localAt(ZONE, at).weekday === weekday) return at
  }
  throw new Error('no such weekday')
}

/** Everything a preview could change by mistake. */
function snapshot() {
  const all = (sql: string) => t.app.db.prepare(sql).all()
  return {
    live: all('SELECT object_type, object_id, number, live_at FROM live_versions ORDER BY 1, 2'),
    versions: all('SELECT object_type, object_id, number, state, decided_by FROM versions ORDER BY 1, 2, 3'),
    documents: all('SELECT screen_id, version, hash FROM documents ORDER BY 1, 2'),
    publications: all('SELECT id, status FROM publications ORDER BY 1'),
    audit: all('SELECT seq, action FROM audit_log ORDER BY seq'),
    drafts: all('SELECT id, updated_at FROM playlists ORDER BY id'),
  }
}

/** The editor rewrites one slide's English title in a playlist's draft and submits it; returns the version. */
async function submitSlideTitle(playlistId: string, itemId: string, title: string): Promise<number> {
  const { editor } = t.team
  const draft = (await get(`/api/playlists/${playlistId}`, editor)).json()
  const items = draft.items.map((i: { id: string; text?: { en: object } }) =>
    i.id === itemId ? { ...i, text: { ...i.text, en: { ...i.text?.en, title } } } : i,
  )
  const saved = await call('PUT', `/api/playlists/${playlistId}`, editor, { name: draft.name, items })
  expect(saved.statusCode, saved.body).toBe(200)
  const submitted = await call('POST', `/api/playlists/${playlistId}/submit`, editor)
  expect(submitted.statusCode, submitted.body).toBe(201)
  return submitted.json().number
}

const slideTitle = (doc: ScreenDocument, playlistId: string, itemId: string) => {
  const item = doc.playlists[playlistId]?.items.find((i) => i.id === itemId)
  return item?.kind === 'slide' ? item.text.en?.title : undefined
}

describe('the preview documents', () => {
  it('gives a viewer the document the screen plays: the newest, or the version it reported', async () => {
    const latest = await preview('chi-ma-led')
    expect(latest.statusCode, latest.body).toBe(200)
    expect(latest.headers['cache-control']).toBe('no-store')
    const doc: ScreenDocument = latest.json()
    expect(doc).toEqual((await get('/api/screens/chi-ma-led/document')).json())
    expect(doc.screen).toMatchObject({ width: 1536, height: 768, timeZone: ZONE })

    const same = await preview('chi-ma-led', `version=${doc.version}`)
    expect(same.json()).toEqual(doc)
    const missing = await preview('chi-ma-led', `version=${doc.version + 5}`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toContain(`Version ${doc.version + 5}`)
  })

  it('compiles the document for a later instant, with the schedule entry in force then', async () => {
    const { editor } = t.team
    const created = await call('POST', '/api/schedules', editor, {
      id: 'chi-ma-weekend',
      name: 'Tourism on Saturday mornings',
      playlistId: 'tourism',
      target: { type: 'screen', id: 'chi-ma-led' },
      days: [6],
      window: { start: '08:00', end: '12:00' },
    })
    expect(created.statusCode, created.body).toBe(201)
    await approveAndPublish(t.app, 'schedule', 'chi-ma-weekend', { author: editor })

    const saturday = nextLocal(6, 9)
    const res = await preview('chi-ma-led', `at=${new Date(saturday).toISOString()}`)
    expect(res.statusCode, res.body).toBe(200)
    const doc: ScreenDocument = res.json()
    expect(resolve(doc, saturday).playing?.playlistId).toBe('tourism')
    expect(resolve(doc, saturday - 2 * 3_600_000).playing?.playlistId).toBe('trade-investment')

    // Beyond the published document's horizon: compiled as of that day, still complete there.
    const far = saturday + 70 * 86_400_000
    const later: ScreenDocument = (await preview('chi-ma-led', `at=${new Date(far).toISOString()}`)).json()
    expect(later.horizon.fromMs).toBeLessThanOrEqual(far)
    expect(later.horizon.untilMs).toBeGreaterThan(far)
    expect(resolve(later, far).playing?.playlistId).toBe('tourism')
  })

  it('shows a submitted version as if it were on air, and changes nothing at all', async () => {
    const live: ScreenDocument = (await preview('chi-ma-led')).json()
    const number = await submitSlideTitle(
      'trade-investment',
      'trade-destination',
      'Preview me before approval',
    )
    const before = snapshot()

    const res = await preview('chi-ma-led', `draft=playlist:trade-investment:${number}`)
    expect(res.statusCode, res.body).toBe(200)
    const draft: ScreenDocument = res.json()
    expect(draft.playlists['trade-investment']?.revision).toBe(number)
    expect(slideTitle(draft, 'trade-investment', 'trade-destination')).toBe('Preview me before approval')
    expect(draft.screen).toEqual(live.screen)
    expect(draft.layout).toEqual(live.layout)

    // What the screen plays, and everything else, is as it was: nothing stored, nothing on air.
    expect(snapshot()).toEqual(before)
    const after: ScreenDocument = (await preview('chi-ma-led')).json()
    expect(after).toEqual(live)
    expect(slideTitle(after, 'trade-investment', 'trade-destination')).not.toBe('Preview me before approval')
    expect((await get('/api/playlists/trade-investment/versions', t.team.editor)).json()[0]).toMatchObject({
      number,
      state: 'submitted',
      live: false,
    })
  })

  it('previews several versions together, at an instant: a new schedule entry and the playlist it plays', async () => {
    const { editor } = t.team
    const number = await submitSlideTitle('welcome', 'welcome-greeting', 'Sunday evening welcome')
    const created = await call('POST', '/api/schedules', editor, {
      id: 'chi-ma-sunday',
      name: 'Welcome on Sunday evenings',
      playlistId: 'welcome',
      target: { type: 'site', id: 'chi-ma' },
      days: [7],
      window: { start: '18:00', end: '22:00' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const entry = (await call('POST', '/api/schedules/chi-ma-sunday/submit', editor)).json().number
    const sunday = nextLocal(7, 19)

    const both = `draft=schedule:chi-ma-sunday:${entry},playlist:welcome:${number}&at=${new Date(sunday).toISOString()}`
    const doc: ScreenDocument = (await preview('chi-ma-led', both)).json()
    expect(doc.rules.map((r) => r.id)).toContain('chi-ma-sunday')
    const playing = resolve(doc, sunday).playing
    expect(playing?.playlistId).toBe('welcome')
    expect(slideTitle(doc, 'welcome', 'welcome-greeting')).toBe('Sunday evening welcome')

    // Without the entry, Sunday evening plays the screen's default, as on air.
    const alone: ScreenDocument = (await preview('chi-ma-led', `at=${new Date(sunday).toISOString()}`)).json()
    expect(alone.rules.map((r) => r.id)).not.toContain('chi-ma-sunday')
    expect(resolve(alone, sunday).playing?.playlistId).toBe('trade-investment')
  })

  it('lists the versions waiting that would change a screen, and only those', async () => {
    const chiMa: PendingVersion[] = (await get('/api/screens/chi-ma-led/pending-versions')).json()
    const names = chiMa.map((v) => `${v.objectType}:${v.objectId}:${v.number}`)
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^playlist:trade-investment:\d+$/),
        expect.stringMatching(/^schedule:chi-ma-sunday:\d+$/),
        // Played on Chi Ma only through the pending Sunday entry.
        expect.stringMatching(/^playlist:welcome:\d+$/),
      ]),
    )
    const trade = chiMa.find((v) => v.objectId === 'trade-investment')!
    expect(trade).toMatchObject({ state: 'submitted', submittedBy: 'editor', withdrawal: false })
    expect(names.filter((n) => n.startsWith('schedule:chi-ma-weekend'))).toEqual([]) // on air already

    const hn: PendingVersion[] = (await get('/api/screens/huu-nghi-wall/pending-versions')).json()
    expect(hn.map((v) => v.objectId)).not.toContain('trade-investment')
    expect(hn.map((v) => v.objectId)).not.toContain('chi-ma-sunday')
  })

  it('names the schedule entries whose rules a screen’s previews may show', async () => {
    const res = await get('/api/screens/chi-ma-led/rule-names')
    expect(res.statusCode, res.body).toBe(200)
    const names: Record<string, string> = res.json()
    // On air (its approved name), and a draft that would reach the screen.
    expect(names['chi-ma-weekend']).toBe(
      t.app.repos.versions.live<{ name: string }>('schedule', 'chi-ma-weekend')?.body.name,
    )
    expect(names['chi-ma-sunday']).toBe('Welcome on Sunday evenings')
    // Every rule of the screen's document has a name.
    const doc: ScreenDocument = (await preview('chi-ma-led')).json()
    for (const rule of doc.rules) expect(names[rule.id], rule.id).toEqual(expect.any(String))
    // An entry aimed elsewhere is not named for this screen.
    const hn: Record<string, string> = (await get('/api/screens/huu-nghi-wall/rule-names')).json()
    expect(Object.keys(hn)).not.toContain('chi-ma-sunday')
    expect(Object.keys(hn)).not.toContain('chi-ma-weekend')
  })
})

describe('what the preview refuses', () => {
  it.each([
    ['draft=nonsense', 400, 'draft'],
    ['draft=playlist:welcome:0', 400, 'draft'],
    ['draft=poster:welcome:1', 400, 'draft'],
    ['draft=playlist:welcome:1,playlist:welcome:2', 400, 'twice'],
    [`draft=${Array.from({ length: 11 }, (_, i) => `playlist:p${i}:1`).join(',')}`, 400, 'draft'],
    ['version=0', 400, 'version'],
    ['version=1&at=2030-01-01T00:00:00Z', 400, 'cannot be combined'],
    ['at=tomorrow', 400, 'at'],
    ['colour=red', 400, 'colour'],
    ['draft=playlist:welcome:999', 404, 'Version 999'],
    ['draft=playlist:no-such-list:1', 404, 'no-such-list'],
  ])('%s → %i', async (query, status, words) => {
    const res = await preview('chi-ma-led', query)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.json()).toMatchObject({ statusCode: status, error: expect.any(String) })
    expect(res.json().message).toContain(words)
  })

  it('answers 404 for a screen that does not exist', async () => {
    for (const url of [
      '/api/screens/nowhere/preview-document',
      '/api/screens/nowhere/preview-document?at=2030-01-01T00:00:00Z',
      '/api/screens/nowhere/pending-versions',
      '/api/screens/nowhere/rule-names',
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.json().message).toContain('nowhere')
    }
  })

  it('is for accounts that may preview: not anonymous callers, nor a screen’s token', async () => {
    const anonymous = await t.anonymous({
      method: 'GET',
      url: '/api/screens/chi-ma-led/preview-document',
      headers: { cookie: '' },
    })
    expect(anonymous.statusCode).toBe(401)
    const screen = await t.app.inject({
      method: 'GET',
      url: '/api/screens/chi-ma-led/preview-document',
      headers: { authorization: `Bearer ${screenToken(t.app, 'chi-ma-led')}` },
    })
    expect(screen.statusCode).toBe(403)
  })
})

describe('the server clock', () => {
  it('tells a viewer the server time, uncached', async () => {
    const before = Date.now()
    const res = await get('/api/clock')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json().nowMs).toBeGreaterThanOrEqual(before)
    expect(res.json().nowMs).toBeLessThanOrEqual(Date.now())
  })
})

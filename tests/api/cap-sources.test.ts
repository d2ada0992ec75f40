import type { CapPolicy } from '@playlists/schemas/cap'
import { JOBS } from '@server/jobs/jobs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, succeed, type TestApp } from '../helpers/app'
import { capFixture } from '../helpers/cap'
import { type LoopbackServer, listenLoopback } from '../helpers/loopback-server'

/**
 * Official alerts (CAP 1.2) from registered sources: pushed with the source's token or pulled
 * from an address, each alert an emergency message waiting for a second approver — or on air at
 * once under the source's break-glass rule, withdrawn if nobody confirms in time.
 */
let now = Date.parse('2026-12-05T02:00:00Z') // 09:00 at the gate, during the fixtures' flood warning
let t: TestApp
let loopback: LoopbackServer | undefined

const POLICY: CapPolicy = { exercises: 'mark', sites: [], geocodes: [], defaultMinutes: 60, breakGlass: null }
const BREAK_GLASS = {
  severities: ['Extreme', 'Severe'],
  urgencies: ['Immediate'],
  certainties: ['Observed'],
  confirmWithinMinutes: 15,
} as CapPolicy['breakGlass']

beforeEach(async () => {
  now = Date.parse('2026-12-05T02:00:00Z')
  t = await createTestApp({ clock: () => now, outbound: { allow: ['127.0.0.1'] } })
  // Hữu Nghị lies inside the fixtures' polygon; Chi Ma, 25 km east, does not.
  await succeed(t.app, 'POST', '/api/sites', {
    ...siteBody('huu-nghi'),
    location: { latitude: 21.9722, longitude: 106.705 },
  })
  await succeed(t.app, 'POST', '/api/sites', {
    ...siteBody('chi-ma'),
    location: { latitude: 21.864, longitude: 106.923 },
  })
  await succeed(t.app, 'POST', '/api/screens', screenBody('wall', 'huu-nghi'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'chi-ma'))
})
afterEach(async () => {
  await loopback?.close()
  loopback = undefined
  await t.close()
})

async function pushSource(policy: Partial<CapPolicy> = {}) {
  const created = await succeed(t.app, 'POST', '/api/cap-sources', {
    name: 'Đài KTTV Lạng Sơn',
    mode: 'push',
    policy: { ...POLICY, ...policy },
  })
  return { id: created.source.id as string, token: created.token as string }
}

const push = (source: { id: string; token: string }, xml: string, type = 'application/cap+xml') =>
  t.app.inject({
    method: 'POST',
    url: `/api/cap-sources/${source.id}/alerts`,
    headers: { authorization: `Bearer ${source.token}`, 'content-type': type },
    payload: xml,
  })

const overrides = async (screen: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/screens/${screen}/document` })).json().overrides as {
    id: string
    text: { vi: { title: string }; zh?: { title: string }; en?: { title: string } }
  }[]

const emergency = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/emergencies/${id}` })).json()

const runJob = (name: string) => {
  const job = JOBS.find((j) => j.name === name)
  if (!job) throw new Error(`no job ${name}`)
  return job.run(t.app, now)
}

describe('site locations', () => {
  it('keeps a location an update leaves out, forgets it on null, and refuses one off the globe', async () => {
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: '/api/sites/chi-ma', payload })
    const kept = await put({ name: siteBody('chi-ma').name })
    expect(kept.json().location).toEqual({ latitude: 21.864, longitude: 106.923 })
    expect((await put({ name: siteBody('chi-ma').name, location: null })).json().location).toBeNull()
    const off = await put({ name: siteBody('chi-ma').name, location: { latitude: 91, longitude: 0 } })
    expect(off.statusCode).toBe(400)
  })
})

describe('registering sources', () => {
  it('gives a pushed source its token once, and only admins may register', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/cap-sources',
      payload: { name: 'Push', mode: 'push', policy: POLICY },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().token).toMatch(/^gca_/)
    const listed = await succeed(t.app, 'GET', '/api/cap-sources')
    expect(JSON.stringify(listed)).not.toContain(created.json().token)
    const byApprover = await t.app.inject({
      method: 'POST',
      url: '/api/cap-sources',
      payload: { name: 'Push', mode: 'push', policy: POLICY },
      headers: t.team.approver.headers,
    })
    expect(byApprover.statusCode).toBe(403)
  })

  it('refuses a pulled source without an address, a pushed one with one, and unknown sites', async () => {
    const refused = async (payload: object) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/cap-sources', payload })
      expect(res.statusCode, res.body).toBe(400)
      return res.json().code as string
    }
    expect(await refused({ name: 'Pull', mode: 'pull', policy: POLICY })).toBe('cap-source.url-required')
    expect(await refused({ name: 'P', mode: 'push', url: 'http://127.0.0.1/x', policy: POLICY })).toBe(
      'cap-source.url-push',
    )
    expect(await refused({ name: 'P', mode: 'push', policy: { ...POLICY, sites: ['nowhere'] } })).toBe(
      'cap-source.site-unknown',
    )
    expect(
      await refused({
        name: 'P',
        mode: 'pull',
        url: 'http://10.1.2.3/cap',
        intervalMinutes: 5,
        policy: POLICY,
      }),
    ).toBe('cap-source.url-refused')
    expect(await refused({ name: 'P', mode: 'push', policy: { ...POLICY, exercises: 'show' } })).toMatch(
      /^validation\./,
    )
  })
})

describe('a pushed alert', () => {
  it('waits for approval, then shows in three languages on the sites its area covers', async () => {
    const source = await pushSource()
    const res = await push(source, capFixture('lang-son-trilingual.xml'))
    expect(res.statusCode, res.body).toBe(200)
    const [result] = res.json().results
    expect(result).toMatchObject({ identifier: 'LS-KTTV-2026-1205-01', outcome: 'emergency' })
    const pending = await emergency(result.emergencyId)
    expect(pending).toMatchObject({
      approvedAt: null,
      screens: ['wall'],
      expiresAt: '2026-12-05T13:00:00.000Z',
      cap: {
        sourceId: source.id,
        sourceName: 'Đài KTTV Lạng Sơn',
        sender: 'canhbao@langson.gov.vn',
        identifier: 'LS-KTTV-2026-1205-01',
        severity: 'Severe',
        urgency: 'Immediate',
        certainty: 'Observed',
        confirmBy: null,
      },
    })
    expect(await overrides('wall')).toEqual([])

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/emergencies/${result.emergencyId}/approve`,
      headers: t.team.approver.headers,
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const [shown] = await overrides('wall')
    expect(shown?.text.vi.title).toBe('Cảnh báo lũ quét tại Cao Lộc')
    expect(shown?.text.zh?.title).toBe('高禄县山洪预警')
    expect(shown?.text.en?.title).toBe('Flash flood warning for Cao Lộc')
    expect(await overrides('led')).toEqual([])
    const actions = t.app.repos.audit.query({ limit: 20 }).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['cap.receive', 'emergency.approve', 'cap-source.create']))
  })

  it('records an alert pushed twice once', async () => {
    const source = await pushSource()
    await push(source, capFixture('lang-son-trilingual.xml'))
    const again = await push(source, capFixture('lang-son-trilingual.xml'))
    expect(again.json().results).toEqual([
      expect.objectContaining({ outcome: 'duplicate', emergencyId: null }),
    ])
    expect(await succeed(t.app, 'GET', `/api/cap-sources/${source.id}/messages`)).toHaveLength(1)
  })

  it('takes alerts out of an EDXL-DE distribution', async () => {
    const source = await pushSource()
    const res = await push(source, capFixture('edxl-de-wrapped.xml'), 'application/xml')
    expect(res.json().results).toEqual([
      expect.objectContaining({ identifier: 'LS-KTTV-2026-1205-EDXL', outcome: 'emergency' }),
    ])
  })

  it('lets an Update replace the alert and a Cancel withdraw it, on every screen', async () => {
    const source = await pushSource()
    const first = (await push(source, capFixture('lang-son-trilingual.xml'))).json().results[0]
    await succeed(t.app, 'POST', `/api/emergencies/${first.emergencyId}/approve`, null, t.team.approver)
    expect(await overrides('wall')).toHaveLength(1)

    now += 90 * 60_000
    const update = (await push(source, capFixture('lang-son-trilingual-update.xml'))).json().results[0]
    expect(update.outcome).toBe('emergency')
    expect((await emergency(first.emergencyId)).clearedAt).not.toBeNull()
    expect(await overrides('wall')).toEqual([])
    await succeed(t.app, 'POST', `/api/emergencies/${update.emergencyId}/approve`, null, t.team.approver)
    expect((await overrides('wall')).map((o) => o.text.en?.title)).toEqual(['Flash flood: Road 1A closed'])

    now += 90 * 60_000
    const cancel = (await push(source, capFixture('lang-son-trilingual-cancel.xml'))).json().results[0]
    expect(cancel).toMatchObject({ outcome: 'cancel', emergencyId: null })
    expect((await emergency(update.emergencyId)).clearedAt).not.toBeNull()
    expect(await overrides('wall')).toEqual([])
    const withdrawn = t.app.repos.audit.query({ limit: 50 }).filter((e) => e.action === 'emergency.withdraw')
    expect(withdrawn.map((e) => e.objectId).sort()).toEqual([first.emergencyId, update.emergencyId].sort())
  })

  it('ignores an expired alert, and hides or marks exercises per the source', async () => {
    const marking = await pushSource()
    expect((await push(marking, capFixture('expired.xml'))).json().results[0]).toMatchObject({
      outcome: 'ignored',
      reason: 'cap.expired',
    })
    const exercise = (await push(marking, capFixture('exercise.xml'))).json().results[0]
    expect((await emergency(exercise.emergencyId)).text.vi.title).toMatch(/^\[DIỄN TẬP\] /)
    const hiding = await pushSource({ exercises: 'hide' })
    expect((await push(hiding, capFixture('test.xml'))).json().results[0]).toMatchObject({
      outcome: 'ignored',
      reason: 'cap.exercise-hidden',
    })
  })

  it('refuses bad input with a code, and records the error on the source', async () => {
    const source = await pushSource()
    const code = async (xml: string, status: number, type?: string) => {
      const res = await push(source, xml, type)
      expect(res.statusCode, res.body).toBe(status)
      return res.json().code as string
    }
    expect(await code(capFixture('invalid-schema.xml'), 400)).toBe('cap.schema')
    expect(await code(capFixture('not-well-formed.xml'), 400)).toBe('cap.malformed')
    expect(await code(capFixture('xxe.xml'), 400)).toBe('cap.doctype')
    expect(await code(capFixture('billion-laughs.xml'), 400)).toBe('cap.doctype')
    expect(await code(`<a>${'x'.repeat(1_100_000)}</a>`, 413)).toBe('request.too-large')
    expect(await code('{"alert":1}', 415, 'application/json')).toBe('request.content-type')
    const stored = await succeed(t.app, 'GET', `/api/cap-sources/${source.id}`)
    expect(stored.lastError).toMatch(/^cap\.doctype/)
    // The code and its values beside the sentence, for the console to say in its reader's language.
    expect(stored).toMatchObject({ lastErrorCode: 'cap.doctype', lastErrorParams: null })
    await code(capFixture('invalid-schema.xml'), 400)
    expect(await succeed(t.app, 'GET', `/api/cap-sources/${source.id}`)).toMatchObject({
      lastErrorCode: 'cap.schema',
      lastErrorParams: { errors: expect.any(Number) },
    })
    const wrong = await push({ ...source, token: 'gca_wrong' }, capFixture('lang-son-trilingual.xml'))
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().code).toBe('cap-source.token')
    const other = await pushSource()
    const crossed = await push({ id: other.id, token: source.token }, capFixture('lang-son-trilingual.xml'))
    expect(crossed.statusCode).toBe(401)
  })
})

describe('break-glass', () => {
  it('airs at once, and is withdrawn when no second approver confirms in time', async () => {
    const source = await pushSource({ breakGlass: BREAK_GLASS })
    const result = (await push(source, capFixture('lang-son-trilingual.xml'))).json().results[0]
    expect(result.outcome).toBe('break-glass')
    expect((await emergency(result.emergencyId)).cap.confirmBy).toBe('2026-12-05T02:15:00.000Z')
    expect(await overrides('wall')).toHaveLength(1)

    now += 14 * 60_000
    runJob('cap-break-glass')
    expect(await overrides('wall')).toHaveLength(1)
    now += 60_000
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/emergencies/${result.emergencyId}/approve`,
      headers: t.team.approver.headers,
    })
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('cap.confirm-late')
    runJob('cap-break-glass')
    expect((await emergency(result.emergencyId)).clearedAt).not.toBeNull()
    expect(await overrides('wall')).toEqual([])
    expect(t.app.repos.audit.query({ limit: 5 }).map((e) => e.action)).toContain('emergency.withdraw')
  })

  it('stays on air once a second approver confirms it', async () => {
    const source = await pushSource({ breakGlass: BREAK_GLASS })
    const result = (await push(source, capFixture('lang-son-trilingual.xml'))).json().results[0]
    const confirmed = await succeed(
      t.app,
      'POST',
      `/api/emergencies/${result.emergencyId}/approve`,
      null,
      t.team.approver,
    )
    expect(confirmed).toMatchObject({ approvedBy: t.team.approver.id, cap: { confirmBy: null } })
    now += 60 * 60_000
    runJob('cap-break-glass')
    expect(await overrides('wall')).toHaveLength(1)
  })

  it('never airs an exercise at once', async () => {
    const source = await pushSource({ breakGlass: BREAK_GLASS })
    const result = (await push(source, capFixture('exercise.xml'))).json().results[0]
    expect(result.outcome).toBe('emergency')
    expect(await overrides('wall')).toEqual([])
  })
})

describe('a pulled source', () => {
  it('fetches an Atom feed and its alerts, then asks again with the ETag and gets 304', async () => {
    loopback = await listenLoopback((res, request) => {
      if (request.url === '/feed.atom') {
        if (request.headers['if-none-match'] === '"v1"') {
          res.writeHead(304).end()
          return
        }
        res.writeHead(200, { 'content-type': 'application/atom+xml', etag: '"v1"' }).end(
          `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Cảnh báo</title>
  <entry><id>1</id><link type="application/cap+xml" href="/alerts/1.xml"/></entry>
</feed>`,
        )
        return
      }
      res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(capFixture('lang-son-trilingual.xml'))
    })
    const created = await succeed(t.app, 'POST', '/api/cap-sources', {
      name: 'Cổng cảnh báo tỉnh',
      mode: 'pull',
      url: loopback.url('/feed.atom'),
      intervalMinutes: 5,
      policy: POLICY,
    })
    const source = t.app.repos.capSources.get(created.source.id)
    expect(t.app.repos.capSources.due(now).map((s) => s.id)).toEqual([source.id])
    const results = await t.app.cap.pull(source, now)
    expect(results).toEqual([
      expect.objectContaining({ identifier: 'LS-KTTV-2026-1205-01', outcome: 'emergency' }),
    ])
    expect(t.app.repos.capSources.due(now)).toEqual([])

    now += 5 * 60_000
    expect(await t.app.cap.pull(t.app.repos.capSources.get(source.id), now)).toEqual([])
    expect(loopback.received.map((r) => [r.url, r.headers['if-none-match'] ?? null])).toEqual([
      ['/feed.atom', null],
      ['/alerts/1.xml', null],
      ['/feed.atom', '"v1"'],
    ])
    const stored = await succeed(t.app, 'GET', `/api/cap-sources/${source.id}`)
    expect(stored).toMatchObject({
      lastFetchAt: new Date(now).toISOString(),
      lastError: null,
      lastErrorCode: null,
      lastErrorParams: null,
    })
  })

  it('keeps what it had and records the error when the source fails', async () => {
    loopback = await listenLoopback((res) => {
      res.writeHead(503).end()
    })
    const created = await succeed(t.app, 'POST', '/api/cap-sources', {
      name: 'Down',
      mode: 'pull',
      url: loopback.url('/cap.xml'),
      intervalMinutes: 1,
      policy: POLICY,
    })
    expect(await t.app.cap.pull(t.app.repos.capSources.get(created.source.id), now)).toEqual([])
    expect(await succeed(t.app, 'GET', `/api/cap-sources/${created.source.id}`)).toMatchObject({
      lastError: 'fetch: HTTP 503',
      lastErrorCode: 'fetch.status',
      lastErrorParams: { status: 503, url: loopback.url('/cap.xml') },
    })
  })

  it('names a source the server may not reach, or that cannot be reached, by code', async () => {
    const pullFrom = async (url: string) => {
      const created = await succeed(t.app, 'POST', '/api/cap-sources', {
        name: url,
        mode: 'pull',
        url,
        intervalMinutes: 1,
        policy: POLICY,
      })
      expect(await t.app.cap.pull(t.app.repos.capSources.get(created.source.id), now)).toEqual([])
      return succeed(t.app, 'GET', `/api/cap-sources/${created.source.id}`)
    }
    // A redirect to a private address outside the admin's outbound list: refused, never followed.
    loopback = await listenLoopback((res) => {
      res.writeHead(302, { location: 'http://10.20.30.40/cap.xml' }).end()
    })
    expect(await pullFrom(loopback.url('/cap.xml'))).toMatchObject({
      lastErrorCode: 'fetch.refused',
      lastError: expect.stringMatching(/^fetch: /),
    })
    // Loopback is allowed here, but nothing listens on the discard port.
    expect((await pullFrom('http://127.0.0.1:9/cap.xml')).lastErrorCode).toBe('fetch.network')
  })
})

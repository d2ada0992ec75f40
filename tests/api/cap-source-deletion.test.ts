import type { CapPolicy } from '@playlists/schemas/cap'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, injectAs, screenBody, siteBody, succeed, type TestApp } from '../helpers/app'
import { capFixture } from '../helpers/cap'
import { closeLoopbackServers, listenLoopback } from '../helpers/loopback-server'

/**
 * An official alert source may be deleted once no emergency message it raised is open (waiting
 * for approval, or on screens until it expires): its Update or Cancel could no longer arrive.
 * The deletion is audited, its push token stops working, the pull job no longer fetches it, and
 * the emergencies it raised before stay readable.
 */
const POLICY: CapPolicy = { exercises: 'mark', sites: [], geocodes: [], defaultMinutes: 60, breakGlass: null }
let now = Date.parse('2026-12-05T02:00:00Z') // during the fixtures' flood warning
let t: TestApp

beforeEach(async () => {
  now = Date.parse('2026-12-05T02:00:00Z')
  t = await createTestApp({ clock: () => now, outbound: { allow: ['127.0.0.1'] } })
  // Hữu Nghị lies inside the fixtures' polygon.
  await succeed(t.app, 'POST', '/api/sites', {
    ...siteBody('huu-nghi'),
    location: { latitude: 21.9722, longitude: 106.705 },
  })
  await succeed(t.app, 'POST', '/api/screens', screenBody('wall', 'huu-nghi'))
})
afterEach(async () => {
  await closeLoopbackServers()
  await t.close()
})

async function pushSource() {
  const created = await succeed(t.app, 'POST', '/api/cap-sources', {
    name: 'Đài KTTV Lạng Sơn',
    mode: 'push',
    policy: POLICY,
  })
  return { id: created.source.id as string, token: created.token as string }
}

const push = (source: { id: string; token: string }) =>
  t.app.inject({
    method: 'POST',
    url: `/api/cap-sources/${source.id}/alerts`,
    headers: { authorization: `Bearer ${source.token}`, 'content-type': 'application/cap+xml' },
    payload: capFixture('lang-son-trilingual.xml'),
  })

const remove = (id: string) => t.app.inject({ method: 'DELETE', url: `/api/cap-sources/${id}` })

describe('deleting an alert source', () => {
  it('deletes an unused source, audited with the source as it was; its token stops working', async () => {
    const source = await pushSource()
    const res = await remove(source.id)
    expect(res.statusCode, res.body).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: `/api/cap-sources/${source.id}` })).statusCode).toBe(404)
    expect((await push(source)).statusCode).toBe(401)
    const [entry] = t.app.repos.audit.query({ action: 'cap-source.delete', limit: 1 })
    expect(entry).toMatchObject({
      objectType: 'cap-source',
      objectId: source.id,
      outcome: 'ok',
      before: expect.objectContaining({ id: source.id, name: 'Đài KTTV Lạng Sơn', mode: 'push' }),
    })
    expect(JSON.stringify(entry)).not.toContain(source.token)
    expect(
      t.app.db.prepare("SELECT 1 FROM deleted_ids WHERE kind = 'cap-source' AND id = ?").get(source.id),
    ).toBeTruthy()
  })

  it('refuses while an emergency it raised is open, then deletes and keeps the emergency readable', async () => {
    const source = await pushSource()
    const raised = (await push(source)).json().results[0].emergencyId as string
    const refused = await remove(source.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'cap-source.in-use',
      details: { emergencies: [raised] },
      params: { id: source.id, count: 1 },
    })
    // Approved and on screens: still open until it expires or is cleared.
    await succeed(t.app, 'POST', `/api/emergencies/${raised}/approve`, null, t.team.approver)
    expect((await remove(source.id)).statusCode).toBe(409)

    now = Date.parse('2026-12-05T14:00:00Z') // past the alert's expiry (13:00)
    expect((await remove(source.id)).statusCode).toBe(204)
    const after = await succeed(t.app, 'GET', `/api/emergencies/${raised}`)
    expect(after).toMatchObject({ id: raised, text: { vi: { title: 'Cảnh báo lũ quét tại Cao Lộc' } } })
    expect(after.cap ?? null).toBeNull()
  })

  it('answers 404 for an unknown source and 403 to an approver', async () => {
    const source = await pushSource()
    const unknown = await remove('cap-nowhere')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('cap-source.not-found')
    const approver = await injectAs(t.app, 'DELETE', `/api/cap-sources/${source.id}`, t.team.approver)
    expect(approver.statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/api/cap-sources/${source.id}` })).statusCode).toBe(200)
  })

  it('is no longer pulled once deleted, even when the job listed it before', async () => {
    const server = await listenLoopback((res) =>
      res
        .writeHead(200, { 'content-type': 'application/cap+xml' })
        .end(capFixture('lang-son-trilingual.xml')),
    )
    const created = await succeed(t.app, 'POST', '/api/cap-sources', {
      name: 'Cổng cảnh báo tỉnh',
      mode: 'pull',
      url: server.url('/alert.xml'),
      intervalMinutes: 5,
      policy: POLICY,
    })
    const listed = t.app.repos.capSources.due(now)
    expect(listed.map((s) => s.id)).toEqual([created.source.id])
    expect((await remove(created.source.id)).statusCode).toBe(204)
    expect(t.app.repos.capSources.due(now)).toEqual([])
    expect(await t.app.cap.pull(listed[0]!, now)).toEqual([])
    await t.app.jobs.run('cap-pull', now).pending
    expect(server.received).toHaveLength(0)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type Member, screenBody, siteBody, succeed, type TestApp } from '../helpers/app'

/**
 * Emergency messages: sent by an approver or admin, on air once a second approver or admin
 * approves — unless an admin let a site's approvers send alone there. Every step is audited.
 */
const NOW = Date.parse('2026-12-01T01:00:00.000Z')
let t: TestApp

beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW })
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/sites', { ...siteBody('remote'), emergencySelfApproval: true })
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('far', 'remote'))
})
afterEach(() => t.close())

const call = (method: 'GET' | 'POST' | 'PUT', url: string, as?: Member, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })

const message = (targets: object) => ({
  text: {
    vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu tạm đóng.' },
    zh: { title: '暂停通关', body: '口岸暂时关闭。' },
    en: { title: 'Clearance suspended', body: 'The gate is closed.' },
  },
  targets,
  expiresAt: new Date(NOW + 3_600_000).toISOString(),
})
const overrides = async (screen: string) =>
  (await call('GET', `/api/screens/${screen}/document`)).json().overrides as { id: string }[]

describe('emergency messages under four eyes', () => {
  it('waits for a second approver, who puts it on air at once', async () => {
    const { approver, approver2 } = t.team
    const sent = await call('POST', '/api/emergencies', approver, message({ sites: ['gate'] }))
    expect(sent.statusCode, sent.body).toBe(201)
    expect(sent.json()).toMatchObject({ createdBy: approver.id, approvedBy: null, approvedAt: null })
    expect(await overrides('led')).toEqual([])

    const self = await call('POST', `/api/emergencies/${sent.json().id}/approve`, approver)
    expect(self.statusCode).toBe(403)
    expect(self.json().message).toMatch(/You sent this message/)
    expect(await overrides('led')).toEqual([])
    expect(t.app.repos.audit.query({ outcome: 'denied', limit: 1 })[0]).toMatchObject({
      action: 'access.denied',
      actor: { id: approver.id },
      objectType: 'emergency',
      objectId: sent.json().id,
    })

    const approved = await call('POST', `/api/emergencies/${sent.json().id}/approve`, approver2, {
      comment: 'Confirmed with the gate by phone',
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({
      approvedBy: approver2.id,
      approvedAt: new Date(NOW).toISOString(),
    })
    expect(await overrides('led')).toEqual([expect.objectContaining({ id: sent.json().id })])
    expect((await call('POST', `/api/emergencies/${sent.json().id}/approve`, t.team.admin)).statusCode).toBe(
      409,
    )

    const log = t.app.repos.audit.query({ objectType: 'emergency', outcome: 'ok', limit: 10 })
    expect(log.map((e) => [e.action, e.actor.id])).toEqual([
      ['emergency.approve', approver2.id],
      ['emergency.send', approver.id],
    ])
    expect(log[0]!.detail).toBe('Confirmed with the gate by phone')
  })

  it('lets an admin approve, and keeps editors and viewers out', async () => {
    const { approver, admin, editor, viewer } = t.team
    expect((await call('POST', '/api/emergencies', editor, message({ all: true }))).statusCode).toBe(403)
    expect((await call('POST', '/api/emergencies', viewer, message({ all: true }))).statusCode).toBe(403)
    const sent = (await call('POST', '/api/emergencies', approver, message({ screens: ['led'] }))).json()
    expect((await call('POST', `/api/emergencies/${sent.id}/approve`, editor)).statusCode).toBe(403)
    expect((await call('POST', `/api/emergencies/${sent.id}/approve`, admin)).statusCode).toBe(200)
    expect(await overrides('led')).toHaveLength(1)
    expect(t.app.repos.audit.query({ action: 'access.denied', limit: 10 })).toHaveLength(3)
  })

  it('airs at once where an admin allowed self-approval, only if every screen reached allows it', async () => {
    const { approver } = t.team
    const alone = await call('POST', '/api/emergencies', approver, message({ sites: ['remote'] }))
    expect(alone.json()).toMatchObject({ approvedBy: approver.id, approvedAt: expect.any(String) })
    expect(await overrides('far')).toEqual([expect.objectContaining({ id: alone.json().id })])

    const both = await call('POST', '/api/emergencies', approver, message({ all: true }))
    expect(both.json().approvedAt).toBeNull()
    expect(await overrides('led')).toEqual([])
    expect(await overrides('far')).toHaveLength(1)
  })

  it('leaves the self-approval flag to admins', async () => {
    const { approver } = t.team
    const res = await call('PUT', '/api/sites/gate', approver, {
      ...siteBody('gate'),
      emergencySelfApproval: true,
    })
    expect(res.statusCode).toBe(403)
    expect((await call('GET', '/api/sites/gate')).json().emergencySelfApproval).toBe(false)
    const set = await call('PUT', '/api/sites/gate', t.team.admin, {
      ...siteBody('gate'),
      emergencySelfApproval: true,
    })
    expect(set.json().emergencySelfApproval).toBe(true)
    const sent = await call('POST', '/api/emergencies', approver, message({ screens: ['led'] }))
    expect(sent.json().approvedBy).toBe(approver.id)
    expect(t.app.repos.audit.query({ action: 'site.update', limit: 1 })[0]).toMatchObject({
      actor: { id: t.team.admin.id },
      before: expect.objectContaining({ emergencySelfApproval: false }),
      after: expect.objectContaining({ emergencySelfApproval: true }),
    })
  })

  it('cancels a pending message by clearing it; it never airs', async () => {
    const { approver, approver2 } = t.team
    const sent = (await call('POST', '/api/emergencies', approver, message({ sites: ['gate'] }))).json()
    expect((await call('POST', `/api/emergencies/${sent.id}/clear`, approver)).statusCode).toBe(200)
    const late = await call('POST', `/api/emergencies/${sent.id}/approve`, approver2)
    expect(late.statusCode).toBe(409)
    expect(await overrides('led')).toEqual([])
  })
})

describe('the sample content', () => {
  it('is on air on a fresh start, approved by the system and recorded as such', async () => {
    const seeded = await createTestApp({ seed: true })
    try {
      const { app } = seeded
      const playlists = (await app.inject({ method: 'GET', url: '/api/playlists' })).json()
      expect(playlists.length).toBeGreaterThan(0)
      for (const p of playlists)
        expect(p).toMatchObject({ publishedRevision: 1, hasUnpublishedChanges: false })
      const versions = (
        await app.inject({ method: 'GET', url: `/api/playlists/${playlists[0].id}/versions` })
      ).json()
      expect(versions).toEqual([
        expect.objectContaining({
          number: 1,
          state: 'approved',
          submittedBy: 'system',
          decidedBy: 'system',
          live: true,
        }),
      ])
      const approvals = app.repos.audit.query({ action: 'playlist.approve', limit: 100 })
      expect(approvals).toHaveLength(playlists.length)
      expect(approvals[0]).toMatchObject({
        actor: { kind: 'system' },
        detail: expect.stringMatching(/the sample content/),
      })
      expect(app.repos.audit.query({ action: 'layout.approve', limit: 100 }).length).toBeGreaterThan(0)
    } finally {
      await seeded.close()
    }
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { caughtUp, connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

let t: TestApp
let base: string
const sockets: TestPlayer[] = []
let now = Date.UTC(2026, 11, 1, 1)

beforeEach(async () => {
  now = Date.UTC(2026, 11, 1, 1)
  t = await createTestApp({ clock: () => now })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  await seedMinimal(t.app, 'screen-b', 'pl-b')
  await t.app.inject({
    method: 'POST',
    url: '/api/sites',
    payload: { id: 'far', name: { vi: 'Xa', zh: '远', en: 'Far' } },
  })
  await t.app.inject({
    method: 'POST',
    url: '/api/screens',
    payload: {
      id: 'screen-far',
      siteId: 'far',
      name: 'Far',
      width: 1536,
      height: 768,
      defaultPlaylistId: 'pl-a',
    },
  })
  base = await listen(t)
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await t.close()
})

const player = (id: string) => {
  const s = connectPlayer(base, screenToken(t.app, id))
  sockets.push(s)
  return s
}

const message = {
  text: {
    vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu tạm đóng do thời tiết xấu.' },
    zh: { title: '暂停通关', body: '因天气恶劣，口岸暂时关闭。' },
    en: { title: 'Clearance suspended', body: 'The gate is closed for bad weather.' },
  },
}

/** A second approver's approval of a message the admin sent: it goes on air. */
const approve = (id: string) =>
  t.app.inject({ method: 'POST', url: `/api/emergencies/${id}/approve`, headers: t.team.approver.headers })

/** Sends a message and has it approved: on air. */
async function send(payload: object) {
  const created = await t.app.inject({ method: 'POST', url: '/api/emergencies', payload })
  if (created.statusCode !== 201) throw new Error(created.body)
  const approved = await approve(created.json().id)
  if (approved.statusCode !== 200) throw new Error(approved.body)
  return approved.json()
}

describe('emergency messages', () => {
  it('reach every connected targeted screen within a second, and no other', async () => {
    const a = player('screen-a')
    const b = player('screen-b')
    const far = player('screen-far')
    await until(() => a.documents.length === 1 && b.documents.length === 1 && far.documents.length === 1)

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/emergencies',
      payload: {
        ...message,
        targets: { sites: ['gate'] },
        expiresAt: new Date(now + 3_600_000).toISOString(),
      },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ screens: ['screen-a', 'screen-b'], approvedAt: null })
    // Four eyes: it waits for a second approver, then airs at once.
    const started = Date.now()
    const res = await approve(created.json().id)
    expect(res.statusCode).toBe(200)
    await until(
      () => a.documents.length === 2 && b.documents.length === 2,
      1_000,
      'emergency on both screens',
    )
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(a.documents[1]!.overrides).toEqual([
      expect.objectContaining({ id: res.json().id, startsAtMs: now, endsAtMs: now + 3_600_000 }),
    ])
    // Sent with the others, a push to the far screen would come before a later answer to it.
    await caughtUp(far)
    expect(far.documents).toHaveLength(1)
  })

  it('is in the document a reconnecting or reloading player receives, until cleared', async () => {
    const created = await send({
      ...message,
      targets: { screens: ['screen-a'] },
      expiresAt: new Date(now + 600_000).toISOString(),
    })
    const late = player('screen-a')
    await until(() => late.documents.length === 1)
    expect(late.documents[0]!.overrides.map((o) => o.id)).toEqual([created.id])

    const cleared = await t.app.inject({ method: 'POST', url: `/api/emergencies/${created.id}/clear` })
    expect(cleared.statusCode).toBe(200)
    expect(cleared.json().clearedAt).not.toBeNull()
    await until(() => late.documents.length === 2)
    expect(late.documents[1]!.overrides).toEqual([])
    // Recorded: still listed, with when it was cleared.
    const list = (await t.app.inject({ method: 'GET', url: '/api/emergencies' })).json()
    expect(list).toEqual([expect.objectContaining({ id: created.id, clearedAt: expect.any(String) })])
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/emergencies/${created.id}/clear` })).statusCode,
    ).toBe(409)
  })

  it('drops an expired message from documents when the job runs', async () => {
    await send({ ...message, targets: { all: true }, expiresAt: new Date(now + 60_000).toISOString() })
    const doc = () =>
      t.app.inject({ method: 'GET', url: '/api/screens/screen-far/document' }).then((r) => r.json())
    expect((await doc()).overrides).toHaveLength(1)
    expect(t.app.jobs.run('retire-emergencies').pushed).toBe(0)
    now += 60_000
    expect(t.app.jobs.run('retire-emergencies').pushed).toBe(3)
    expect((await doc()).overrides).toEqual([])
    expect(t.app.jobs.run('retire-emergencies').pushed).toBe(0)
  })

  it('reaches a screen whose document cannot be compiled, keeping what it played', async () => {
    const a = player('screen-a')
    const b = player('screen-b')
    await until(() => a.documents.length === 1 && b.documents.length === 1)
    // A fault in compiling screen-b's programme, whatever it may be: here reading its playlist.
    const liveRevision = t.app.repos.playlists.liveRevision.bind(t.app.repos.playlists)
    const fault = vi.spyOn(t.app.repos.playlists, 'liveRevision').mockImplementation((id) => {
      if (id === 'pl-b') throw new Error('injected fault')
      return liveRevision(id)
    })

    // Sent and approved (send throws on any answer but 200).
    const sent = await send({
      ...message,
      targets: { sites: ['gate'] },
      expiresAt: new Date(now + 7_200_000).toISOString(),
    })
    await until(
      () => a.documents.length === 2 && b.documents.length === 2,
      1_000,
      'emergency on both screens',
    )
    for (const d of [a.documents[1]!, b.documents[1]!])
      expect(d.overrides.map((o) => o.id)).toEqual([sent.id])
    // screen-b keeps the programme it had; screen-a is compiled as usual.
    const { overrides: _o, version: _v, hash: _h, publishedAt: _p, ...kept } = b.documents[1]!
    const { overrides: _o0, version: _v0, hash: _h0, publishedAt: _p0, ...before } = b.documents[0]!
    expect(kept).toEqual(before)
    expect(a.documents[1]!.playlists['pl-a']).toBeDefined()
    const failed = (await t.app.metrics.compileProblems.get()).values.find((v) => v.labels.kind === 'failed')
    expect(failed?.value).toBe(1)

    // Once the fault is gone, the refresh job compiles screen-b for real again.
    fault.mockRestore()
    expect(t.app.repos.documents.screensDueForRefresh(now + 1)).toEqual(['screen-b'])
    now += 3_600_000
    // It is the same document as the fallback's (the same programme, the same message): nothing
    // to push, and no more tries.
    expect(t.app.jobs.run('refresh-documents').pushed).toBe(0)
    expect(t.app.repos.documents.screensDueForRefresh(now + 1)).toEqual([])
  })

  it.each([
    [{ targets: { sites: ['nowhere'] } }, /site "nowhere" does not exist/],
    [{ targets: {} }, /would reach no screen/],
    [{ targets: { all: true }, expiresAt: '2020-01-01T00:00:00Z' }, /expiresAt must be in the future/],
    [{ targets: { all: true }, expiresAt: '2027-01-01T00:00:00Z' }, /at most 7 days/],
    [{ targets: { all: true }, text: { zh: { title: '无越南语' } } }, /text needs the field "vi"/],
  ])('refuses a bad message: %o', async (patch, text) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/emergencies',
      payload: { ...message, expiresAt: new Date(now + 60_000).toISOString(), ...patch },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(text)
    expect((await t.app.inject({ method: 'GET', url: '/api/emergencies' })).json()).toEqual([])
  })
})

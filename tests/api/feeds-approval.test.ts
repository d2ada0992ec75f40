import type { FeedEntry, FeedSource, OnAirEntry } from '@playlists/schemas/feed'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { feedBody, feedFixture } from '../helpers/feeds'
import { closeLoopbackServers, type LoopbackServer, listenLoopback } from '../helpers/loopback-server'

/**
 * What a feed may put on air is its approved version: the source and its policy (words, maximum
 * age), decided by someone other than its authors; an entry can be withdrawn from every screen.
 */

const NOW = Date.UTC(2026, 11, 5, 1, 0, 0)
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
  await closeLoopbackServers()
})

async function withPortal(): Promise<{ a: TestApp; server: LoopbackServer }> {
  t = await createTestApp({ clock: () => NOW, outbound: { allow: ['127.0.0.1'] } })
  const server = await listenLoopback((res) => res.end(feedFixture('portal-vi.rss.xml')))
  await succeed(t.app, 'POST', '/api/feeds', feedBody('portal', server.url('/rss'), { words: ['bão'] }))
  await succeed(t.app, 'POST', '/api/feeds/portal/refresh')
  return { a: t, server }
}

const onAir = async (a: TestApp): Promise<OnAirEntry[]> => succeed(a.app, 'GET', '/api/feeds/portal/on-air')
const titles = (list: { title: string }[]) => list.map((e) => e.title)

describe('feed approval', () => {
  it('puts nothing on air before a second person approves the source', async () => {
    const { a } = await withPortal()
    expect(await onAir(a)).toEqual([])
    expect((await succeed(a.app, 'GET', '/api/feeds/portal')).liveVersion).toBeNull()
  })

  it('refuses the admin who registered the source approving it', async () => {
    const { a } = await withPortal()
    const submitted = await succeed(a.app, 'POST', '/api/feeds/portal/submit')
    expect(submitted).toMatchObject({ objectType: 'feed', number: 1, state: 'submitted' })
    const own = await a.app.inject({ method: 'POST', url: '/api/feeds/portal/versions/1/approve' })
    expect(own.statusCode).toBe(403)
    expect(own.json().code).toBe('approval.own-change')
    expect(await onAir(a)).toEqual([])
  })

  it('once approved and published, lets on air the entries the policy allows: no listed word', async () => {
    const { a } = await withPortal()
    await approveAndPublish(a.app, 'feed', 'portal')
    expect((await succeed(a.app, 'GET', '/api/feeds/portal')).liveVersion).toBe(1)
    expect(titles(await onAir(a))).toEqual([
      'Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày',
      'Thông báo lịch làm việc dịp Tết Dương lịch 2027',
    ])
    expect((await onAir(a))[0]).toMatchObject({ sourceId: 'portal', language: 'vi' })
  })

  it('keeps the approved policy on air while a changed draft waits for approval', async () => {
    const { a, server } = await withPortal()
    await approveAndPublish(a.app, 'feed', 'portal')
    const { id: _id, ...draft } = feedBody('portal', server.url('/rss'), { words: [], maxAgeHours: 12 })
    await succeed(a.app, 'PUT', '/api/feeds/portal', draft)
    expect(titles(await onAir(a))).toHaveLength(2)
    await approveAndPublish(a.app, 'feed', 'portal')
    // 12 hours before NOW: only the entry of 07:30 (UTC+7) is recent enough; "bão" is allowed now.
    expect(titles(await onAir(a))).toEqual(['Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày'])
  })

  it('puts nothing of a source on air once its withdrawal is approved', async () => {
    const { a } = await withPortal()
    await approveAndPublish(a.app, 'feed', 'portal')
    const withdrawal = await succeed(a.app, 'POST', '/api/feeds/portal/submit', { withdraw: true })
    expect(withdrawal).toMatchObject({ number: 2, withdrawal: true })
    await succeed(a.app, 'POST', '/api/feeds/portal/versions/2/approve', {}, a.team.approver)
    await succeed(a.app, 'POST', '/api/feeds/portal/publish', { version: 2 }, a.team.approver)
    expect(await onAir(a)).toEqual([])
    expect((await succeed(a.app, 'GET', '/api/feeds/portal')).liveVersion).toBeNull()
  })

  it('records each change of a source in the audit log, with who made it', async () => {
    const { a } = await withPortal()
    const [created] = a.app.repos.audit.query({ action: 'feed.create', limit: 1 })
    expect(created).toMatchObject({ objectType: 'feed', objectId: 'portal', actor: { id: a.team.admin.id } })
    expect(a.app.repos.audit.query({ action: 'feed.refresh', limit: 1 })).toHaveLength(1)
  })
})

describe('feed registration', () => {
  it('is for admins only; editors read the sources', async () => {
    const { a, server } = await withPortal()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/feeds',
      payload: feedBody('other', server.url('/rss')),
      headers: a.team.editor.headers,
    })
    expect(res.statusCode).toBe(403)
    const list: FeedSource[] = await succeed(a.app, 'GET', '/api/feeds', undefined, a.team.editor)
    expect(list.map((s) => s.id)).toEqual(['portal'])
  })

  it.each([
    ['an interval under five minutes', { intervalMinutes: 1 }, 'intervalMinutes'],
    ['an unknown language', { language: 'fr' }, 'language'],
    ['a blank word', { words: ['  '] }, 'words[0]'],
    ['a maximum age over a month', { maxAgeHours: 24 * 31 }, 'maxAgeHours'],
    ['an address that is not one', { url: 'not an address' }, 'url'],
    ['a file address', { url: 'file:///etc/passwd' }, 'url'],
  ])('refuses %s with a 400 naming the field', async (_what, over, field) => {
    const { a, server } = await withPortal()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/feeds',
      payload: { ...feedBody('other', server.url('/rss')), ...over },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(JSON.stringify(res.json())).toContain(field)
  })

  it('refuses a second source under a taken id with a 409', async () => {
    const { a, server } = await withPortal()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/feeds',
      payload: feedBody('portal', server.url('/rss')),
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('feed.id-taken')
  })

  it('answers 404 for an unknown source', async () => {
    const { a } = await withPortal()
    const res = await a.app.inject({ method: 'GET', url: '/api/feeds/nowhere/entries' })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('feed.not-found')
  })
})

describe('withdrawing an entry', () => {
  it('takes it off the air for good, kept in the list with who withdrew it, audited', async () => {
    const { a } = await withPortal()
    await approveAndPublish(a.app, 'feed', 'portal')
    const [first] = await onAir(a)
    const url = `/api/feeds/portal/entries/${first!.entryId}/withdraw`
    const withdrawn: FeedEntry = await succeed(a.app, 'POST', url, undefined, a.team.approver)
    expect(withdrawn).toMatchObject({
      withdrawnBy: a.team.approver.id,
      withdrawnAt: new Date(NOW).toISOString(),
    })
    expect(titles(await onAir(a))).toEqual(['Thông báo lịch làm việc dịp Tết Dương lịch 2027'])

    // The source brings it again at the next fetch: it stays withdrawn.
    await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(titles(await onAir(a))).toEqual(['Thông báo lịch làm việc dịp Tết Dương lịch 2027'])
    const entries: FeedEntry[] = await succeed(a.app, 'GET', '/api/feeds/portal/entries')
    expect(entries.find((e) => e.id === first!.entryId)?.withdrawnAt).not.toBeNull()

    const again = await a.app.inject({ method: 'POST', url, headers: a.team.approver.headers })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('feed-entry.withdrawn')
    expect(a.app.repos.audit.query({ action: 'feed-entry.withdraw', limit: 5 })).toHaveLength(1)
  })

  it('is an approver’s act: an editor is refused', async () => {
    const { a } = await withPortal()
    const [entry] = (await succeed(a.app, 'GET', '/api/feeds/portal/entries')) as FeedEntry[]
    const res = await a.app.inject({
      method: 'POST',
      url: `/api/feeds/portal/entries/${entry!.id}/withdraw`,
      headers: a.team.editor.headers,
    })
    expect(res.statusCode).toBe(403)
    const unknown = await a.app.inject({ method: 'POST', url: '/api/feeds/portal/entries/e-0/withdraw' })
    expect(unknown.statusCode).toBe(404)
  })
})

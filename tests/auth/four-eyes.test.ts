import type { ApprovableType } from '@playlists/schemas/approval'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTestApp,
  type Member,
  screenBody,
  siteBody,
  slide,
  succeed,
  TEST_PASSWORD,
  type TestApp,
} from '../helpers/app'
import { approvalPath, approveAndPublish } from '../helpers/approval'
import { datasetBody } from '../helpers/datasets'

/**
 * Four eyes means two people (issue 16, point 2): whatever credential one person carries — a
 * session, their own token, both at once, or a token made in someone else's name — they never
 * approve their own change, put it on air by rollback, or approve their own emergency message
 * where the site does not allow it. The record names the person and the credential. Tokens
 * made for another account before this rule: tests/server/migrate-foreign-tokens.test.ts.
 */
const NOW = Date.parse('2026-12-01T01:00:00.000Z')
let t: TestApp

beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW })
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
  await approveAndPublish(t.app, 'playlist', 'loop', { author: t.team.editor })
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
})
afterEach(() => t.close())

type Headers = Record<string, string>

/** A request with exactly these credentials (none when left out), not the test app's default admin. */
const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  headers: Headers = {},
  payload?: object,
) => t.anonymous({ method, url, headers, ...(payload === undefined ? {} : { payload }) })

/** Signs in with a password, as a person at the console does: the session's cookie. */
async function signIn(member: Member): Promise<Headers> {
  const res = await call(
    'POST',
    '/api/auth/login',
    {},
    { username: member.username, password: TEST_PASSWORD },
  )
  expect(res.statusCode, res.body).toBe(200)
  const session = res.cookies.find((c) => c.name === 'gatecast_session')
  return { cookie: `gatecast_session=${session?.value}` }
}

/** Asks for a token through the API, signed in with `session`; `userId` names whose it should be. */
const mint = (session: Headers, role: Member['role'], userId?: string) =>
  call('POST', '/api/tokens', session, { name: 'integration', role, ...(userId ? { userId } : {}) })

/** A token `member` makes for themselves: its id and its Authorization header. */
async function ownToken(member: Member, session: Headers) {
  const res = await mint(session, member.role)
  expect(res.statusCode, res.body).toBe(201)
  return { id: res.json().token.id as string, headers: { authorization: `Bearer ${res.json().secret}` } }
}

/** Whatever a mint answered, the credential it would give: none (a malformed header) if refused. */
const bearerOf = (minted: { json: () => { secret?: string } }) => ({
  authorization: `Bearer ${minted.json().secret ?? 'refused'}`,
})

/** A new draft of each approvable kind, where it is created, and by whom (an approver unless said). */
const DRAFTS: Record<ApprovableType, { collection: string; id: string; body: object; by?: 'admin' }> = {
  playlist: {
    collection: '/api/playlists',
    id: 'news',
    body: { id: 'news', name: 'News', items: [slide('n1', 'News')] },
  },
  schedule: {
    collection: '/api/schedules',
    id: 'evening',
    body: {
      id: 'evening',
      name: 'Evening',
      playlistId: 'loop',
      target: { type: 'site', id: 'gate' },
      window: { start: '18:00', end: '22:00' },
    },
  },
  layout: {
    collection: '/api/layouts',
    id: 'wide',
    body: {
      id: 'wide',
      name: 'Wide',
      zones: [{ id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: 1, playlistId: 'loop' }],
    },
  },
  // Only an admin registers a feed source.
  feed: {
    collection: '/api/feeds',
    id: 'portal-vi',
    by: 'admin',
    body: {
      id: 'portal-vi',
      name: 'Cổng thông tin tỉnh',
      url: 'https://langson.example.gov.vn/rss',
      language: 'vi',
      intervalMinutes: 15,
      words: [],
      maxAgeHours: 48,
      alertAfterMinutes: 60,
    },
  },
  dataset: { collection: '/api/datasets', id: 'rates', body: datasetBody('rates') },
}

const decide = (type: ApprovableType, id: string, n: number, verb: 'approve' | 'reject', headers: Headers) =>
  call('POST', `${approvalPath(type, id)}/versions/${n}/${verb}`, headers, { comment: 'checked' })

const version = async (type: ApprovableType, id: string, n: number) =>
  (await call('GET', `${approvalPath(type, id)}/versions/${n}`, t.team.admin.headers)).json()

const liveNumber = async (id: string) => {
  const versions = (await call('GET', `/api/playlists/${id}/versions`, t.team.admin.headers)).json()
  return versions.find((v: { live: boolean }) => v.live)?.number ?? null
}

/** `author` changes playlist "loop" through `headers` and submits it: version 2, waiting. */
async function authorsVersion2(headers: Headers) {
  const edit = await call('PUT', '/api/playlists/loop', headers, {
    name: 'Loop',
    items: [slide('s1', 'One'), slide('s2', 'Mine')],
  })
  expect(edit.statusCode, edit.body).toBe(200)
  const submitted = await call('POST', '/api/playlists/loop/submit', headers)
  expect(submitted.json()).toMatchObject({ number: 2, state: 'submitted' })
}

/** An emergency message for the site "gate", whose admin did not allow self-approval. */
const message = {
  text: {
    vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu tạm đóng.' },
    zh: { title: '暂停通关', body: '口岸暂时关闭。' },
    en: { title: 'Clearance suspended', body: 'The gate is closed.' },
  },
  targets: { sites: ['gate'] },
  expiresAt: new Date(NOW + 3_600_000).toISOString(),
}

describe('API tokens act only for the account that makes them', () => {
  it('refuses an admin making a token for another account, and makes none', async () => {
    const { admin, approver2 } = t.team
    const session = await signIn(admin)
    const before = t.app.repos.apiTokens.list(approver2.id)

    const minted = await mint(session, 'approver', approver2.id)
    expect(minted.statusCode).toBe(403)
    expect(minted.json()).toMatchObject({
      message: expect.stringMatching(/acts only for the account that makes it/),
      details: [{ field: 'userId' }],
    })
    expect(t.app.repos.apiTokens.list(approver2.id)).toEqual(before)
    expect(t.app.repos.audit.query({ action: 'access.denied', limit: 1 })[0]).toMatchObject({
      actor: { id: admin.id },
      via: 'session',
      objectType: 'token',
    })

    // Naming oneself is what leaving it out means; listing and revoking others' tokens stay an admin's.
    const own = await mint(session, 'viewer', admin.id)
    expect(own.statusCode, own.body).toBe(201)
    expect(own.json().token.userId).toBe(admin.id)
    const listed = await call('GET', `/api/tokens?userId=${approver2.id}`, session)
    expect(listed.json()).toHaveLength(before.length)
    expect((await call('DELETE', `/api/tokens/${before[0]?.id}`, session)).statusCode).toBe(200)
    expect((await call('GET', '/api/sites', approver2.headers)).statusCode).toBe(401)
  })
})

describe('one person never approves their own change', () => {
  it.each(Object.keys(DRAFTS) as ApprovableType[])(
    'refuses the author of a %s approving or rejecting it with their own token',
    async (type) => {
      const { collection, id, body, by } = DRAFTS[type]
      const approver = t.team[by ?? 'approver']
      const session = await signIn(approver)
      expect((await call('POST', collection, session, body)).statusCode).toBe(201)
      const submitted = await call('POST', `${approvalPath(type, id)}/submit`, session)
      expect(submitted.statusCode, submitted.body).toBe(201)
      const n = submitted.json().number as number

      const token = await ownToken(approver, session)
      for (const verb of ['approve', 'reject'] as const) {
        const res = await decide(type, id, n, verb, token.headers)
        expect(res.statusCode, res.body).toBe(403)
        expect(res.json().message).toMatch(/You are an author of version/)
      }
      expect(await version(type, id, n)).toMatchObject({ state: 'submitted', decidedBy: null })
      expect(t.app.repos.audit.query({ action: 'access.denied', limit: 1 })[0]).toMatchObject({
        actor: { id: approver.id, name: approver.username },
        via: `token:${token.id}`,
        objectType: type,
        objectId: id,
      })
    },
  )

  it('refuses an author who edited with a token and submitted with a session, however they approve', async () => {
    const { approver } = t.team
    const session = await signIn(approver)
    const token = await ownToken(approver, session)
    const edit = await call('PUT', '/api/playlists/loop', token.headers, {
      name: 'Loop',
      items: [slide('s1', 'One'), slide('s2', 'Mine')],
    })
    expect(edit.statusCode).toBe(200)
    expect((await call('POST', '/api/playlists/loop/submit', session)).json()).toMatchObject({
      number: 2,
      authors: [approver.id],
    })

    for (const headers of [session, token.headers, { ...session, ...token.headers }]) {
      expect((await decide('playlist', 'loop', 2, 'approve', headers)).statusCode).toBe(403)
    }
    expect(await version('playlist', 'loop', 2)).toMatchObject({ state: 'submitted', decidedBy: null })
  })

  it('refuses approving in a colleague’s name: no token can be made for them', async () => {
    const { admin, approver2 } = t.team
    const session = await signIn(admin)
    await authorsVersion2(session)

    const minted = await mint(session, 'approver', approver2.id)
    expect(minted.statusCode).toBe(403)
    const res = await decide('playlist', 'loop', 2, 'approve', bearerOf(minted))
    expect(res.statusCode).toBe(401)
    expect((await decide('playlist', 'loop', 2, 'approve', admin.headers)).statusCode).toBe(403)
    expect(await version('playlist', 'loop', 2)).toMatchObject({ state: 'submitted', decidedBy: null })
  })

  it('puts nothing of theirs on air by rollback or publishing', async () => {
    const { admin, approver2 } = t.team
    const session = await signIn(admin)
    await authorsVersion2(session)
    // The way round four eyes that tokens opened: approve in a colleague's name, then roll back to it.
    const minted = await mint(session, 'approver', approver2.id)
    await decide('playlist', 'loop', 2, 'approve', bearerOf(minted))
    await decide('playlist', 'loop', 2, 'approve', session)

    const rollback = await call('POST', '/api/playlists/loop/rollback', session, { version: 2 })
    expect(rollback.statusCode, rollback.body).toBe(409)
    expect(rollback.json().message).toMatch(/is submitted, not approved/)
    const publish = await call('POST', '/api/playlists/loop/publish', admin.headers, { version: 2 })
    expect(publish.statusCode).toBe(409)
    expect(await liveNumber('loop')).toBe(1)
    expect(await version('playlist', 'loop', 2)).toMatchObject({ state: 'submitted', decidedBy: null })
  })

  it('refuses the token of a disabled account', async () => {
    const { approver, editor } = t.team
    await authorsVersion2(editor.headers)
    await succeed(t.app, 'PATCH', `/api/users/${approver.id}`, { disabled: true })
    const res = await decide('playlist', 'loop', 2, 'approve', approver.headers)
    expect(res.statusCode).toBe(401)
    expect(res.json().message).toMatch(/account is disabled/)
    expect(await version('playlist', 'loop', 2)).toMatchObject({ state: 'submitted' })
  })
})

describe('emergency messages on a site that does not allow self-approval', () => {
  const overrides = async () =>
    (await call('GET', '/api/screens/led/document', t.team.admin.headers)).json().overrides

  it('waits for a second person, whatever credential the sender approves with', async () => {
    const { admin, approver2 } = t.team
    const session = await signIn(admin)
    const sent = await call('POST', '/api/emergencies', session, message)
    expect(sent.json()).toMatchObject({ createdBy: admin.id, approvedAt: null })
    const url = `/api/emergencies/${sent.json().id}/approve`

    const token = await ownToken(admin, session)
    for (const headers of [session, token.headers, { ...session, ...token.headers }]) {
      const res = await call('POST', url, headers)
      expect(res.statusCode).toBe(403)
      expect(res.json().message).toMatch(/You sent this message/)
    }
    const inTheirName = await call('POST', url, bearerOf(await mint(session, 'approver', approver2.id)))
    expect(inTheirName.statusCode).toBe(401)
    expect(await overrides()).toEqual([])
    expect((await call('GET', `/api/emergencies/${sent.json().id}`, session)).json()).toMatchObject({
      approvedBy: null,
      approvedAt: null,
    })
  })
})

describe('a second person', () => {
  it('approves with their own token, and the version, the message and the log name them and the token', async () => {
    const { approver, approver2, editor } = t.team
    await authorsVersion2(editor.headers)
    const token = await ownToken(approver2, await signIn(approver2))

    const approved = await decide('playlist', 'loop', 2, 'approve', token.headers)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: approver2.id })
    expect(t.app.repos.audit.query({ action: 'playlist.approve', limit: 1 })[0]).toMatchObject({
      actor: { kind: 'user', id: approver2.id, name: approver2.username },
      via: `token:${token.id}`,
    })

    const sent = (await call('POST', '/api/emergencies', approver.headers, message)).json()
    const confirmed = await call('POST', `/api/emergencies/${sent.id}/approve`, token.headers)
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(confirmed.json().approvedBy).toBe(approver2.id)
    expect(t.app.repos.audit.query({ action: 'emergency.approve', limit: 1 })[0]).toMatchObject({
      actor: { id: approver2.id },
      via: `token:${token.id}`,
    })
  })
})

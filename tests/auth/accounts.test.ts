import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOGIN_FAILURES_MAX, LOGIN_WINDOW_MS, SESSION_IDLE_MS } from '@playlists/limits'
import { buildApp } from '@server/app'
import type { FirstAdmin } from '@server/auth/bootstrap'
import { hashPassword } from '@server/auth/secrets'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, siteBody, TEST_PASSWORD, type TestApp } from '../helpers/app'

/** Accounts and roles (issue 6, item 1): passwords, sessions, sign-in limits, the first admin, API tokens. */

let clockMs = Date.UTC(2026, 10, 26, 8, 0, 0)
let t: TestApp
beforeEach(async () => {
  t = await createTestApp({ clock: () => clockMs })
})
afterEach(() => t.close())

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers })

const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `gatecast_session=${res.cookies.find((c) => c.name === 'gatecast_session')?.value}`

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie, and the session knows who it is', async () => {
    const res = await login('editor', TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ user: { username: 'editor', role: 'editor' }, via: 'session' })
    const cookie = res.headers['set-cookie'] as string
    expect(cookie).toMatch(
      /^gatecast_session=gcs_[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/,
    )
    const me = await t.anonymous({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(res) } })
    expect(me.json()).toMatchObject({ user: { username: 'editor' }, role: 'editor', via: 'session' })
    expect(me.json().user.lastLoginAt).toBe(new Date(clockMs).toISOString())
  })

  it('marks the cookie Secure behind a TLS proxy it trusts', async () => {
    const proxied = await createTestApp({ trustProxy: true })
    try {
      const res = await proxied.anonymous({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'viewer', password: TEST_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      })
      expect(res.headers['set-cookie']).toMatch(/; Secure/)
    } finally {
      await proxied.close()
    }
    // An untrusted X-Forwarded-Proto changes nothing.
    const direct = await login('viewer', TEST_PASSWORD, { 'x-forwarded-proto': 'https' })
    expect(direct.headers['set-cookie']).not.toMatch(/Secure/)
  })

  it('answers a wrong password and an unknown account alike, and records both', async () => {
    const wrong = await login('editor', 'not the password')
    const unknown = await login('nobody', 'not the password')
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401])
    expect(wrong.json().message).toBe('Wrong username or password.')
    expect(unknown.json().message).toBe(wrong.json().message)
    const failed = t.app.repos.audit.query({ action: 'login.failed', limit: 10 })
    expect(failed.map((e) => e.detail)).toEqual(['unknown username', 'wrong password'])
    expect(failed[1]).toMatchObject({ objectId: t.team.editor.id, outcome: 'failed', ip: '127.0.0.1' })
    // The password typed is never recorded anywhere.
    expect(JSON.stringify(t.app.repos.audit.query({ limit: 100 }))).not.toContain('not the password')
  })

  it(`locks an account for a while after ${LOGIN_FAILURES_MAX} failures (429, even with the right password), then lets it in`, async () => {
    for (let i = 0; i < LOGIN_FAILURES_MAX; i++)
      expect((await login('approver', `guess ${i}`)).statusCode).toBe(401)
    const locked = await login('approver', TEST_PASSWORD)
    expect(locked.statusCode).toBe(429)
    expect(locked.headers['retry-after']).toBe(String(LOGIN_WINDOW_MS / 1000))
    expect(locked.json().message).toMatch(/Too many failed sign-ins. Try again in 15 minute/)
    expect(t.app.repos.audit.query({ action: 'login.throttled', limit: 1 })[0]).toMatchObject({
      outcome: 'denied',
    })
    // Other accounts are not locked by it.
    expect((await login('editor', TEST_PASSWORD)).statusCode).toBe(200)
    clockMs += LOGIN_WINDOW_MS
    expect((await login('approver', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('ends a session on sign-out, after a day unused, and refuses a forged cookie', async () => {
    const cookie = cookieOf(await login('viewer', TEST_PASSWORD))
    const me = () => t.anonymous({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect((await me()).statusCode).toBe(200)
    expect(
      (await t.anonymous({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(204)
    expect((await me()).statusCode).toBe(401)
    expect((await me()).json().message).toBe('Your session has ended: sign in again.')

    const idle = cookieOf(await login('viewer', TEST_PASSWORD))
    clockMs += SESSION_IDLE_MS
    expect(
      (await t.anonymous({ method: 'GET', url: '/api/auth/me', headers: { cookie: idle } })).statusCode,
    ).toBe(401)

    // Sessions nobody comes back to are swept by a job.
    await login('viewer', TEST_PASSWORD)
    const live = () => t.app.db.prepare('SELECT count(*) FROM sessions').pluck().get()
    expect(live()).toBe(1)
    t.app.jobs.run('sessions-expired')
    expect(live()).toBe(1)
    clockMs += SESSION_IDLE_MS
    t.app.jobs.run('sessions-expired')
    expect(live()).toBe(0)

    const forged = `gatecast_session=gcs_${'x'.repeat(43)}`
    expect(
      (await t.anonymous({ method: 'GET', url: '/api/sites', headers: { cookie: forged } })).statusCode,
    ).toBe(401)
  })

  it('refuses a change carried by the session from another site’s page, and allows the same site', async () => {
    const cookie = cookieOf(await login('admin', TEST_PASSWORD))
    const send = (origin: string) =>
      t.anonymous({
        method: 'POST',
        url: '/api/sites',
        payload: siteBody('from-elsewhere'),
        headers: { cookie, origin, host: 'gatecast.langson.local' },
      })
    const evil = await send('https://evil.example')
    expect(evil.statusCode).toBe(403)
    expect(evil.json().message).toMatch(/another site/)
    expect(t.app.repos.sites.find('from-elsewhere')).toBeUndefined()
    expect((await send('https://gatecast.langson.local')).statusCode).toBe(201)
  })

  it('stores passwords only as scrypt hashes', () => {
    const stored = t.app.db.prepare('SELECT password_hash FROM users').pluck().all() as string[]
    for (const hash of stored) {
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
      expect(hash).not.toContain(TEST_PASSWORD)
    }
    const secrets = t.app.db.prepare('SELECT secret_hash FROM api_tokens').pluck().all() as string[]
    expect(secrets.every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true)
  })

  it('changes one’s own password, ending the account’s other sessions', async () => {
    const here = cookieOf(await login('editor', TEST_PASSWORD))
    const elsewhere = cookieOf(await login('editor', TEST_PASSWORD))
    const change = (currentPassword: string, newPassword: string) =>
      t.anonymous({
        method: 'PUT',
        url: '/api/auth/password',
        headers: { cookie: here },
        payload: { currentPassword, newPassword },
      })
    expect((await change('wrong one', 'a brand new password')).statusCode).toBe(403)
    expect((await change(TEST_PASSWORD, 'short')).statusCode).toBe(400)
    expect((await change(TEST_PASSWORD, 'a brand new password')).statusCode).toBe(204)
    const me = (cookie: string) => t.anonymous({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect((await me(here)).statusCode).toBe(200)
    expect((await me(elsewhere)).statusCode).toBe(401)
    expect((await login('editor', TEST_PASSWORD)).statusCode).toBe(401)
    expect((await login('editor', 'a brand new password')).statusCode).toBe(200)
  })
})

describe('the first admin', () => {
  async function firstStart(admin: { username?: string; password?: string; passwordHash?: string }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-first-'))
    const told: FirstAdmin[] = []
    const app = await buildApp({ dataDir, admin, onFirstAdmin: (a) => told.push(a) })
    return {
      app,
      told,
      again: async () => {
        await app.close()
        const second = await buildApp({ dataDir, admin, onFirstAdmin: (a) => told.push(a) })
        await second.close()
      },
      done: async () => {
        await app.close().catch(() => undefined)
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }

  it('is made once, with a generated password when none is given', async () => {
    const s = await firstStart({})
    try {
      expect(s.told).toEqual([
        { username: 'admin', password: expect.stringMatching(/^[A-Za-z0-9]{20}$/), generated: true },
      ])
      const login = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: s.told[0]?.password },
      })
      expect(login.statusCode).toBe(200)
      await s.again()
      expect(s.told).toHaveLength(1)
    } finally {
      await s.done()
    }
  })

  it('takes the name and password given in the environment, and never a fixed default', async () => {
    const s = await firstStart({ username: 'langson.it', password: 'from the environment' })
    try {
      expect(s.told).toEqual([{ username: 'langson.it', password: 'from the environment', generated: false }])
      const users = s.app.repos.users.list()
      expect(users.map((u) => [u.username, u.role])).toEqual([['langson.it', 'admin']])
      expect(s.app.repos.audit.query({ action: 'user.create', limit: 5 })).toEqual([
        expect.objectContaining({
          actor: { kind: 'system', id: null, name: 'gatecast' },
          objectId: users[0]?.id,
        }),
      ])
    } finally {
      await s.done()
    }
  })
  it("keeps a hash made earlier of the given password (the tests' one scrypt), and ignores one without it", async () => {
    const passwordHash = await hashPassword('hashed once beforehand')
    const s = await firstStart({ password: 'hashed once beforehand', passwordHash })
    try {
      expect(s.app.repos.users.credentials('admin')?.passwordHash).toBe(passwordHash)
      const login = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'hashed once beforehand' },
      })
      expect(login.statusCode).toBe(200)
    } finally {
      await s.done()
    }
    // A hash with no password is not an account anyone could sign in to: a password is generated.
    const blind = await firstStart({ passwordHash })
    try {
      expect(blind.told[0]?.generated).toBe(true)
      expect(blind.app.repos.users.credentials('admin')?.passwordHash).not.toBe(passwordHash)
    } finally {
      await blind.done()
    }
  })
})

describe('accounts and roles, managed by admins', () => {
  const create = (body: object, headers = t.team.admin.headers) =>
    t.app.inject({ method: 'POST', url: '/api/users', payload: body, headers })

  it('creates an account with a role, and refuses an unknown role, a bad name and a short password', async () => {
    const made = await create({
      username: 'nguyen.van.a',
      displayName: 'Nguyễn Văn A',
      role: 'approver',
      password: 'mật khẩu dài đủ rồi',
    })
    expect(made.statusCode).toBe(201)
    expect(made.json()).toMatchObject({
      username: 'nguyen.van.a',
      displayName: 'Nguyễn Văn A',
      role: 'approver',
      disabled: false,
    })
    expect(made.json().password).toBeUndefined()
    const bad = async (body: object) => (await create(body)).json()
    expect(
      await bad({ username: 'x.y', displayName: 'X', role: 'superuser', password: 'long enough pw' }),
    ).toMatchObject({
      statusCode: 400,
      details: [{ field: 'body.role', problem: 'must be one of "admin", "approver", "editor", "viewer"' }],
    })
    expect(
      (await bad({ username: 'Has Space', displayName: 'X', role: 'viewer', password: 'long enough pw' }))
        .statusCode,
    ).toBe(400)
    expect(await bad({ username: 'x.y', displayName: 'X', role: 'viewer', password: 'short' })).toMatchObject(
      {
        details: [{ field: 'body.password', problem: 'must have at least 10 characters' }],
      },
    )
    expect(
      (
        await create({
          username: 'nguyen.van.a',
          displayName: 'Again',
          role: 'viewer',
          password: 'long enough pw',
        })
      ).statusCode,
    ).toBe(409)
  })

  it('records a role change with the account before and after, and never a password', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${t.team.viewer.id}`,
      payload: { role: 'editor', password: 'another long password' },
    })
    expect(res.statusCode).toBe(200)
    const [entry] = t.app.repos.audit.query({ action: 'user.update', limit: 1 })
    expect(entry).toMatchObject({
      actor: { name: 'admin' },
      objectType: 'user',
      objectId: t.team.viewer.id,
      before: { role: 'viewer' },
      after: { role: 'editor' },
    })
    expect(JSON.stringify(entry)).not.toContain('another long password')
  })

  it('keeps the last admin: neither demoted nor disabled', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${t.team.admin.id}`,
      payload: { role: 'viewer' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/last admin/)
    expect(t.app.repos.users.get(t.team.admin.id).role).toBe('admin')
  })

  it('lets nobody but an admin manage accounts', async () => {
    const body = { username: 'sneaky', displayName: 'S', role: 'admin', password: 'long enough pw' }
    expect((await create(body, t.team.approver.headers)).statusCode).toBe(403)
    expect(t.app.repos.users.credentials('sneaky')).toBeUndefined()
  })
})

describe('API tokens', () => {
  const make = (body: object, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/tokens', payload: body, headers })

  it('acts as its owner with its own role, shows its secret once, and stops at revocation', async () => {
    const cookie = cookieOf(await login('admin', TEST_PASSWORD))
    const made = await make({ name: 'Trang tin tỉnh', role: 'viewer' }, { cookie })
    expect(made.statusCode).toBe(201)
    const { token, secret } = made.json()
    expect(secret).toMatch(/^gct_[A-Za-z0-9_-]{43}$/)
    const list = await t.anonymous({ method: 'GET', url: '/api/tokens', headers: { cookie } })
    expect(JSON.stringify(list.json())).not.toContain(secret)
    const [made1] = t.app.repos.audit.query({ action: 'token.create', limit: 1 })
    expect(made1).toMatchObject({
      objectId: token.id,
      after: { token: { name: 'Trang tin tỉnh' }, secret: '[redacted]' },
    })
    const bearer = { authorization: `Bearer ${secret}` }
    // An admin's viewer token reads, and cannot write.
    expect((await t.anonymous({ method: 'GET', url: '/api/sites', headers: bearer })).statusCode).toBe(200)
    expect((await t.anonymous({ method: 'GET', url: '/api/users', headers: bearer })).statusCode).toBe(403)
    expect(
      (await t.anonymous({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: { cookie } }))
        .statusCode,
    ).toBe(200)
    const after = await t.anonymous({ method: 'GET', url: '/api/sites', headers: bearer })
    expect(after.statusCode).toBe(401)
    expect(after.json().message).toBe('This API token is unknown, revoked or expired.')
  })

  it('never exceeds its owner’s role, and cannot make another token', async () => {
    const cookie = cookieOf(await login('editor', TEST_PASSWORD))
    const above = await make({ name: 'x', role: 'approver' }, { cookie })
    expect(above.statusCode).toBe(400)
    expect(above.json().message).toMatch(/role editor at most, not approver/)
    expect((await make({ name: 'x', role: 'editor', userId: t.team.admin.id }, { cookie })).statusCode).toBe(
      403,
    )
    expect((await make({ name: 'x', role: 'viewer' }, t.team.editor.headers)).statusCode).toBe(403)
  })

  it('follows its owner down: a demoted owner’s token loses the role with them', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${t.team.approver.id}`,
      payload: { role: 'viewer' },
    })
    const res = await t.anonymous({ method: 'GET', url: '/api/playlists', headers: t.team.approver.headers })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toMatch(/you act as viewer/)
  })

  it('expires when it says, and refuses an expiry in the past', async () => {
    const cookie = cookieOf(await login('viewer', TEST_PASSWORD))
    const past = await make(
      { name: 'x', role: 'viewer', expiresAt: new Date(clockMs - 1).toISOString() },
      { cookie },
    )
    expect(past.statusCode).toBe(400)
    const made = await make(
      { name: 'x', role: 'viewer', expiresAt: new Date(clockMs + 60_000).toISOString() },
      { cookie },
    )
    const bearer = { authorization: `Bearer ${made.json().secret}` }
    expect((await t.anonymous({ method: 'GET', url: '/api/sites', headers: bearer })).statusCode).toBe(200)
    clockMs += 60_000
    expect((await t.anonymous({ method: 'GET', url: '/api/sites', headers: bearer })).statusCode).toBe(401)
  })

  it.each([
    ['Basic YWRtaW46YWRtaW4=', /malformed/],
    ['Bearer', /malformed/],
    [`Bearer gct_${'A'.repeat(43)}; DROP TABLE users`, /malformed/],
    [`Bearer gcx_${'A'.repeat(43)}`, /not accepted here/],
  ])('answers a malformed Authorization header %s with 401 saying so', async (authorization, message) => {
    const res = await t.anonymous({ method: 'GET', url: '/api/sites', headers: { authorization } })
    expect(res.statusCode).toBe(401)
    expect(res.json().message).toMatch(message)
  })
})

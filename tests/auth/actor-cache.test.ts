import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { KEEP_MS } from '@server/auth/actor-cache'
import { DATABASE_FILE } from '@server/plugins/db'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * Who holds a credential is remembered between requests (server/auth/actor-cache.ts), and
 * never past a change: revoking, disabling or signing out holds on the very next request,
 * whether the change came through this server or through another process sharing the database.
 */

let clockMs = Date.parse('2026-11-27T08:00:00Z')
let t: TestApp
let other: Database.Database

beforeAll(async () => {
  t = await createTestApp({ seed: true, clock: () => clockMs })
  other = new Database(join(t.dataDir, DATABASE_FILE))
})
afterAll(async () => {
  other?.close()
  await t?.close()
})

const status = async (headers: Record<string, string>) =>
  (await t.app.inject({ url: '/api/sites', headers })).statusCode

function newToken(expiresAt?: string) {
  const { token, secret } = t.app.repos.apiTokens.create({
    name: 'cached',
    userId: t.team.admin.id,
    role: 'viewer',
    expiresAt,
  })
  return { id: token.id, headers: { authorization: `Bearer ${secret}` } }
}

describe('actor cache', () => {
  it('reads a token once for many requests', async () => {
    const token = newToken()
    const resolve = vi.spyOn(t.app.repos.apiTokens, 'resolve')
    for (let i = 0; i < 5; i++) expect(await status(token.headers)).toBe(200)
    expect(resolve).toHaveBeenCalledTimes(1)
    resolve.mockRestore()
  })

  it('refuses a token on the request right after it is revoked here', async () => {
    const token = newToken()
    expect(await status(token.headers)).toBe(200)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}` })).statusCode).toBe(200)
    expect(await status(token.headers)).toBe(401)
  })

  it('refuses a token revoked by another process sharing the database', async () => {
    const token = newToken()
    expect(await status(token.headers)).toBe(200)
    expect(await status(token.headers)).toBe(200)
    other
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?')
      .run(new Date(clockMs).toISOString(), token.id)
    await nextTurn() // a request sent after the commit arrives in a later turn of the loop
    expect(await status(token.headers)).toBe(401)
  })

  it("refuses a token whose account another process disabled, and keeps the others' working", async () => {
    const { viewer, editor } = t.team
    // Twice each: a first use records itself (a write), which empties the cache once.
    for (let i = 0; i < 2; i++) {
      expect(await status(viewer.headers)).toBe(200)
      expect(await status(editor.headers)).toBe(200)
    }
    other.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(viewer.id)
    await nextTurn()
    expect(await status(viewer.headers)).toBe(401)
    expect(await status(editor.headers)).toBe(200)
    other.prepare('UPDATE users SET disabled = 0 WHERE id = ?').run(viewer.id)
    await nextTurn()
    expect(await status(viewer.headers)).toBe(200)
  })

  it('refuses a token once it expires, however recently it was read', async () => {
    const token = newToken(new Date(clockMs + 30_000).toISOString())
    expect(await status(token.headers)).toBe(200)
    clockMs += 29_000
    expect(await status(token.headers)).toBe(200)
    clockMs += 2_000
    expect(await status(token.headers)).toBe(401)
  })

  it('reads a credential again after KEEP_MS, so its last use is recorded', async () => {
    const token = newToken()
    expect(await status(token.headers)).toBe(200)
    const used = () => t.app.repos.apiTokens.get(token.id).lastUsedAt
    const first = used()
    clockMs += KEEP_MS + 1
    expect(await status(token.headers)).toBe(200)
    expect(used()).not.toBe(first)
  })

  it('refuses a session cookie after signing out', async () => {
    const login = await t.anonymous({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'correct horse battery staple' },
    })
    expect(login.statusCode, login.body).toBe(200)
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    expect(await status({ cookie })).toBe(200)
    const out = await t.anonymous({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })
    expect(out.statusCode).toBeLessThan(300)
    expect(await status({ cookie })).toBe(401)
  })
})

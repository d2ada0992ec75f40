import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from '@playlists/schemas/accounts'
import { buildApp } from '@server/app'
import { MIGRATIONS, migrate } from '@server/db/migrate'
import { SqliteStore } from '@server/db/sqlite-store'
import { DATABASE_FILE } from '@server/plugins/db'
import { createRepositories, type Repositories } from '@server/repositories'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { slide } from '../helpers/app'

const AT = '2026-01-01T00:00:00.000Z'

/** A database as Gatecast left it when an admin could still make tokens for others (before 15). */
function beforeForeignTokens() {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < 15),
  )
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'x', ?, ?)`,
  )
  user.run('u-admin', 'admin', 'Admin', 'admin', AT, AT)
  user.run('u-anh', 'anh', 'Anh', 'approver', AT, AT)
  return db
}

/** A token of `owner`, and the audit entry its creation left, made by `maker` (none when null). */
function token(db: Database.Database, id: string, owner: string, maker: string | null, revokedAt?: string) {
  db.prepare(
    `INSERT INTO api_tokens (id, secret_hash, name, user_id, role, created_at, revoked_at)
     VALUES (?, ?, ?, ?, 'approver', ?, ?)`,
  ).run(id, `hash-${id}`, id, owner, AT, revokedAt ?? null)
  if (maker === null) return
  db.prepare(
    `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, via, action, object_type, object_id, outcome)
     VALUES (?, 'user', ?, ?, 'session', 'token.create', 'token', ?, 'ok')`,
  ).run(AT, maker, maker === 'u-admin' ? 'admin' : 'anh', id)
}

const revoked = (db: Database.Database) =>
  Object.fromEntries(
    (
      db.prepare('SELECT id, revoked_at FROM api_tokens ORDER BY id').all() as {
        id: string
        revoked_at: string
      }[]
    ).map((r) => [r.id, r.revoked_at]),
  )

describe('migration 15: tokens made for another account', () => {
  it('revokes a token an admin made for someone else, and records why as the system', () => {
    const db = beforeForeignTokens()
    token(db, 'tok-minted', 'u-anh', 'u-admin')
    migrate(db)
    expect(revoked(db)['tok-minted']).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/))
    expect(
      db
        .prepare(
          "SELECT actor_kind, actor_name, object_id, detail FROM audit_log WHERE action = 'token.revoke'",
        )
        .all(),
    ).toEqual([
      {
        actor_kind: 'system',
        actor_name: 'gatecast',
        object_id: 'tok-minted',
        detail:
          'made by admin for account u-anh: a token acts only for the account that made it (migration 15)',
      },
    ])
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('keeps tokens their owners made, tokens nobody recorded making, and earlier revocations as they were', () => {
    const db = beforeForeignTokens()
    token(db, 'tok-own', 'u-anh', 'u-anh')
    token(db, 'tok-admin-own', 'u-admin', 'u-admin')
    token(db, 'tok-unrecorded', 'u-anh', null)
    token(db, 'tok-gone', 'u-anh', 'u-admin', AT)
    migrate(db)
    expect(revoked(db)).toEqual({
      'tok-admin-own': null,
      'tok-gone': AT,
      'tok-own': null,
      'tok-unrecorded': null,
    })
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'token.revoke'").pluck().get()).toBe(0)
  })
})

describe('migration 15, seen through the API', () => {
  /** What `POST /api/tokens` with a `userId` left behind: the token, and its creation in the log. */
  function madeBy(repos: Repositories, maker: User, owner: User) {
    const { token, secret } = repos.apiTokens.create({
      name: 'integration',
      userId: owner.id,
      role: owner.role,
    })
    repos.audit.append({
      actor: { kind: 'user', id: maker.id, name: maker.username },
      via: 'session',
      action: 'token.create',
      objectType: 'token',
      objectId: token.id,
      outcome: 'ok',
      ip: null,
      userAgent: null,
      before: null,
      after: { token, secret: '[redacted]' },
      detail: null,
    })
    return { id: token.id, headers: { authorization: `Bearer ${secret}` } }
  }

  it('leaves a token made for another account approving nothing, and tokens people made for themselves working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-four-eyes-'))
    const old = new Database(join(dataDir, DATABASE_FILE))
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version < 15),
    )
    const repos = createRepositories(new SqliteStore(old), () => Date.parse(AT))
    const admin = repos.users.create({
      username: 'admin',
      displayName: 'Admin',
      role: 'admin',
      passwordHash: 'x',
    })
    const anh = repos.users.create({
      username: 'anh',
      displayName: 'Anh',
      role: 'approver',
      passwordHash: 'x',
    })
    const adminsOwn = madeBy(repos, admin, admin)
    const minted = madeBy(repos, admin, anh)
    const anhsOwn = madeBy(repos, anh, anh)
    old.close()

    const app = await buildApp({ dataDir, clock: () => Date.parse(AT), rateLimitPerMinute: 0 })
    try {
      const as = (headers: Record<string, string>, url: string, payload?: object) =>
        app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) })
      await as(adminsOwn.headers, '/api/playlists', {
        id: 'mine',
        name: 'Mine',
        items: [slide('m1', 'Mine')],
      })
      expect((await as(adminsOwn.headers, '/api/playlists/mine/submit')).statusCode).toBe(201)

      const inAnhsName = await as(minted.headers, '/api/playlists/mine/versions/1/approve')
      expect(inAnhsName.statusCode).toBe(401)
      expect(inAnhsName.json().message).toMatch(/revoked/)
      expect(app.repos.audit.query({ action: 'token.revoke', limit: 10 })).toEqual([
        expect.objectContaining({
          actor: { kind: 'system', id: null, name: 'gatecast' },
          objectId: minted.id,
          detail: expect.stringMatching(/^made by admin for account /),
        }),
      ])

      const byAnh = await as(anhsOwn.headers, '/api/playlists/mine/versions/1/approve')
      expect(byAnh.statusCode, byAnh.body).toBe(200)
      expect(byAnh.json()).toMatchObject({ state: 'approved', decidedBy: anh.id })
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

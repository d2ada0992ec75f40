import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { buildApp } from '@server/app'
import { formatResult } from '@server/cli/to-postgres-report'
import { MIGRATIONS, migrate } from '@server/db/migrate'
import {
  COPY_BATCH_ROWS,
  CopyRefused,
  type CopyResult,
  copyToPostgres,
  isSame,
  openSource,
} from '@server/db/postgres/copy'
import { CHECK_PAGE_ROWS, postgresChecksum } from '@server/db/postgres/copy-checksum'
import { type CopyTable, planCopy } from '@server/db/postgres/copy-plan'
import { PG_MIGRATIONS } from '@server/db/postgres/migrations'
import { openPostgres } from '@server/db/postgres/open'
import { ROOT } from '@server/paths'
import { DATABASE_FILE } from '@server/plugins/db'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, succeed, TEST_PASSWORD } from '../helpers/app'
import { floodWarningNow, pushAlert, stationSource } from '../helpers/cap'
import { playEvent } from '../helpers/plays'
import { query, startPostgres, type TestPostgres } from '../helpers/postgres'
import { freePort } from '../helpers/redis'

/**
 * Issue 21's move from SQLite to PostgreSQL (server/db/postgres/copy.ts, `npm run to-postgres`):
 * the seeded database with the cases triggers would spoil (plays counted into play_days, a
 * deleted object's id, audit rows, an emergency raised by a CAP message and naming it back), copied
 * into a fresh PostgreSQL database, checked, and served by an app on PostgreSQL.
 */

const run = promisify(execFile)
/** More than one INSERT batch (COPY_BATCH_ROWS) and one checking page (CHECK_PAGE_ROWS) hold. */
const PLAYS = CHECK_PAGE_ROWS + COPY_BATCH_ROWS + 7
const NAME = 'Chào mừng quý khách — 欢迎光临'

let server: TestPostgres
let dir: string
/** The stopped server's database, as the command finds it in DATA_DIR. */
let source: string
let emergencyId: string
let databases = 0

const freshDatabase = () => server.createDatabase(`copy_${++databases}`)

const sqlite = <T>(sql: string): T[] => {
  const db = new Database(source, { readonly: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the copy was not refused')
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(CopyRefused)
      return (error as Error).message
    },
  )

beforeAll(async () => {
  server = await startPostgres()
  dir = mkdtempSync(join(tmpdir(), 'gatecast-to-pg-'))
  const t = await createTestApp({ seed: true })
  await succeed(t.app, 'POST', '/api/playlists', { id: 'welcome-vi-zh', name: NAME, items: [] })
  await succeed(t.app, 'POST', '/api/playlists', { id: 'spare', name: 'Spare', items: [] })
  expect((await t.app.inject({ method: 'DELETE', url: '/api/playlists/spare' })).statusCode).toBe(204)
  const start = Date.now() - 2 * PLAYS * 1000
  const events = Array.from({ length: PLAYS }, (_, i) =>
    playEvent({ startMs: start + i * 1000, endMs: start + i * 1000 + 500 }),
  )
  expect(t.app.repos.plays.insert('chi-ma-led', events).inserted).toBe(PLAYS)
  const station = await stationSource(t.app, ['huu-nghi'])
  const pushed = await pushAlert(t.app, station, floodWarningNow())
  expect(pushed.statusCode, pushed.body).toBe(200)
  emergencyId = pushed.json().results[0].emergencyId
  await t.app.close()
  source = join(dir, DATABASE_FILE)
  copyFileSync(join(t.dataDir, DATABASE_FILE), source)
  rmSync(t.dataDir, { recursive: true, force: true })
  // The hard cases are there before the copy, so the copy is what the checks below measure.
  expect(sqlite(`SELECT cap_message_id FROM emergencies WHERE id = '${emergencyId}'`)[0]).toEqual({
    cap_message_id: expect.any(String),
  })
  expect(sqlite("SELECT * FROM deleted_ids WHERE id = 'spare'")).toHaveLength(1)
}, 120_000)

afterAll(async () => {
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('copying the seeded SQLite database into PostgreSQL', () => {
  let url: string
  let result: CopyResult

  beforeAll(async () => {
    url = await freshDatabase()
    result = await copyToPostgres(source, url)
  }, 120_000)

  it('copies every table, with the same rows and checksum on both sides', () => {
    const tables = sqlite<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ).map((t) => t.name)
    expect(result.tables.map((t) => t.table).sort()).toEqual(tables)
    for (const table of result.tables) {
      expect(isSame(table), table.table).toBe(true)
      const [counted] = sqlite<{ n: number }>(`SELECT count(*) AS n FROM "${table.table}"`)
      expect(table.rows, table.table).toBe(counted?.n)
    }
    expect(result.tables.find((t) => t.table === 'audit_log')?.rows).toBeGreaterThan(0)
    expect(result.target).not.toContain('password')
  })

  it('counts each play once in play_days, as SQLite did', async () => {
    const [days] = await query<{ plays: string }>(url, 'SELECT sum(plays) AS plays FROM play_days')
    const [plays] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM plays')
    expect(Number(plays?.n)).toBe(PLAYS)
    expect(Number(days?.plays)).toBe(PLAYS)
  })

  it('keeps the emergency and the CAP message that raised it naming each other', async () => {
    const [row] = await query<{ cap: string; back: string }>(
      url,
      `SELECT e.cap_message_id AS cap, c.emergency_id AS back
       FROM emergencies e JOIN cap_messages c ON c.id = e.cap_message_id WHERE e.id = '${emergencyId}'`,
    )
    expect(row?.back).toBe(emergencyId)
  })

  it('tells a changed row apart: the checksum reads PostgreSQL’s rows themselves', async () => {
    const playlists = result.tables.find((t) => t.table === 'playlists')
    const sqliteDb = openSource(source)
    const store = await openPostgres(url, { migrations: PG_MIGRATIONS })
    try {
      const table = planCopy(sqliteDb, store).find((t) => t.name === 'playlists') as CopyTable
      expect(postgresChecksum(store, table).checksum).toBe(playlists?.checksum)
      store.prepare("UPDATE playlists SET name = 'Chào mừng' WHERE id = 'welcome-vi-zh'").run()
      expect(postgresChecksum(store, table).checksum).not.toBe(playlists?.checksum)
      store.prepare('UPDATE playlists SET name = ? WHERE id = ?').run(NAME, 'welcome-vi-zh')
      expect(postgresChecksum(store, table)).toEqual({ rows: playlists?.rows, checksum: playlists?.checksum })
    } finally {
      store.close()
      sqliteDb.close()
    }
  })

  it('is served by an app on PostgreSQL: sign-in, the seeded sites, deleted ids refused, audit continuing', async () => {
    const [copied] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM audit_log')
    expect(Number(copied?.n)).toBe(sqlite<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0]?.n)
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-to-pg-app-'))
    const app = await buildApp({
      dataDir,
      databaseUrl: url,
      rateLimitPerMinute: 0,
      socketMessagesPerMinute: 0,
    })
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: TEST_PASSWORD },
      })
      expect(login.statusCode, login.body).toBe(200)
      const cookie = login.cookies.find((c) => c.name === 'gatecast_session')
      const headers = { cookie: `gatecast_session=${cookie?.value}` }
      const sites = await app.inject({ url: '/api/sites', headers })
      expect(sites.statusCode, sites.body).toBe(200)
      expect(sites.body).toContain('Cửa khẩu Tân Thanh')
      expect(sites.body).toContain('友谊国际口岸')
      const playlist = await app.inject({ url: '/api/playlists/welcome-vi-zh', headers })
      expect(playlist.json().name).toBe(NAME)

      // The triggers are on again: a deleted id stays refused, a new play is counted once.
      const newPlaylist = (id: string, name: string) =>
        app.inject({ method: 'POST', url: '/api/playlists', headers, payload: { id, name, items: [] } })
      const again = await newPlaylist('spare', 'Again')
      expect(again.statusCode, again.body).toBe(409)
      expect(again.json().details).toMatchObject({ code: 'id-of-deleted', id: 'spare' })
      app.repos.plays.insert('chi-ma-led', [playEvent()])
      const [days] = await query<{ plays: string }>(url, 'SELECT sum(plays) AS plays FROM play_days')
      expect(Number(days?.plays)).toBe(PLAYS + 1)

      // The audit log's next entry continues after the copied ones.
      const copiedMax = sqlite<{ seq: number }>('SELECT max(seq) AS seq FROM audit_log')[0]?.seq as number
      const created = await newPlaylist('after-move', 'After')
      expect(created.statusCode, created.body).toBe(201)
      const added = await query<{ seq: string }>(
        url,
        `SELECT seq FROM audit_log WHERE seq > ${copiedMax} ORDER BY seq`,
      )
      expect(added.length).toBeGreaterThan(0)
      expect(Number(added[0]?.seq)).toBe(copiedMax + 1)
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses a target that already holds Gatecast data, writing nothing', async () => {
    const [before] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM playlists')
    expect(await refusal(copyToPostgres(source, url))).toMatch(
      /already holds Gatecast data.*empty database is required/,
    )
    const [after] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM playlists')
    expect(after?.n).toBe(before?.n)
  })
})

describe('what the copy refuses before writing', () => {
  it('a missing file, a file that is not SQLite, and a SQLite file that is not Gatecast’s', async () => {
    const url = await freshDatabase()
    expect(await refusal(copyToPostgres(join(dir, 'nowhere.sqlite'), url))).toMatch(/^No SQLite database at /)
    const text = join(dir, 'notes.sqlite')
    writeFileSync(text, 'not a database at all, but long enough to have a header of its own '.repeat(4))
    expect(await refusal(copyToPostgres(text, url))).toMatch(/is not a SQLite database/)
    const other = join(dir, 'other.sqlite')
    new Database(other).exec('CREATE TABLE notes (text TEXT)').close()
    expect(await refusal(copyToPostgres(other, url))).toMatch(/is not a Gatecast database/)
  })

  it('a database at an older schema version, telling to upgrade it on SQLite first', async () => {
    const old = join(dir, 'old.sqlite')
    const db = new Database(old)
    migrate(db, MIGRATIONS.slice(0, -1))
    db.close()
    const message = await refusal(copyToPostgres(old, await freshDatabase()))
    expect(message).toContain(`schema version ${MIGRATIONS.length - 1}`)
    expect(message).toContain('start the server once on SQLite')
  })

  it('a SQLite table or column PostgreSQL lacks, naming it', async () => {
    const url = await freshDatabase()
    const extra = (name: string, sql: string) => {
      const file = join(dir, name)
      copyFileSync(source, file)
      new Database(file).exec(sql).close()
      return file
    }
    const table = extra('extra-table.sqlite', 'CREATE TABLE visitor_notes (id TEXT PRIMARY KEY)')
    expect(await refusal(copyToPostgres(table, url))).toMatch(/SQLite table visitor_notes has no twin/)
    const column = extra('extra-column.sqlite', 'ALTER TABLE sites ADD COLUMN motto TEXT')
    expect(await refusal(copyToPostgres(column, url))).toMatch(/table sites has no column motto/)
    const [sites] = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM sites')
    expect(sites?.n).toBe('0')
  })

  it('a PostgreSQL that cannot be reached, never showing the password', async () => {
    const url = `postgres://gatecast:s3cret-pw@127.0.0.1:${await freePort()}/gatecast`
    const message = await refusal(copyToPostgres(source, url))
    expect(message).toMatch(
      /^PostgreSQL at postgres:\/\/gatecast:\*\*\*@127\.0\.0\.1:\d+\/gatecast cannot be reached/,
    )
    expect(message).not.toContain('s3cret-pw')
    for (const bad of [
      'mysql://gatecast:s3cret-pw@db/gatecast',
      'postgres://gatecast:s3cret-pw@db',
      'not an address',
    ]) {
      const refused = await refusal(copyToPostgres(source, bad))
      expect(refused).toMatch(/^--to must be a postgres:\/\/ address/)
      expect(refused).not.toContain('s3cret-pw')
    }
  })

  it('leaves the target empty when PostgreSQL refuses a row midway', async () => {
    // SQLite keeps a NUL inside text; PostgreSQL's text cannot hold one.
    const broken = join(dir, 'broken.sqlite')
    copyFileSync(source, broken)
    const db = new Database(broken)
    db.prepare("UPDATE playlists SET name = ? WHERE id = 'welcome-vi-zh'").run('nul\u0000here')
    db.close()
    const url = await freshDatabase()
    await expect(copyToPostgres(broken, url)).rejects.toThrow()
    const counts = await query<{ n: string }>(
      url,
      'SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM playlists) AS n',
    )
    expect(counts[0]?.n).toBe('0')
    // Nothing was left behind: the same target takes a good copy afterwards.
    expect((await copyToPostgres(source, url)).tables.every(isSame)).toBe(true)
  })
})

describe('the report', () => {
  const table = (
    name: string,
    rows: number,
    checksum: string,
    targetRows = rows,
    targetChecksum = checksum,
  ) => ({
    table: name,
    rows,
    checksum,
    targetRows,
    targetChecksum,
  })

  it('lists the tables by name, names a difference and counts it in the totals', () => {
    const text = formatResult(
      {
        schemaVersion: 27,
        target: 'postgres://gatecast@db/gatecast',
        tables: [
          table('sites', 3, 'a'.repeat(64)),
          table('audit_log', 11, 'b'.repeat(64), 10, 'c'.repeat(64)),
        ],
      },
      1234,
    )
    expect(text.split('\n')).toEqual([
      'table      rows  checksum      check',
      `audit_log    11  ${'b'.repeat(12)}  DIFFERENT (PostgreSQL: 10 rows, ${'c'.repeat(12)})`,
      `sites         3  ${'a'.repeat(12)}  same`,
      '2 tables, 14 rows, 1 different, in 1.2 s',
    ])
  })
})

describe('npm run to-postgres (the bundled command)', () => {
  const command = join(ROOT, 'dist/server/to-postgres.js')

  it('copies the database of DATA_DIR, prints the table and exits 0; refuses a second time with exit 2', async () => {
    const url = await freshDatabase()
    const env = { ...process.env, DATA_DIR: dir }
    const done = await run('node', [command, '--to', url], { env })
    expect(done.stdout).toMatch(/^audit_log +\d+ +[0-9a-f]{12} +same$/m)
    expect(done.stdout).toMatch(/^\d+ tables, \d+ rows, all the same, in \d+\.\d s$/m)
    const refused = await run('node', [command, '--to', url, '--from', source], { env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )
    expect(refused?.code).toBe(2)
    expect(refused?.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused?.stderr).toMatch(/^Copy refused: .*already holds Gatecast data/)
  })
})

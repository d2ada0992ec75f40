import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { PlayEvent } from '@playlists/events'
import { listFiles } from '@server/backup/backup'
import { sha256File } from '@server/backup/inspection'
import { RestoreRefused, restoreBackup } from '@server/backup/restore'
import { ConfigError, loadConfig } from '@server/config'
import { ROOT } from '@server/paths'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * Backups taken while the server writes, restored elsewhere and compared with the original;
 * restores that must be refused; retention; the API and the shell commands.
 */

const run = promisify(execFile)
let t: TestApp
const tmp: string[] = []
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tmp.push(dir)
  return dir
}

beforeAll(async () => {
  t = await createTestApp({ seed: true, backups: { dir: undefined } })
})
afterAll(async () => {
  await t?.close()
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true })
})

/** Every row of every table, as sorted JSON lines: what "the same data" means here. */
function dump(file: string, skip: string[] = []): Record<string, string[]> {
  const db = new Database(file, { readonly: true })
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
    const out: Record<string, string[]> = {}
    for (const table of tables.filter((x) => !skip.includes(x)))
      out[table] = (db.prepare(`SELECT * FROM "${table}"`).all() as object[])
        .map((r) => JSON.stringify(r))
        .sort()
    return out
  } finally {
    db.close()
  }
}

const playBatch = (from: number, n: number): PlayEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    zoneId: 'main',
    itemId: 'load',
    playlistId: 'load',
    documentVersion: 1,
    // The sequence number is the start: a consistent snapshot holds 0…k with no gap.
    startMs: 1_790_000_000_000 + from + i,
    endMs: 1_790_000_000_000 + from + i,
  }))

describe('online backup under write load, then restore', () => {
  let backupDir: string
  let beforeCount: number
  let writtenTotal: number
  let writtenDuring: number

  beforeAll(async () => {
    let seq = 0
    let stop = false
    const writer = (async () => {
      while (!stop) {
        t.app.repos.plays.insert('chi-ma-led', playBatch(seq, 25))
        seq += 25
        await new Promise((r) => setImmediate(r))
      }
    })()
    while (seq < 500) await new Promise((r) => setImmediate(r))
    beforeCount = seq
    const manifest = await t.app.backups.run()
    // The writer kept going while the backup ran (it is online, not a pause of the server).
    const after = seq
    writtenDuring = after - beforeCount
    while (seq < after + 200) await new Promise((r) => setImmediate(r))
    stop = true
    await writer
    writtenTotal = seq
    backupDir = join(t.app.backups.dir, manifest.name)
  })

  it('holds a consistent snapshot taken while plays kept arriving', () => {
    const db = new Database(join(backupDir, 'gatecast.sqlite'), { readonly: true })
    const starts = db
      .prepare("SELECT start_ms FROM plays WHERE item_id = 'load' ORDER BY start_ms")
      .pluck()
      .all() as number[]
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
    expect(writtenDuring).toBeGreaterThan(0)
    expect(starts.length).toBeGreaterThanOrEqual(beforeCount)
    expect(starts.length).toBeLessThan(writtenTotal)
    // A prefix of the sequence: no batch half in, none skipped.
    expect(starts.every((s, i) => s === 1_790_000_000_000 + i)).toBe(true)
    expect(starts.length % 25).toBe(0)
  })

  it('restores into another data folder with the same rows and the same media files', async () => {
    const target = tempDir('gatecast-restore-')
    const { manifest, setAside } = await restoreBackup(backupDir, target, Date.now())
    expect(setAside).toBeNull()
    const source = join(t.dataDir, 'gatecast.sqlite')
    const restored = join(target, 'gatecast.sqlite')
    // Everything but the table written during the backup (and its daily totals) is identical…
    expect(dump(restored, ['plays', 'play_days'])).toEqual(dump(source, ['plays', 'play_days']))
    // …and that one is the snapshot's prefix.
    const restoredPlays = dump(restored).plays!
    expect(restoredPlays).toHaveLength(manifest.rows.plays!)
    const sourcePlays = new Set(dump(source).plays)
    for (const row of restoredPlays) expect(sourcePlays.has(row)).toBe(true)

    const sourceMedia = await listFiles(join(t.dataDir, 'media'))
    expect(sourceMedia.length).toBeGreaterThan(0)
    expect(await listFiles(join(target, 'media'))).toEqual(sourceMedia)
    for (const file of sourceMedia)
      expect(await sha256File(join(target, 'media', file))).toBe(
        await sha256File(join(t.dataDir, 'media', file)),
      )
  })

  it('serves the restored data from a server started on it', async () => {
    const target = tempDir('gatecast-restore-')
    await restoreBackup(backupDir, target, Date.now())
    const { buildApp } = await import('@server/app')
    const app = await buildApp({ dataDir: target, admin: { username: 'admin', password: 'x'.repeat(12) } })
    try {
      const doc = await app.inject({
        method: 'GET',
        url: '/api/screens/chi-ma-led/document',
        headers: { authorization: `Bearer ${t.team.admin.token}` },
      })
      expect(doc.statusCode).toBe(200)
      const [medium] = app.repos.media.list()
      const file = await app.inject({ method: 'GET', url: medium!.url })
      expect(file.statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('sets the data that was there aside instead of deleting it', async () => {
    const target = tempDir('gatecast-restore-')
    writeFileSync(join(target, 'gatecast.sqlite'), 'the old database')
    const { setAside } = await restoreBackup(backupDir, target, Date.parse('2026-11-26T10:00:00Z'))
    expect(setAside).toBe(join(target, 'pre-restore-2026-11-26T10-00-00-000Z'))
    expect(readFileSync(join(setAside!, 'gatecast.sqlite'), 'utf8')).toBe('the old database')
  })
})

describe('restores that must be refused', () => {
  const copyOf = async () => {
    const manifest = await t.app.backups.run(Date.now() + Math.floor(Math.random() * 1e9))
    const copy = tempDir('gatecast-bad-backup-')
    await run('cp', ['-a', `${join(t.app.backups.dir, manifest.name)}/.`, copy])
    return copy
  }
  const refusal = (source: string) =>
    restoreBackup(source, tempDir('gatecast-restore-'), Date.now()).then(
      () => null,
      (e: unknown) => e,
    )

  it('refuses a folder that is not a backup', async () => {
    expect(await refusal(tempDir('gatecast-empty-'))).toBeInstanceOf(RestoreRefused)
  })

  it('refuses a database changed after the backup', async () => {
    const copy = await copyOf()
    writeFileSync(join(copy, 'gatecast.sqlite'), Buffer.alloc(4096))
    const error = await refusal(copy)
    expect(error).toBeInstanceOf(RestoreRefused)
    expect(String((error as Error).message)).toContain('does not match its manifest')
  })

  it('refuses a backup missing a media file its database names', async () => {
    const copy = await copyOf()
    const file = readdirSync(join(copy, 'media')).find((f) => /^[0-9a-f]{64}\./.test(f))!
    rmSync(join(copy, 'media', file))
    expect(String(((await refusal(copy)) as Error).message)).toContain('lacks 1 media file')
  })

  it('refuses a backup made by a newer Gatecast, and leaves the target untouched', async () => {
    const copy = await copyOf()
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'))
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: 9999 }))
    const target = tempDir('gatecast-restore-')
    writeFileSync(join(target, 'gatecast.sqlite'), 'keep me')
    await expect(restoreBackup(copy, target, Date.now())).rejects.toThrow(/newer Gatecast/)
    expect(readFileSync(join(target, 'gatecast.sqlite'), 'utf8')).toBe('keep me')
  })
})

describe('backups: API, retention, settings and commands', () => {
  it('lets an admin back up now, records it, and refuses others', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/backups' })
    expect(made.statusCode).toBe(201)
    const { name } = made.json() as { name: string }
    expect(existsSync(join(t.app.backups.dir, name, 'manifest.json'))).toBe(true)
    const list = (await t.app.inject({ method: 'GET', url: '/api/backups' })).json() as {
      backups: { name: string }[]
    }
    expect(list.backups.map((b) => b.name)).toContain(name)
    expect(t.app.repos.audit.query({ action: 'backup.create', limit: 10 }).map((e) => e.objectId)).toContain(
      name,
    )
    const editor = await t.app.inject({ method: 'POST', url: '/api/backups', headers: t.team.editor.headers })
    expect(editor.statusCode).toBe(403)
  })

  it('runs one backup at a time: a second request meanwhile gets 409', async () => {
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/backups' }),
      t.app.inject({ method: 'POST', url: '/api/backups' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
  })

  it('keeps only the newest BACKUP_KEEP backups', async () => {
    const app = await createTestApp({ seed: false, backups: { keep: 2 } })
    try {
      for (const day of [1, 2, 3]) await app.app.backups.run(Date.parse(`2026-11-0${day}T02:30:00Z`))
      expect((await app.app.backups.list()).map((b) => b.createdAt)).toEqual([
        '2026-11-03T02:30:00.000Z',
        '2026-11-02T02:30:00.000Z',
      ])
    } finally {
      await app.close()
    }
  })

  it('reads the backup settings from the environment, refusing a bad schedule', () => {
    const config = loadConfig({ DATA_DIR: '/srv/gatecast', BACKUP_KEEP: '30', BACKUP_CRON: '0 3 * * *' })
    expect(config.backupDir).toBe('/srv/gatecast/backups')
    expect(config.backupKeep).toBe(30)
    expect(loadConfig({ BACKUP_CRON: 'off' }).backupCron).toBe('off')
    expect(loadConfig({ BACKUP_DIR: '/mnt/usb/gatecast' }).backupDir).toBe('/mnt/usb/gatecast')
    expect(() => loadConfig({ BACKUP_CRON: 'every night' })).toThrow(ConfigError)
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(ConfigError)
  })

  it('backs up and restores from the shell, refusing to restore under a running server', async () => {
    const dataDir = tempDir('gatecast-cli-')
    // A data folder with a database, as a stopped server leaves it.
    const source = await createTestApp({ seed: true })
    await source.app.backups.run()
    await source.app.close()
    await run('cp', ['-a', `${source.dataDir}/.`, dataDir])
    rmSync(source.dataDir, { recursive: true, force: true })

    const env = { ...process.env, DATA_DIR: dataDir, PORT: '1', BACKUP_KEEP: '5' }
    const made = await run('node', [join(ROOT, 'dist/server/backup-now.js')], { env })
    expect(made.stdout).toMatch(/Backed up to .*gatecast-/)
    const name = readdirSync(join(dataDir, 'backups'))
      .filter((n) => n.startsWith('gatecast-'))
      .sort()
      .at(-1)!

    const restored = await run(
      'node',
      [join(ROOT, 'dist/server/restore.js'), join(dataDir, 'backups', name)],
      {
        env,
      },
    )
    expect(restored.stdout).toContain(`Restored ${name}`)
    expect(readdirSync(dataDir).some((n) => n.startsWith('pre-restore-'))).toBe(true)

    // The test app listens: the restore must refuse.
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (t.app.server.address() as { port: number }).port
    const refused = await run(
      'node',
      [join(ROOT, 'dist/server/restore.js'), join(dataDir, 'backups', name)],
      {
        env: { ...env, PORT: String(port) },
      },
    ).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )
    expect(refused?.code).toBe(2)
    expect(refused?.stderr).toContain('Stop it first')
  })
})

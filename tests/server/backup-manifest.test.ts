import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BackupManifest } from '@playlists/schemas/backup'
import { RestoreRefused, restoreBackup } from '@server/backup/restore'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * A backup's manifest is built from its schema (playlists/schemas/backup.ts) and checked against
 * it before a restore touches anything: a manifest edited by hand, damaged, or from a format this
 * version does not know is refused with the field and what was expected, and the data folder it
 * would have replaced is left as it was.
 */

let t: TestApp
let made: BackupManifest
const dirs: string[] = []
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

beforeAll(async () => {
  t = await createTestApp({ seed: false })
  made = await t.app.backups.run(Date.parse('2026-12-01T02:30:00Z'))
})
afterAll(async () => {
  await t?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A copy of the backup whose manifest `edit` changed. */
function tampered(edit: (manifest: Record<string, unknown>) => void): string {
  const copy = tempDir('gatecast-tampered-')
  cpSync(join(t.app.backups.dir, made.name), copy, { recursive: true })
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as Record<string, unknown>
  edit(manifest)
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest))
  return copy
}

/** The refusal of restoring `source` over a data folder holding a database, which must survive it. */
async function refusal(source: string): Promise<string> {
  const target = tempDir('gatecast-restore-')
  writeFileSync(join(target, 'gatecast.sqlite'), 'keep me')
  const error = await restoreBackup(source, target, Date.now()).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RestoreRefused)
  expect(readFileSync(join(target, 'gatecast.sqlite'), 'utf8')).toBe('keep me')
  return (error as Error).message
}

describe('a backup manifest', () => {
  it('is written as its schema describes', () => {
    const written = JSON.parse(readFileSync(join(t.app.backups.dir, made.name, 'manifest.json'), 'utf8'))
    expect([...Compile(BackupManifest).Errors(written)]).toEqual([])
    expect(written).toEqual(made)
  })

  it('is refused when a field is missing, naming it', async () => {
    const message = await refusal(
      tampered((m) => {
        delete m.schemaVersion
      }),
    )
    expect(message).toContain('is not a valid backup manifest')
    expect(message).toContain('schemaVersion: missing')
  })

  it('is refused when a field has the wrong type, saying what was expected', async () => {
    const message = await refusal(
      tampered((m) => {
        ;(m.database as Record<string, unknown>).sha256 = 42
        m.schemaVersion = '999'
      }),
    )
    expect(message).toContain('database.sha256: must be string')
    expect(message).toContain('schemaVersion: must be integer')
  })

  it('is refused when it has a field this format does not know', async () => {
    const message = await refusal(
      tampered((m) => {
        m.encryption = { cipher: 'aes-256-gcm' }
      }),
    )
    expect(message).toContain('encryption: not a field of backup format 1')
  })

  it('from an unknown format is refused as such, before its fields are judged', async () => {
    const message = await refusal(
      tampered((m) => {
        m.format = 2
        m.encryption = { cipher: 'aes-256-gcm' }
      }),
    )
    expect(message).toBe('Backup format 2 is not one this Gatecast reads (1).')
  })

  it('that does not match is left out of the API list rather than failing it', async () => {
    const bad = join(t.app.backups.dir, 'gatecast-2026-11-30T02-30-00-000Z')
    cpSync(join(t.app.backups.dir, made.name), bad, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(bad, 'manifest.json'), 'utf8'))
    delete manifest.rows
    writeFileSync(
      join(bad, 'manifest.json'),
      JSON.stringify({ ...manifest, name: 'gatecast-2026-11-30T02-30-00-000Z' }),
    )
    const res = await t.app.inject({ method: 'GET', url: '/api/backups' })
    expect(res.statusCode).toBe(200)
    expect((res.json() as { backups: { name: string }[] }).backups.map((b) => b.name)).toEqual([made.name])
  })
})

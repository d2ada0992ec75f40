import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '@server/app'
import { SCHEMA_VERSION } from '@server/db/migrate'
import { DATABASE_FILE } from '@server/plugins/db'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { firstAdminHeaders } from '../helpers/app'
import { sqliteStore } from '../helpers/sqlite'

/**
 * Safe upgrades (issue 8, item 5): a database written by Gatecast at schema version 7 (commit
 * d4c3426: the seed, plus a playlist published twice with an unpublished draft on top, a schedule
 * entry, a publication set for 30 November, an emergency message and two plays) is upgraded by
 * this version: backed up first, migrated, and everything in it is still there and still airs.
 */
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'gatecast-v7.sqlite')
/** The instant the fixture was made at. */
const MADE = Date.UTC(2026, 10, 20, 1, 0, 0)

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gatecast-upgrade-'))
  copyFileSync(FIXTURE, join(dataDir, DATABASE_FILE))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe('upgrading a version-7 database', () => {
  it('backs the database up before migrating it, once', async () => {
    const app = await buildApp({ dataDir, clock: () => MADE })
    await app.close()
    const backups = readdirSync(join(dataDir, 'backups'))
    expect(backups).toEqual([expect.stringMatching(/^gatecast-v7-\d{4}-\d\d-\d\dT[\d-]+Z\.sqlite$/)])
    const copy = new Database(join(dataDir, 'backups', backups[0] ?? ''), { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(7)
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
    // Already current: a second start copies nothing.
    const again = await buildApp({ dataDir, clock: () => MADE })
    await again.close()
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1)
  })

  it('keeps every site, screen, medium, playlist, schedule entry, emergency and play', async () => {
    const app = await buildApp({ dataDir, clock: () => MADE + 60_000 })
    try {
      expect(sqliteStore(app.db).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(sqliteStore(app.db).pragma('integrity_check', { simple: true })).toBe('ok')
      const headers = firstAdminHeaders(app)
      const get = async (url: string) => {
        const res = await app.inject({ method: 'GET', url, headers })
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
        return res.json()
      }
      expect((await get('/api/sites')).map((s: { id: string }) => s.id).sort()).toEqual([
        'chi-ma',
        'huu-nghi',
        'tan-thanh',
      ])
      expect(await get('/api/screens')).toHaveLength(5)
      expect(await get('/api/media')).toHaveLength(5)
      expect((await get('/api/playlists')).map((p: { id: string }) => p.id).sort()).toEqual([
        'clock',
        'evening',
        'gate-ticker',
        'tourism',
        'trade-investment',
        'welcome',
      ])
      // The unpublished draft is still a draft; screens still play what was published.
      const evening = await get('/api/playlists/evening')
      expect(evening.name).toBe('Buổi tối (nháp)')
      expect(evening.items.map((i: { id: string }) => i.id)).toEqual(['e3'])
      const chiMa = await get('/api/screens/chi-ma-led/document')
      expect(chiMa.rules).toEqual([expect.objectContaining({ id: 'evening-chi-ma', playlistId: 'evening' })])
      expect(chiMa.playlists.evening.items.map((i: { id: string }) => i.id)).toEqual(['e1', 'e2'])
      expect(await get('/api/emergencies')).toEqual([
        expect.objectContaining({
          text: expect.objectContaining({ vi: { title: 'Thông báo', body: 'Cửa khẩu đóng cửa tạm thời' } }),
        }),
      ])
      const from = new Date(MADE - 3_600_000).toISOString()
      const to = new Date(MADE + 3_600_000).toISOString()
      expect((await get(`/api/plays?screenId=tan-thanh-led&from=${from}&to=${to}`)).plays).toHaveLength(2)
    } finally {
      await app.close()
    }
  })

  it('carries out the publication set before the upgrade, at its instant', async () => {
    let now = MADE + 60_000
    const app = await buildApp({ dataDir, clock: () => now })
    try {
      const headers = firstAdminHeaders(app)
      const tourism = async () =>
        (await app.inject({ method: 'GET', url: '/api/screens/huu-nghi-wall/document', headers })).json()
          .playlists.tourism
      const before = await tourism()
      expect(before.items.map((i: { id: string }) => i.id)).not.toEqual(['t1'])
      now = MADE + 10 * 86_400_000
      app.jobs.run('publish-due')
      expect((await tourism()).items.map((i: { id: string }) => i.id)).toEqual(['t1'])
    } finally {
      await app.close()
    }
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DOCUMENT_FORMAT } from '@playlists/schemas/document'
import { buildApp } from '@server/app'
import { DatabaseTooNewError, MIGRATIONS, migrate, SCHEMA_VERSION } from '@server/db/migrate'
import { openDatabase } from '@server/db/open'
import { DATABASE_FILE } from '@server/plugins/db'
import { PlaylistsRepository } from '@server/repositories/playlists'
import { ScreensRepository } from '@server/repositories/screens'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { firstAdminHeaders } from '../helpers/app'

describe('database migrations', () => {
  it('brings a new database to the latest version and is idempotent', () => {
    const db = openDatabase(':memory:')
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
    // openDatabase hands out a Store; migrate works on the connection underneath.
    const raw = new Database(':memory:')
    expect(migrate(raw)).toEqual(MIGRATIONS.map((m) => m.version))
    expect(migrate(raw)).toEqual([])
    raw.close()
  })

  it('refuses a database written by a newer Gatecast, with a message saying what to do', () => {
    const db = new Database(':memory:')
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    expect(() => migrate(db)).toThrow(DatabaseTooNewError)
    expect(() => migrate(db)).toThrow(/written by a newer Gatecast/)
    db.close()
  })

  it('rolls back a failing migration whole, leaving the version where it was', () => {
    const db = new Database(':memory:')
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x INTEGER)')
          d.exec('THIS IS NOT SQL')
        },
      },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined()
    db.close()
  })

  it('finds a screen’s current document through the primary key, not a scan', () => {
    const db = openDatabase(':memory:')
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT body FROM published_documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1',
      )
      .all('x') as { detail: string }[]
    const details = plan.map((p) => p.detail).join(' ')
    // The document's row through its key, and its programme (migration 013) through that one's.
    expect(details).toMatch(/SEARCH d USING INDEX sqlite_autoindex_documents_1 \(screen_id=\?\)/)
    expect(details).toMatch(/SEARCH p USING INDEX sqlite_autoindex_document_programmes_1 \(id=\?\)/)
    expect(details).not.toMatch(/SCAN|TEMP B-TREE/)
    db.close()
  })
})

describe('migration 4: layouts and content kinds', () => {
  const NOW = Date.UTC(2026, 11, 1, 1)
  const STAMP = '2026-11-01T00:00:00.000Z'
  const IMAGE_SHA = 'a'.repeat(64)
  const VIDEO_SHA = 'b'.repeat(64)
  const gateText = {
    vi: { title: 'Chào mừng', body: 'Cửa khẩu Hữu Nghị' },
    zh: { title: '欢迎', body: '友谊关口岸' },
  }
  const noticeText = { vi: { title: 'Thông báo', body: '' } }

  /** A data folder holding a database as Gatecast left it at schema version 3, with content. */
  function dataDirAtVersion3(): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-migrate-'))
    const db = new Database(join(dataDir, DATABASE_FILE))
    db.pragma('foreign_keys = ON')
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toEqual([1, 2, 3])
    const insert = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values)
    insert(
      'INSERT INTO sites (id, name, time_zone, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      'gate',
      JSON.stringify({ vi: 'Hữu Nghị', zh: '友谊', en: 'Huu Nghi' }),
      'Asia/Ho_Chi_Minh',
      STAMP,
      STAMP,
    )
    const media = `INSERT INTO media (id, sha256, kind, content_type, ext, bytes, width, height, original_name,
      created_at, name, duration_ms, video_codec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    insert(
      media,
      'm-img',
      IMAGE_SHA,
      'image',
      'image/png',
      'png',
      1234,
      64,
      32,
      'gate.png',
      STAMP,
      'gate.png',
      null,
      null,
    )
    insert(
      media,
      'm-vid',
      VIDEO_SHA,
      'video',
      'video/mp4',
      'mp4',
      56789,
      1280,
      720,
      'clouds.mp4',
      STAMP,
      'clouds.mp4',
      6000,
      'h264',
    )
    insert(
      `INSERT INTO playlists (id, name, draft_revision, published_revision, published_at, created_at, updated_at)
       VALUES ('loop', 'Loop', 2, 1, ?, ?, ?)`,
      STAMP,
      STAMP,
      STAMP,
    )
    // The draft, in version 3's columns: fit and text beside every item.
    const item = `INSERT INTO playlist_items (playlist_id, position, id, kind, duration_ms, media_id, fit, text)
      VALUES ('loop', ?, ?, ?, ?, ?, ?, ?)`
    insert(item, 0, 'img', 'image', 5000, 'm-img', 'cover', null)
    insert(item, 1, 'vid', 'video', 6000, 'm-vid', 'stretch', null)
    insert(item, 2, 'sld', 'slide', 7000, 'm-img', 'contain', JSON.stringify(gateText))
    insert(item, 3, 'txt', 'slide', 8000, null, 'contain', JSON.stringify(noticeText))
    // The published revision, frozen in version 3's item shape (every field on every item).
    const old = (
      id: string,
      kind: string,
      durationMs: number,
      mediaId: string | null,
      fit: string,
      text: unknown,
    ) => ({
      id,
      kind,
      durationMs,
      mediaId,
      fit,
      text,
    })
    insert(
      `INSERT INTO playlist_revisions (playlist_id, revision, name, items, published_at) VALUES ('loop', 1, 'Loop', ?, ?)`,
      JSON.stringify([
        old('img', 'image', 5000, 'm-img', 'contain', null),
        old('vid', 'video', 6000, 'm-vid', 'cover', null),
        old('sld', 'slide', 7000, 'm-img', 'contain', gateText),
      ]),
      STAMP,
    )
    insert(
      `INSERT INTO screens (id, site_id, name, width, height, default_playlist_id, created_at, updated_at)
       VALUES ('led', 'gate', 'LED', 1920, 1080, 'loop', ?, ?)`,
      STAMP,
      STAMP,
    )
    insert(
      `INSERT INTO schedules (id, name, playlist_id, target_type, target_id, window_start, window_end, priority,
         created_at, updated_at) VALUES ('evening', 'Evening', 'loop', 'screen', 'led', '18:00', '22:00', 50, ?, ?)`,
      STAMP,
      STAMP,
    )
    // The screen's current document, in format 2: one default playlist, no layout.
    const body = {
      format: 2,
      screenId: 'led',
      version: 1,
      hash: 'c'.repeat(64),
      publishedAt: STAMP,
      screen: {
        id: 'led',
        name: 'LED',
        siteId: 'gate',
        width: 1920,
        height: 1080,
        timeZone: 'Asia/Ho_Chi_Minh',
      },
      epochMs: 0,
      defaultPlaylistId: 'loop',
      playlists: {},
      rules: [],
      overrides: [],
      horizon: { fromMs: 0, untilMs: NOW + 86_400_000 },
      assets: [],
    }
    insert(
      `INSERT INTO documents (screen_id, version, hash, body, published_at, horizon_until) VALUES ('led', 1, ?, ?, ?, ?)`,
      body.hash,
      JSON.stringify(body),
      STAMP,
      new Date(body.horizon.untilMs).toISOString(),
    )
    expect(db.pragma('user_version', { simple: true })).toBe(3)
    db.close()
    return dataDir
  }

  const imageRef = {
    id: 'm-img',
    url: `/media/${IMAGE_SHA}.png`,
    contentType: 'image/png',
    sha256: IMAGE_SHA,
    bytes: 1234,
    width: 64,
    height: 32,
    durationMs: null,
  }
  const videoRef = {
    id: 'm-vid',
    url: `/media/${VIDEO_SHA}.mp4`,
    contentType: 'video/mp4',
    sha256: VIDEO_SHA,
    bytes: 56789,
    width: 1280,
    height: 720,
    durationMs: 6000,
  }
  const draftItems = [
    { id: 'img', kind: 'image', durationMs: 5000, mediaId: 'm-img', fit: 'cover' },
    { id: 'vid', kind: 'video', durationMs: 6000, mediaId: 'm-vid', fit: 'stretch', sound: false },
    { id: 'sld', kind: 'slide', durationMs: 7000, mediaId: 'm-img', text: gateText, display: 'stacked' },
    { id: 'txt', kind: 'slide', durationMs: 8000, mediaId: null, text: noticeText, display: 'stacked' },
  ]
  const revisionItems = [
    { id: 'img', kind: 'image', durationMs: 5000, mediaId: 'm-img', fit: 'contain' },
    { id: 'vid', kind: 'video', durationMs: 6000, mediaId: 'm-vid', fit: 'cover', sound: false },
    { id: 'sld', kind: 'slide', durationMs: 7000, mediaId: 'm-img', text: gateText, display: 'stacked' },
  ]

  it('moves drafts and frozen revisions to the new item shape, losing nothing', () => {
    const dataDir = dataDirAtVersion3()
    try {
      const db = openDatabase(join(dataDir, DATABASE_FILE))
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)

      const columns = (db.prepare('PRAGMA table_info(playlist_items)').all() as { name: string }[]).map(
        (c) => c.name,
      )
      expect(columns).toEqual([
        'playlist_id',
        'position',
        'id',
        'kind',
        'duration_ms',
        'media_id',
        'settings',
      ])
      const rows = db
        .prepare(
          'SELECT position, id, kind, duration_ms, media_id, settings FROM playlist_items ORDER BY position',
        )
        .all() as { settings: string }[]
      expect(rows.map((r) => ({ ...r, settings: JSON.parse(r.settings) }))).toEqual([
        {
          position: 0,
          id: 'img',
          kind: 'image',
          duration_ms: 5000,
          media_id: 'm-img',
          settings: { fit: 'cover' },
        },
        {
          position: 1,
          id: 'vid',
          kind: 'video',
          duration_ms: 6000,
          media_id: 'm-vid',
          settings: { fit: 'stretch', sound: false },
        },
        {
          position: 2,
          id: 'sld',
          kind: 'slide',
          duration_ms: 7000,
          media_id: 'm-img',
          settings: { text: gateText, display: 'stacked' },
        },
        {
          position: 3,
          id: 'txt',
          kind: 'slide',
          duration_ms: 8000,
          media_id: null,
          settings: { text: noticeText, display: 'stacked' },
        },
      ])

      const playlists = new PlaylistsRepository(db, () => NOW)
      expect(playlists.get('loop')).toMatchObject({
        items: draftItems,
        draftRevision: 2,
        publishedRevision: 1,
        hasUnpublishedChanges: true,
      })
      // Published before approvals existed: now an approved version with the same number, on air.
      expect(
        db
          .prepare('SELECT object_type, object_id, number, state, decided_by FROM versions ORDER BY 1, 2')
          .all(),
      ).toEqual([
        { object_type: 'playlist', object_id: 'loop', number: 1, state: 'approved', decided_by: 'system' },
        { object_type: 'schedule', object_id: 'evening', number: 1, state: 'approved', decided_by: 'system' },
      ])
      expect(playlists.liveRevision('loop')).toEqual({
        playlistId: 'loop',
        revision: 1,
        name: 'Loop',
        items: revisionItems,
        publishedAt: STAMP,
      })

      expect(new ScreensRepository(db, () => NOW).get('led')).toMatchObject({
        defaultPlaylistId: 'loop',
        layoutId: null,
        audio: false,
      })
      expect(db.prepare("SELECT zone_id FROM schedules WHERE id = 'evening'").pluck().get()).toBe('main')
      expect(db.prepare('SELECT count(*) FROM layouts').pluck().get()).toBe(0)
      expect(db.prepare('SELECT count(*) FROM web_origins').pluck().get()).toBe(0)

      // The rebuilt table still protects media in use and still has its index.
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(() => db.prepare("DELETE FROM media WHERE id = 'm-vid'").run()).toThrow(/FOREIGN KEY/)
      const plan = db
        .prepare('EXPLAIN QUERY PLAN SELECT playlist_id FROM playlist_items WHERE media_id = ?')
        .all('m-img') as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/playlist_items_media/)
      db.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('recompiles a stored format-2 document in the current format when the app starts', async () => {
    const dataDir = dataDirAtVersion3()
    try {
      const app = await buildApp({ dataDir, clock: () => NOW })
      const headers = firstAdminHeaders(app)
      const doc = (await app.inject({ method: 'GET', url: '/api/screens/led/document', headers })).json()
      expect(doc).toMatchObject({
        format: DOCUMENT_FORMAT,
        version: 2,
        screen: { id: 'led', width: 1920, height: 1080, audio: false },
        layout: { id: null, zones: [{ id: 'main', defaultPlaylistId: 'loop' }] },
        rules: [{ id: 'evening', zoneId: 'main', playlistId: 'loop' }],
      })
      expect(doc.defaultPlaylistId).toBeUndefined()
      // Screens play the frozen revision, in the document's item shape.
      expect(doc.playlists.loop.revision).toBe(1)
      expect(doc.playlists.loop.items).toEqual([
        { id: 'img', kind: 'image', durationMs: 5000, fit: 'contain', media: imageRef },
        { id: 'vid', kind: 'video', durationMs: 6000, fit: 'cover', sound: false, media: videoRef },
        { id: 'sld', kind: 'slide', durationMs: 7000, text: gateText, display: 'stacked', media: imageRef },
      ])
      expect(doc.assets.map((a: { url: string }) => a.url)).toEqual([imageRef.url, videoRef.url])

      // The migrated draft reads, and publishes, like one saved by this version.
      expect((await app.inject({ method: 'GET', url: '/api/playlists/loop', headers })).json().items).toEqual(
        draftItems,
      )
      // Through four eyes: the admin submits, another approver approves and publishes.
      const submitted = await app.inject({ method: 'POST', url: '/api/playlists/loop/submit', headers })
      expect(submitted.json()).toMatchObject({ number: 2, state: 'submitted' })
      const approver = app.repos.users.create({
        username: 'second',
        displayName: 'Second pair of eyes',
        role: 'approver',
        passwordHash: 'unused',
      })
      const token = app.repos.apiTokens.create({ name: 'test', userId: approver.id, role: 'approver' })
      const as = { authorization: `Bearer ${token.secret}` }
      const approved = await app.inject({
        method: 'POST',
        url: '/api/playlists/loop/versions/2/approve',
        headers: as,
      })
      expect(approved.statusCode, approved.body).toBe(200)
      const published = await app.inject({ method: 'POST', url: '/api/playlists/loop/publish', headers: as })
      expect(published.json().screens).toEqual([expect.objectContaining({ screenId: 'led', version: 3 })])
      await app.close()

      // A second start finds nothing left to upgrade.
      const again = await buildApp({ dataDir, clock: () => NOW })
      const latest = (
        await again.inject({
          method: 'GET',
          url: '/api/screens/led/document',
          headers: firstAdminHeaders(again),
        })
      ).json()
      expect(latest).toMatchObject({ format: DOCUMENT_FORMAT, version: 3 })
      expect(latest.playlists.loop.items.map((i: { id: string }) => i.id)).toEqual([
        'img',
        'vid',
        'sld',
        'txt',
      ])
      await again.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

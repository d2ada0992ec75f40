import type { ScreenDocument } from '@playlists/schemas/document'
import { contentHash, programmeTail } from '@server/repositories/documents'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * Documents stored in two parts (migration 013): screens that share a programme share one
 * compile and one stored copy of it, and each still gets exactly the document it would get on
 * its own — same content, same hash — so sharing changes nothing a player or a preview sees.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ seed: true })
  const { repos } = t.app
  const slide = (title: string) => ({
    id: 's1',
    kind: 'slide',
    durationMs: 10_000,
    text: {
      vi: { title: `Chào ${title}` },
      zh: { title: `欢迎 ${title}` },
      en: { title: `Welcome ${title}` },
    },
  })
  repos.playlists.create({ id: 'shared', name: 'Shared', items: [slide('shared')] } as never)
  repos.playlists.create({ id: 'other', name: 'Other', items: [slide('other')] } as never)
  t.app.approvals.approveAsSystem(
    [
      { type: 'playlist', id: 'shared' },
      { type: 'playlist', id: 'other' },
    ],
    'test setup',
  )
  for (let i = 0; i < 4; i++) {
    repos.screens.create({
      id: `wall-${i}`,
      siteId: 'huu-nghi',
      name: `Wall ${i}`,
      width: 1920 + i,
      height: 1080,
      defaultPlaylistId: 'shared',
      // One panel keeps Beijing time: its own part says so; the shared part is the same.
      ...(i === 3 ? { timeZone: 'Asia/Shanghai' } : {}),
    } as never)
  }
  repos.screens.create({
    id: 'wall-other',
    siteId: 'huu-nghi',
    name: 'Other wall',
    width: 1080,
    height: 1920,
    defaultPlaylistId: 'other',
  } as never)
  // An entry aimed at one panel only: that panel's programme differs from its neighbours'.
  repos.schedules.create({
    id: 'sch-wall-1',
    name: 'Evening on wall 1',
    playlistId: 'other',
    target: { type: 'screen', id: 'wall-1' },
    window: { start: '18:00', end: '22:00' },
  } as never)
  t.app.approvals.approveAsSystem([{ type: 'schedule', id: 'sch-wall-1' }], 'test setup')
})
afterAll(() => t?.close())

const WALLS = ['wall-0', 'wall-1', 'wall-2', 'wall-3', 'wall-other']
const row = (screenId: string) =>
  t.app.db
    .prepare(
      'SELECT version, programme_id AS programme FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1',
    )
    .get(screenId) as { version: number; programme: string | null }
const programmes = () => t.app.db.prepare('SELECT count(*) FROM document_programmes').pluck().get() as number
const withoutStamp = ({ version: _v, publishedAt: _p, ...rest }: ScreenDocument) => rest

describe('documents stored as a shared programme and a screen’s own part', () => {
  it('gives each screen the document it would get alone, hash included', () => {
    t.app.publisher.republish(WALLS)
    const now = t.app.clock()
    for (const id of WALLS) {
      const stored = t.app.repos.documents.latest(id)!
      const alone = t.app.publisher.preview(id, now)
      expect(withoutStamp(stored)).toEqual(withoutStamp(alone))
      const { version: _v, hash, publishedAt: _p, ...content } = stored
      expect(hash).toBe(contentHash(content))
    }
    const doc = (id: string) => t.app.repos.documents.latest(id)!
    expect(doc('wall-3').screen.timeZone).toBe('Asia/Shanghai')
    expect(doc('wall-0').screen.timeZone).toBe('Asia/Ho_Chi_Minh')
    expect(doc('wall-1').rules.map((r) => r.id)).toEqual(['sch-wall-1'])
    expect(doc('wall-0').rules).toEqual([])
  })

  it('stores one programme for the screens that share it', () => {
    const ids = WALLS.map((id) => row(id).programme)
    expect(ids.every((p) => p !== null)).toBe(true)
    // Walls 0, 2 and 3 share theirs (a panel's own time zone is its own part); 1 and "other" differ.
    expect(ids[0]).toBe(ids[2])
    expect(ids[0]).toBe(ids[3])
    expect(new Set(ids).size).toBe(3)
    const heads = t.app.db
      .prepare('SELECT body FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1')
      .pluck()
    // The screen's own row holds only its part, a small fraction of the whole.
    const head = JSON.parse(heads.get('wall-0') as string)
    expect(Object.keys(head).sort()).toEqual(['hash', 'publishedAt', 'screen', 'screenId', 'version'])
  })

  it('writes nothing for unchanged content, and only a screen’s own part when only it changed', () => {
    const before = WALLS.map((id) => row(id).version)
    const count = programmes()
    expect(t.app.publisher.republish(WALLS)).toEqual([])
    t.app.repos.screens.update('wall-2', { ...t.app.repos.screens.get('wall-2'), name: 'Wall two' } as never)
    const pushed = t.app.publisher.republish(WALLS)
    expect(pushed.map((d) => d.screenId)).toEqual(['wall-2'])
    const { head, programme } = pushed[0]!
    expect(JSON.parse(head + programmeTail(programme.json))).toEqual(t.app.repos.documents.latest('wall-2'))
    expect(row('wall-2')).toEqual({ version: before[2]! + 1, programme: row('wall-0').programme })
    expect(programmes()).toBe(count)
  })

  it('gives each changed screen of a batch its next version, one instant for all, and skips a screen that is gone', () => {
    const before = WALLS.map((id) => row(id).version)
    for (const id of ['wall-0', 'wall-other'])
      t.app.repos.screens.update(id, { ...t.app.repos.screens.get(id), name: `Renamed ${id}` } as never)
    const pushed = t.app.publisher.republish([...WALLS, 'no-such-wall'])
    expect(pushed.map((d) => [d.screenId, d.version])).toEqual([
      ['wall-0', before[0]! + 1],
      ['wall-other', before[4]! + 1],
    ])
    expect(new Set(pushed.map((d) => d.publishedAt)).size).toBe(1)
    expect(WALLS.map((id) => row(id).version)).toEqual([
      before[0]! + 1,
      ...before.slice(1, 4),
      before[4]! + 1,
    ])
  })

  it('still reads a document stored whole before programmes existed, and replaces it', () => {
    const current = t.app.repos.documents.latest('wall-other')!
    const legacy = { ...current, version: current.version + 1, screen: { ...current.screen, name: 'Old' } }
    t.app.db
      .prepare(
        `INSERT INTO documents (screen_id, version, hash, body, published_at, horizon_until)
         VALUES (?, ?, 'legacy', ?, ?, NULL)`,
      )
      .run('wall-other', legacy.version, JSON.stringify(legacy), legacy.publishedAt)
    expect(t.app.repos.documents.latest('wall-other')).toEqual(legacy)
    expect(t.app.repos.documents.json('wall-other', current.version)).toBe(JSON.stringify(current))
    const [pushed] = t.app.publisher.republish(['wall-other'])
    expect(pushed?.version).toBe(legacy.version + 1)
    const latest = t.app.repos.documents.latest('wall-other')!
    expect(withoutStamp(latest)).toEqual(withoutStamp(current))
    expect(row('wall-other').programme).not.toBeNull()
  })
})

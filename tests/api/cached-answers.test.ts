import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Store } from '@server/db/store'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, openSameDatabase, type TestApp } from '../helpers/app'

/**
 * Answers kept in memory while the database is unchanged (server/db/fresh-cache.ts): a screen's
 * document and the playlists list. Each is read once for many requests, and a change through
 * this server or through another process sharing the database shows on the next request.
 */

let t: TestApp
/** Another process's connection to the same database (another node's, on PostgreSQL). */
let other: Store
const SCREEN = 'chi-ma-led'

beforeAll(async () => {
  t = await createTestApp({ seed: true })
  other = await openSameDatabase(t)
})
afterAll(async () => {
  other?.close()
  await t?.close()
})

const documentVersion = async () => {
  const res = await t.app.inject({ url: `/api/screens/${SCREEN}/document` })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { version: number }).version
}
const playlistNames = async () => {
  const res = await t.app.inject({ url: '/api/playlists' })
  expect(res.statusCode, res.body).toBe(200)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  return (res.json() as { name: string }[]).map((p) => p.name)
}

describe("a screen's document", () => {
  it('is read from the database once for many requests', async () => {
    await documentVersion()
    const prepare = vi.spyOn(t.app.db, 'prepare')
    for (let i = 0; i < 5; i++) await documentVersion()
    expect(prepare.mock.calls.filter(([sql]) => String(sql).includes('FROM documents'))).toHaveLength(0)
    prepare.mockRestore()
  })

  it('is the new version as soon as another node stored one', async () => {
    const before = await documentVersion()
    // What another node's publish leaves: a newer row for the screen.
    other
      .prepare(
        `INSERT INTO documents (screen_id, version, hash, body, programme_id, published_at)
         SELECT screen_id, version + 1, hash,
                replace(body, '"version":' || version, '"version":' || (version + 1)),
                programme_id, published_at
         FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1`,
      )
      .run(SCREEN)
    await nextTurn()
    expect(await documentVersion()).toBe(before + 1)
  })
})

describe('the playlists list', () => {
  it('is built once for many requests, and is the same answer', async () => {
    const first = await playlistNames()
    const list = vi.spyOn(t.app.repos.playlists, 'list')
    for (let i = 0; i < 5; i++) expect(await playlistNames()).toEqual(first)
    expect(list).not.toHaveBeenCalled()
    list.mockRestore()
  })

  it('shows a playlist created through the API on the next request', async () => {
    await playlistNames()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'Đêm hội chợ', items: [] },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(await playlistNames()).toContain('Đêm hội chợ')
  })

  it('shows a rename made by another process sharing the database', async () => {
    await playlistNames()
    other.prepare("UPDATE playlists SET name = 'Renamed elsewhere' WHERE name = 'Đêm hội chợ'").run()
    await nextTurn()
    const names = await playlistNames()
    expect(names).toContain('Renamed elsewhere')
    expect(names).not.toContain('Đêm hội chợ')
  })
})

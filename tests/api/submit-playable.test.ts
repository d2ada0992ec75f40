import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, slide, succeed, type TestApp } from '../helpers/app'
import { withoutForeignKeys } from '../helpers/sqlite'

/**
 * Issue 17: a playlist that would show nothing cannot be submitted for approval, and neither can
 * one holding items that could not play: an approver approves exactly what will air. The refusal
 * is a 409 whose details carry a code the console translates, and nothing is frozen.
 */
let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const GOV = 'https://www.langson.gov.vn'
const page = (id: string) => ({ id, kind: 'web' as const, durationMs: 20_000, url: `${GOV}/tin-tuc` })

const submit = (id: string) =>
  t.app.inject({ method: 'POST', url: `/api/playlists/${id}/submit`, headers: t.team.editor.headers })
const versions = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/playlists/${id}/versions` })).json() as unknown[]

describe('submitting a playlist for approval', () => {
  it('refuses an empty playlist with 409 "empty-playlist", saying why, and freezes no version', async () => {
    await succeed(t.app, 'POST', '/api/playlists', { id: 'blank', name: 'Blank', items: [] }, t.team.editor)
    const res = await submit('blank')
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({
      message: expect.stringMatching(/has no items.*nothing to show/),
      details: { code: 'empty-playlist', playlistId: 'blank' },
      code: 'playlist.empty',
      params: { id: 'blank' },
    })
    expect(await versions('blank')).toEqual([])

    // Once it has an item, the same draft goes through.
    await succeed(t.app, 'PUT', '/api/playlists/blank', { name: 'Blank', items: [slide('s1', 'Xin chào')] })
    expect((await submit('blank')).statusCode).toBe(201)
  })

  it('refuses a playlist whose page origin left the allow-list, naming each item, until it is removed', async () => {
    await succeed(t.app, 'PUT', '/api/web-origins', { origins: [GOV] })
    const items = [slide('s1', 'Chào mừng'), page('news'), slide('s2', 'Giờ mở cửa'), page('weather')]
    await succeed(t.app, 'POST', '/api/playlists', { id: 'info', name: 'Info', items }, t.team.editor)
    // An admin withdraws the origin after the draft was saved.
    await succeed(t.app, 'PUT', '/api/web-origins', { origins: [] })

    const res = await submit('info')
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/2 items cannot play: items\[1\].*items\[3\]/)
    // The values a console needs to say as much in its own words.
    expect(res.json()).toMatchObject({
      code: 'playlist.unplayable',
      params: { id: 'info', count: 2, items: 'news, weather' },
    })
    expect(res.json().details).toEqual({
      code: 'unplayable-items',
      playlistId: 'info',
      items: [
        { index: 1, itemId: 'news', problem: 'web-origin-not-allowed' },
        { index: 3, itemId: 'weather', problem: 'web-origin-not-allowed' },
      ],
    })
    expect(await versions('info')).toEqual([])

    await succeed(t.app, 'PUT', '/api/playlists/info', { name: 'Info', items: [items[0], items[2]] })
    expect((await submit('info')).statusCode).toBe(201)
  })

  it('refuses a playlist whose every item lost its medium behind the server’s back', async () => {
    await succeed(t.app, 'POST', '/api/playlists', { id: 'pics', name: 'Pics', items: [slide('s1', 'x')] })
    // A hand-edited database: the item points at a medium that is not there.
    withoutForeignKeys(t.app.db, () => {
      t.app.db
        .prepare(
          "UPDATE playlist_items SET kind = 'image', media_id = 'm-gone', settings = ? WHERE id = 's1'",
        )
        .run(JSON.stringify({ fit: 'contain' }))
      t.app.db.prepare("UPDATE playlists SET draft_revision = draft_revision + 1 WHERE id = 'pics'").run()
    })
    const res = await submit('pics')
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().details).toEqual({
      code: 'unplayable-items',
      playlistId: 'pics',
      items: [{ index: 0, itemId: 's1', problem: 'medium-missing' }],
    })
  })

  it('does not hold schedule entries to the playlist rule', async () => {
    await succeed(t.app, 'POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'x')] })
    const entry = await t.app.inject({
      method: 'POST',
      url: '/api/schedules',
      payload: { id: 'evening', name: 'Evening', playlistId: 'loop', target: { type: 'all' } },
    })
    expect(entry.statusCode, entry.body).toBe(201)
    const res = await t.app.inject({ method: 'POST', url: '/api/schedules/evening/submit' })
    expect(res.statusCode, res.body).toBe(201)
  })
})

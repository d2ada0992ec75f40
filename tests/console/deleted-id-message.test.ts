import { ApiError } from '@console/api'
import { errorHeadline } from '@console/i18n/common'
import { language } from '@console/i18n/i18n'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, siteBody, succeed, type TestApp } from '../helpers/app'

/**
 * The sentence the console's create forms (playlists, schedule entries, layouts) show above the
 * server's own when an id belonged to a deleted object, decided from what the server really
 * answers: its code, never its English message.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/playlists', { id: 'main', name: 'Main', items: [] })
})
afterAll(() => t?.close())

const BODIES: [string, object][] = [
  ['/api/playlists', { name: 'P', items: [] }],
  ['/api/schedules', { name: 'S', playlistId: 'main', target: { type: 'all' } }],
  [
    '/api/layouts',
    { name: 'L', zones: [{ id: 'main', name: 'Main', x: 0, y: 0, width: 1, height: 1, playlistId: null }] },
  ],
]

describe('console: an id that belonged to a deleted object', () => {
  it.each(BODIES)('%s: says so in vi, zh and en', async (path, body) => {
    await succeed(t.app, 'POST', path, { ...body, id: 'old-one' })
    expect((await t.app.inject({ method: 'DELETE', url: `${path}/old-one` })).statusCode).toBe(204)
    const res = await t.app.inject({ method: 'POST', url: path, payload: { ...body, id: 'old-one' } })
    expect(res.statusCode, res.body).toBe(409)
    const { error, message, details } = res.json()
    const refusal = new ApiError(res.statusCode, error, message, details)
    const said = (lang: 'vi' | 'zh' | 'en') => {
      language.value = lang
      return errorHeadline(refusal)
    }
    expect(said('vi')).toBe(
      'Mã “old-one” từng thuộc về một mục đã bị xóa. Mã không bao giờ được dùng lại, để lịch sử của mục đó vẫn là của riêng nó: hãy chọn mã khác.',
    )
    expect(said('zh')).toBe(
      '编号“old-one”曾属于一个已删除的对象。编号永不重复使用，以保证其历史记录只属于它：请换一个编号。',
    )
    expect(said('en')).toMatch(
      /^The id “old-one” belonged to something that was deleted\. Ids are never reused/,
    )
    // Any other conflict keeps the status's sentence.
    expect(errorHeadline(new ApiError(409, 'Conflict', 'x', { screens: ['led'] }))).toBe(
      'This conflicts with what is already there.',
    )
  })
})

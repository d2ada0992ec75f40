import { MEDIA_TAGS_MAX, TAG_CHARS_MAX } from '@playlists/limits'
import { mediaSearchSql } from '@server/repositories/media'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, onPostgres, screenBody, siteBody, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { makePng } from '../helpers/files'
import { readVideo } from '../helpers/media'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

/** A multipart body with text fields first, then the file, as an upload form sends it. */
function form(fields: [string, string][], file: { filename: string; data: Buffer }) {
  const boundary = '----gatecastlibrary'
  const parts: Buffer[] = []
  for (const [name, value] of fields) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

const upload = (filename: string, data: Buffer, fields: [string, string][] = []) =>
  t.app.inject({ method: 'POST', url: '/api/media', ...form(fields, { filename, data }) })

const list = async (query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/media${query}` })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { name: string }[]).map((m) => m.name)
}

const patch = (id: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/media/${id}`, payload })

/** A small library: three images and a video, with Vietnamese names. */
async function library(): Promise<Record<string, string>> {
  const ids: Record<string, string> = {}
  const add = async (filename: string, data: Buffer, fields: [string, string][] = []) => {
    const res = await upload(filename, data, fields)
    expect(res.statusCode, res.body).toBe(201)
    ids[filename] = res.json().id
  }
  await add('Cửa khẩu Hữu Nghị.png', makePng(16, 8, 1), [['tags', 'Hữu Nghị, cửa khẩu']])
  await add('Đồng Đăng market.png', makePng(16, 8, 2), [['tags', 'chợ']])
  await add('TẾT 2025.png', makePng(16, 8, 3), [['tags', 'Tết, CỬA KHẨU ']])
  await add('mây biên giới.mp4', readVideo('h264.mp4'))
  return ids
}

describe('media library: tags on upload', () => {
  it('takes comma-separated tags sent before the file, normalised and de-duplicated', async () => {
    const res = await upload('a.png', makePng(4, 4), [['tags', ' Tết ,tết, TẾT,  Hữu   Nghị ,,']])
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().tags).toEqual(['hữu nghị', 'tết'])
  })

  it('treats decomposed and composed Vietnamese as the same tag (NFC)', async () => {
    const res = await upload('a.png', makePng(4, 4), [['tags', 'te\u0302\u0301t, tết']])
    expect(res.json().tags).toEqual(['tết'])
  })

  it('takes a display name from the form, keeping the original file name', async () => {
    const res = await upload('IMG_0042.png', makePng(4, 4), [['name', 'Cổng Hữu Nghị lúc bình minh']])
    expect(res.json()).toMatchObject({ name: 'Cổng Hữu Nghị lúc bình minh', originalName: 'IMG_0042.png' })
  })

  it('adds new tags to a medium uploaded again, keeping one medium', async () => {
    const first = await upload('a.png', makePng(4, 4), [['tags', 'tết']])
    const again = await upload('b.png', makePng(4, 4), [['tags', 'chợ']])
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ id: first.json().id, tags: ['chợ', 'tết'], name: 'a.png' })
  })

  it.each([
    [[['tags', `${'a'.repeat(TAG_CHARS_MAX + 1)}`]], /longer than 40 characters/],
    [
      [['tags', Array.from({ length: MEDIA_TAGS_MAX + 1 }, (_, i) => `t${i}`).join(',')]],
      /at most 20 tags; 21 were given/,
    ],
    [[['colour', 'red']], /Only the form fields "tags" and "name"/],
    [
      [
        ['tags', 'a'],
        ['tags', 'b'],
      ],
      /Send the form field "tags" once/,
    ],
    [[['name', '   ']], /The form field "name"/],
  ] as [[string, string][], RegExp][])(
    'refuses bad form fields with 400 and keeps nothing (%#)',
    async (fields, message) => {
      const res = await upload('a.png', makePng(4, 4), fields)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().message).toMatch(message)
      expect(await list()).toEqual([])
    },
  )
})

describe('media library: search', () => {
  it('finds names without diacritics or case: "cua khau" finds "Cửa khẩu"', async () => {
    await library()
    expect(await list('?q=cua%20khau')).toEqual(['Cửa khẩu Hữu Nghị.png'])
    expect(await list(`?q=${encodeURIComponent('CỬA KHẨU')}`)).toEqual(['Cửa khẩu Hữu Nghị.png'])
    expect(await list('?q=huu%20nghi')).toEqual(['Cửa khẩu Hữu Nghị.png'])
  })

  it('folds đ to d both ways: "dong dang" and "Đồng Đăng" find the same', async () => {
    await library()
    expect(await list('?q=dong%20dang')).toEqual(['Đồng Đăng market.png'])
    expect(await list(`?q=${encodeURIComponent('đồng đăng')}`)).toEqual(['Đồng Đăng market.png'])
  })

  it('finds by tag, whatever its case or composition', async () => {
    await library()
    expect((await list(`?tag=${encodeURIComponent('Cửa Khẩu')}`)).sort()).toEqual([
      'Cửa khẩu Hữu Nghị.png',
      'TẾT 2025.png',
    ])
    expect(await list(`?tag=${encodeURIComponent('te\u0302\u0301t')}`)).toEqual(['TẾT 2025.png'])
    expect(await list('?tag=none')).toEqual([])
  })

  it('filters by kind and combines filters with AND', async () => {
    await library()
    expect(await list('?kind=video')).toEqual(['mây biên giới.mp4'])
    expect(await list('?kind=image&q=2025')).toEqual(['TẾT 2025.png'])
    expect(await list(`?kind=video&tag=${encodeURIComponent('cửa khẩu')}`)).toEqual([])
  })

  it('lists newest first with no filter', async () => {
    await library()
    expect(await list()).toHaveLength(4)
  })

  it('does not treat % and _ as wildcards', async () => {
    await library()
    expect(await list('?q=%25')).toEqual([])
    expect(await list('?q=_')).toEqual([])
  })

  it.each([['?kind=audio'], ['?colour=red'], [`?q=${'x'.repeat(121)}`], ['?tag=a,b']])(
    'refuses a bad query %s with 400',
    async (query) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/media${query}` })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(/querystring/)
    },
  )

  // SQLite's own query planner (EXPLAIN QUERY PLAN and its wording): on PostgreSQL, whose plans
  // for a test's few rows are sequential scans whatever the indexes, this is skipped.
  it.skipIf(onPostgres())(
    'finds tagged media through the tag index and filters kinds through theirs, not by scans',
    () => {
      const plan = (query: Parameters<typeof mediaSearchSql>[0]) => {
        const { sql, params } = mediaSearchSql(query)
        const rows = t.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
        return rows.map((r) => r.detail).join('\n')
      }
      expect(plan({ tag: 'tết' })).toMatch(/SEARCH media_tags USING COVERING INDEX media_tags_tag \(tag=\?\)/)
      expect(plan({ tag: 'tết' })).not.toMatch(/SCAN media_tags/)
      expect(plan({ kind: 'video' })).toMatch(/SEARCH m USING INDEX media_kind_created \(kind=\?\)/)
    },
  )
})

describe('media library: renaming and tagging (PATCH)', () => {
  it('renames a medium and finds it by its new name and by its file name', async () => {
    const ids = await library()
    const res = await patch(ids['TẾT 2025.png']!, { name: 'Chúc mừng năm mới' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ name: 'Chúc mừng năm mới', originalName: 'TẾT 2025.png' })
    expect(await list('?q=chuc%20mung')).toEqual(['Chúc mừng năm mới'])
    expect(await list('?q=tet%202025')).toEqual(['Chúc mừng năm mới'])
  })

  it('replaces the tags', async () => {
    const ids = await library()
    const id = ids['Cửa khẩu Hữu Nghị.png']!
    const res = await patch(id, { tags: ['Lạng Sơn', 'lạng sơn', 'Biên giới'] })
    expect(res.json().tags).toEqual(['biên giới', 'lạng sơn'])
    expect(await list('?tag=h%E1%BB%AFu%20ngh%E1%BB%8B')).toEqual([])
    expect((await patch(id, { tags: [] })).json().tags).toEqual([])
  })

  it.each([
    [{}, /must have at least 1|minProperties|properties/],
    [{ name: '' }, /body\.name must not be empty/],
    [{ tags: ['a,b'] }, /body\.tags\[0\] does not have the expected form/],
    [{ tags: ['   '] }, /body\.tags\[0\]/],
    [{ tags: Array.from({ length: MEDIA_TAGS_MAX + 1 }, (_, i) => `t${i}`) }, /at most 20 entries/],
    // What the file is, measured: not the client's to change.
    [{ width: 10 }, /"width" cannot be changed/],
    [{ kind: 'video' }, /"kind" cannot be changed/],
    [{ name: 'x', colour: 'red' }, /unknown field "colour"/],
  ])('refuses %j with 400 saying why', async (body, message) => {
    const ids = await library()
    const res = await patch(ids['TẾT 2025.png']!, body)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().message).toMatch(message)
  })

  it('answers 404 for a medium that does not exist', async () => {
    expect((await patch('m-missing', { name: 'x' })).statusCode).toBe(404)
  })
})

describe('media library: thumbnails', () => {
  it('serves a JPEG thumbnail for an image, fitted inside 320×320', async () => {
    const media = (await upload('wide.png', makePng(1280, 400))).json()
    const res = await t.app.inject({ method: 'GET', url: media.thumbnailUrl })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/jpeg')
    const { default: sharp } = await import('sharp')
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 100 })
  })

  it('serves a poster card in the video’s shape for a video', async () => {
    const media = (await upload('clip.mp4', readVideo('h264.mp4'))).json()
    expect(media.thumbnailUrl).toBe(`/media/thumbs/${media.sha256}.jpg`)
    const res = await t.app.inject({ method: 'GET', url: media.thumbnailUrl })
    expect(res.statusCode).toBe(200)
    const { default: sharp } = await import('sharp')
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 })
  })

  it('gives players the video’s duration in its document', async () => {
    const media = (await upload('clip.mp4', readVideo('h264.mp4'))).json()
    const ok = (r: { statusCode: number; body: string }) => expect(r.statusCode, r.body).toBeLessThan(300)
    ok(await t.app.inject({ method: 'POST', url: '/api/sites', payload: siteBody() }))
    ok(
      await t.app.inject({
        method: 'POST',
        url: '/api/playlists',
        payload: {
          id: 'loop',
          name: 'Loop',
          items: [{ kind: 'video', mediaId: media.id, durationMs: 2000 }],
        },
      }),
    )
    ok(
      await t.app.inject({
        method: 'POST',
        url: '/api/screens',
        payload: screenBody('led', 'gate', { defaultPlaylistId: 'loop' }),
      }),
    )
    await approveAndPublish(t.app, 'playlist', 'loop')
    const doc = (await t.app.inject({ method: 'GET', url: '/api/screens/led/document' })).json()
    expect(doc.playlists.loop.items[0].media).toMatchObject({ id: media.id, durationMs: media.durationMs })
    expect(media.durationMs).toBeGreaterThanOrEqual(2000)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, TEST_ENGINE, type TestApp } from '../helpers/app'
import { makePng, multipart } from '../helpers/files'
import { mediaFilesOnDisk } from '../helpers/media'

let t: TestApp
beforeEach(async () => {
  // A small upload limit so the oversize case needs no big file.
  t = await createTestApp({ maxUploadBytes: 2_000_000 })
})
afterEach(() => t.close())

const upload = (files: Parameters<typeof multipart>[0]) =>
  t.app.inject({ method: 'POST', url: '/api/media', ...multipart(files) })

/** Every file under the media folder, thumbnails and partial uploads included. */
const filesOnDisk = () => mediaFilesOnDisk(t.dataDir)

describe('media API: uploads', () => {
  it('stores an image under its sha256, measured by the server, with a thumbnail', async () => {
    const res = await upload([
      { filename: 'cổng-biên-giới.png', contentType: 'image/png', data: makePng(320, 160) },
    ])
    expect(res.statusCode).toBe(201)
    const media = res.json()
    expect(media).toMatchObject({
      kind: 'image',
      contentType: 'image/png',
      width: 320,
      height: 160,
      durationMs: null,
      videoCodec: null,
      audioCodec: null,
      name: 'cổng-biên-giới.png',
      originalName: 'cổng-biên-giới.png',
      tags: [],
      thumbnailUrl: `/media/thumbs/${media.sha256}.jpg`,
    })
    expect(media.url).toBe(`/media/${media.sha256}.png`)
    expect(filesOnDisk()).toEqual([`${media.sha256}.png`, `thumbs/${media.sha256}.jpg`])
    const served = await t.app.inject({ method: 'GET', url: media.url })
    expect(served.rawPayload.equals(makePng(320, 160))).toBe(true)
    // On SQLite the data folder is the one store, nothing is held twice; on PostgreSQL the shared
    // store holds the file and its thumbnail (tests/postgres/media-nodes.test.ts).
    expect(t.app.db.prepare('SELECT name FROM media_blobs ORDER BY name').pluck().all()).toEqual(
      process.env[TEST_ENGINE] === 'postgres' ? [`${media.sha256}.png`, `thumbs/${media.sha256}.jpg`] : [],
    )
  })

  it('deduplicates identical bytes: same id, 200 instead of 201, one file', async () => {
    const first = await upload([{ filename: 'a.png', data: makePng(10, 10, 1) }])
    const second = await upload([{ filename: 'b.png', data: makePng(10, 10, 1) }])
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(200)
    expect(second.json().id).toBe(first.json().id)
    expect(filesOnDisk()).toHaveLength(2) // the image and its thumbnail
    expect((await t.app.inject({ method: 'GET', url: '/api/media' })).json()).toHaveLength(1)
  })

  it('refuses a file that is not an image or video (415) and keeps nothing', async () => {
    const res = await upload([
      {
        filename: 'photo.png',
        contentType: 'image/png',
        data: Buffer.from('MZ\x90\x00 this is not a picture'.repeat(20)),
      },
    ])
    expect(res.statusCode).toBe(415)
    expect(res.json().message).toMatch(
      /screens can play JPEG, PNG, WebP or GIF images, and MP4 or WebM videos/,
    )
    expect(filesOnDisk()).toEqual([])
  })

  it('refuses a file larger than the limit (413) and keeps nothing', async () => {
    const res = await upload([
      { filename: 'big.png', data: Buffer.concat([makePng(8, 8), Buffer.alloc(2_100_000)]) },
    ])
    expect(res.statusCode).toBe(413)
    expect(res.json().message).toMatch(/larger than the upload limit of 1.9 MB/)
    expect(filesOnDisk()).toEqual([])
  })

  it('refuses a truncated image (422) and keeps nothing', async () => {
    const res = await upload([{ filename: 'cut.png', data: makePng(200, 200).subarray(0, 40) }])
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toMatch(/truncated or damaged/)
    expect(filesOnDisk()).toEqual([])
  })

  it('refuses an empty file and a request that is not multipart', async () => {
    expect((await upload([{ filename: 'empty.png', data: Buffer.alloc(0) }])).statusCode).toBe(400)
    const json = await t.app.inject({ method: 'POST', url: '/api/media', payload: { file: 'x' } })
    expect(json.statusCode).toBeGreaterThanOrEqual(400)
    expect(json.statusCode).toBeLessThan(500)
    expect(filesOnDisk()).toEqual([])
  })

  it('asks for the right field name', async () => {
    const res = await upload([{ field: 'upload', filename: 'a.png', data: makePng(4, 4) }])
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/field named "file"/)
  })

  it('cleans control characters and folders out of the original name', async () => {
    const res = await upload([{ filename: '../../etc/pa\u0007ss\u0000wd.png', data: makePng(4, 4) }])
    expect(res.statusCode).toBe(201)
    expect(res.json().originalName).toBe('passwd.png')
  })
})

describe('media API: deleting', () => {
  it('deletes an unused medium, its file and its thumbnail', async () => {
    const media = (await upload([{ filename: 'a.png', data: makePng(4, 4) }])).json()
    expect((await t.app.inject({ method: 'DELETE', url: `/api/media/${media.id}` })).statusCode).toBe(204)
    expect(filesOnDisk()).toEqual([])
    expect((await t.app.inject({ method: 'GET', url: `/api/media/${media.id}` })).statusCode).toBe(404)
  })

  it('will not delete a medium a playlist uses (409 naming the playlists)', async () => {
    const media = (await upload([{ filename: 'a.png', data: makePng(4, 4) }])).json()
    await t.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { id: 'loop', name: 'Loop', items: [{ kind: 'image', mediaId: media.id, durationMs: 5000 }] },
    })
    const res = await t.app.inject({ method: 'DELETE', url: `/api/media/${media.id}` })
    expect(res.statusCode).toBe(409)
    expect(res.json().details).toEqual({ playlists: ['loop'] })
    expect(filesOnDisk()).toHaveLength(2)
  })

  it('refuses a video where an image item is expected', async () => {
    const media = (await upload([{ filename: 'a.png', data: makePng(4, 4) }])).json()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'Loop', items: [{ kind: 'video', mediaId: media.id, durationMs: 5000 }] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/is an image, but a video item needs a video/)
  })
})

describe('media API: videos', () => {
  const seedMedia = (name: string) => readFileSync(join(ROOT, 'server', 'seed', 'content', 'media', name))

  it.each([
    ['border-clouds.mp4', 'video/mp4'],
    ['border-clouds.webm', 'video/webm'],
  ])('accepts the whole %s as %s, measured: 6 s of 1280×720', async (name, type) => {
    const res = await upload([{ filename: name, data: seedMedia(name) }])
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      kind: 'video',
      contentType: type,
      width: 1280,
      height: 720,
      durationMs: 6000,
      videoCodec: type === 'video/mp4' ? 'h264' : 'vp9',
      audioCodec: null,
    })
  })

  it.each(['border-clouds.mp4', 'border-clouds.webm'])(
    'refuses %s cut in half (422) and keeps nothing',
    async (name) => {
      const whole = seedMedia(name)
      const res = await upload([{ filename: name, data: whole.subarray(0, Math.floor(whole.length / 2)) }])
      expect(res.statusCode).toBe(422)
      expect(res.json().message).toMatch(/video could not be read/)
      expect(filesOnDisk()).toEqual([])
    },
  )
})

describe('media API: every playable image format', () => {
  const make = async (format: 'webp' | 'gif' | 'jpeg', orientation?: number) => {
    const { default: sharp } = await import('sharp')
    const image = sharp(makePng(120, 80, 5))
    const typed = format === 'webp' ? image.webp() : format === 'gif' ? image.gif() : image.jpeg()
    return (orientation ? typed.withMetadata({ orientation }) : typed).toBuffer()
  }

  it.each([
    ['a.webp', 'webp', 'image/webp'],
    ['a.gif', 'gif', 'image/gif'],
    ['a.jpg', 'jpeg', 'image/jpeg'],
  ] as const)('accepts %s, measured, with a thumbnail', async (filename, format, contentType) => {
    const res = await upload([{ filename, data: await make(format) }])
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ contentType, width: 120, height: 80 })
    expect(filesOnDisk()).toContain(`thumbs/${res.json().sha256}.jpg`)
  })

  it('measures a photo upright, as Chromium shows it, when its EXIF says it is turned', async () => {
    const res = await upload([{ filename: 'portrait.jpg', data: await make('jpeg', 6) }])
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ width: 80, height: 120 })
  })
})

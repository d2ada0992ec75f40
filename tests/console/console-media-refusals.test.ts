import { ApiError } from '@console/api'
import { language } from '@console/i18n/i18n'
import { refusalText } from '@console/pages/media/refusals'
import { CANCELLED } from '@console/pages/media/upload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { makeElf, makePng, makePngBomb, makePngWithGarbageData, makeZip, multipart } from '../helpers/files'
import { makeJpeg, readVideo } from '../helpers/media'

/**
 * The media page's sentence for each reason the server refuses a file, decided from what the
 * server really answers (its status and details), so a changed answer shows up here and not as
 * a vague message in front of an operator. The upload limit is lowered to 1 MB to reach the
 * size refusal cheaply.
 */

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 1024 * 1024 })
})
afterAll(() => t?.close())

async function refusal(filename: string, data: Buffer, contentType?: string): Promise<ApiError> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/media',
    ...multipart([{ filename, data, ...(contentType ? { contentType } : {}) }]),
  })
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
  const body = res.json() as { error: string; message: string; details?: unknown }
  return new ApiError(res.statusCode, body.error, body.message, body.details)
}

const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'

/** One case per reason: the file, and what the English sentence must say. */
const CASES: [string, () => Promise<[string, Buffer, string?]>, RegExp][] = [
  [
    'too large',
    async () => ['big.png', Buffer.concat([makePng(8, 8), Buffer.alloc(1100 * 1024)])],
    /over the limit of 1 MB/,
  ],
  [
    'too many pixels',
    async () => ['bomb.png', makePngBomb(30_000, 30_000)],
    /30000×30000 pixels \(900 megapixels\), over the limit of 100 megapixels/,
  ],
  [
    'named as another type',
    async () => ['anh.png', await makeJpeg(32, 24)],
    /“anh\.png” is named \.png but its content is JPEG/,
  ],
  [
    'sent as another type',
    async () => ['banner', makePng(8, 8), 'image/jpeg'],
    /sent as image\/jpeg but its content is PNG/,
  ],
  [
    'SVG with a script',
    async () => ['logo.svg', Buffer.from(SVG.replace('</svg>', '<script>x()</script></svg>'))],
    /SVG drawing with code in it/,
  ],
  ['plain SVG', async () => ['logo.svg', Buffer.from(SVG)], /^Screens do not show SVG/],
  ['a program', async () => ['update.png', makeElf()], /is a program/],
  ['a script', async () => ['run.mp4', Buffer.from('#!/bin/sh\necho hi\n')], /is a program/],
  ['an archive', async () => ['photos.zip', makeZip({ 'a.png': makePng(8, 8) })], /is an archive/],
  ['a web page', async () => ['page.html', HTML], /web page \(HTML\)/],
  [
    'a TIFF',
    async () => [
      'scan.tif',
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .tiff()
        .toBuffer(),
    ],
    /cannot show TIFF pictures/,
  ],
  [
    'a PDF',
    async () => ['leaflet.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')],
    /This file is application\/pdf/,
  ],
  [
    'text',
    async () => ['notes.png', Buffer.from('just some words\n'.repeat(10))],
    /not recognised as a picture or video/,
  ],
  [
    'HEVC in MP4',
    async () => ['hevc.mp4', readVideo('hevc.mp4')],
    /encoded as HEVC \(H\.265\).*as H\.264 MP4\.$/,
  ],
  ['AV1 in WebM', async () => ['av1.webm', readVideo('av1.webm')], /encoded as AV1.*H\.264 MP4 or VP9 WebM/],
  [
    'H.264 4:4:4',
    async () => ['capture.mp4', readVideo('h264-444.mp4')],
    /uses a profile Chromium cannot play/,
  ],
  [
    'data after the picture',
    async () => ['x.png', Buffer.concat([makePng(8, 8), HTML])],
    /hides \d+ B of other data/,
  ],
  [
    'data after the video',
    async () => ['clip.webm', Buffer.concat([readVideo('vp8.webm'), HTML])],
    /hides \d+ B of other data after the end of the video/,
  ],
  [
    'a GIF frame outside its picture',
    async () => {
      const gif = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#a00' } })
        .gif()
        .toBuffer()
      gif.writeUInt16LE(4, 6) // the logical screen narrower than the 8×6 frame
      return ['shifted.gif', gif]
    },
    /Frame 1 of this animation reaches outside the picture/,
  ],
  ['sound only', async () => ['sound.mp4', readVideo('audio.mp4')], /only sound, no picture/],
  ['undecodable pixels', async () => ['noise.png', makePngWithGarbageData(200, 200)], /cannot be read/],
  ['cut short', async () => ['cut.png', makePng(64, 64).subarray(0, 60)], /cannot be read/],
  ['empty', async () => ['empty.png', Buffer.alloc(0)], /is empty \(0 bytes\)/],
]

describe('media page: the sentence for each refusal', () => {
  const seen = new Map<string, string>()

  it.each(CASES)('%s', async (what, make, english) => {
    const [name, data, contentType] = await make()
    const error = await refusal(name, data, contentType)
    const file = { name, size: data.length }
    language.value = 'en'
    const en = refusalText(error, file)
    expect(en, `${what}: ${error.status} ${error.message}`).toMatch(english)
    // Each reason has its own sentence in every language, never the generic one for the status.
    for (const lang of ['vi', 'zh'] as const) {
      language.value = lang
      const text = refusalText(error, file)
      expect(text).not.toBe(en)
      if (lang === 'zh') expect(text).toMatch(/[\u3400-\u9fff]/)
    }
    seen.set(what, en)
  })

  it('gives different reasons different sentences', () => {
    const sentences = [...seen.values()]
    // A program and a script, and the two unreadable files, share a reason on purpose.
    expect(new Set(sentences).size).toBe(sentences.length - 2)
  })

  it('says when the connection broke, the upload stalled or the person cancelled it', () => {
    language.value = 'vi'
    const file = { name: 'a.png', size: 10 }
    expect(refusalText(new ApiError(0, 'Network', ''), file)).toMatch(/Mất kết nối/)
    expect(refusalText(new ApiError(408, 'Request Timeout', ''), file)).toMatch(/không nhận thêm dữ liệu/)
    expect(refusalText(new ApiError(0, CANCELLED, ''), file)).toBe('Đã hủy tải lên.')
  })
})

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withFileReader } from '@server/media/file-reader'
import { ProbeError } from '@server/media/probe-error'
import { probeMp4 } from '@server/media/probe-mp4'
import { afterAll, describe, expect, it } from 'vitest'
import { readVideo, rotateMp4, seedVideo, videoFixture } from '../helpers/media'

const probe = (path: string) => withFileReader(path, probeMp4)

const scratch = mkdtempSync(join(tmpdir(), 'gatecast-probe-mp4-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const write = (name: string, data: Buffer) => {
  const path = join(scratch, name)
  writeFileSync(path, data)
  return path
}

/** A box: 32-bit size, type, content. */
const box = (type: string, ...content: Buffer[]) => {
  const body = Buffer.concat(content)
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length + 8)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, body])
}

describe('MP4 probe', () => {
  it('reads an H.264 + AAC file made by ffmpeg: 2 s, 320×240, High profile', async () => {
    const result = await probe(videoFixture('h264.mp4'))
    expect(result.durationMs).toBe(2000)
    const video = result.tracks.find((t) => t.handler === 'vide')
    const audio = result.tracks.find((t) => t.handler === 'soun')
    expect(video).toMatchObject({ codec: 'avc1', avcProfile: 100, width: 320, height: 240 })
    expect(audio).toMatchObject({ codec: 'mp4a', objectType: 0x40, width: 0, height: 0 })
  })

  it('reads the committed sample video: 6 s of 1280×720 H.264', async () => {
    const result = await probe(seedVideo('border-clouds.mp4'))
    expect(result.durationMs).toBe(6000)
    expect(result.tracks.filter((t) => t.handler === 'vide')).toEqual([
      expect.objectContaining({ codec: 'avc1', width: 1280, height: 720 }),
    ])
  })

  it.each([
    ['hevc.mp4', 'hev1', null],
    ['mpeg4.mp4', 'mp4v', null],
    ['h264-444.mp4', 'avc1', 244],
  ] as const)('names the codec of %s (%s)', async (name, codec, profile) => {
    const video = (await probe(videoFixture(name))).tracks.find((t) => t.handler === 'vide')
    expect(video?.codec).toBe(codec)
    expect(video?.avcProfile).toBe(profile)
  })

  it('finds no video track in a sound-only file', async () => {
    const result = await probe(videoFixture('audio.mp4'))
    expect(result.tracks.map((t) => t.handler)).toEqual(['soun'])
    expect(result.durationMs).toBeGreaterThanOrEqual(2000)
  })

  it('swaps width and height for a track turned a quarter (portrait phone video)', async () => {
    const path = write('rotated.mp4', rotateMp4(readVideo('h264.mp4')))
    const video = (await probe(path)).tracks.find((t) => t.handler === 'vide')
    expect(video).toMatchObject({ width: 240, height: 320 })
  })

  it('finds moov after mdat (a file not prepared for streaming)', async () => {
    const file = readVideo('h264.mp4')
    // Rebuild the file as ftyp, mdat, moov, with chunk offsets left as they are: the probe
    // reads headers only, so the offsets do not matter to it.
    const boxes: Record<string, Buffer> = {}
    for (let p = 0; p < file.length; ) {
      const size = file.readUInt32BE(p)
      boxes[file.subarray(p + 4, p + 8).toString('latin1')] = file.subarray(p, p + size)
      p += size
    }
    const path = write('moov-last.mp4', Buffer.concat([boxes.ftyp!, boxes.mdat!, boxes.moov!]))
    expect((await probe(path)).durationMs).toBe(2000)
  })

  it('reads only the headers: a large mdat is skipped, not read', async () => {
    const file = readVideo('h264.mp4')
    const reads: number[] = []
    const result = await withFileReader(videoFixture('h264.mp4'), (reader) =>
      probeMp4({
        size: reader.size,
        read: (position, length) => {
          reads.push(length)
          return reader.read(position, length)
        },
      }),
    )
    expect(result.durationMs).toBe(2000)
    const mdat = file.indexOf('mdat', 0, 'latin1') - 4
    expect(reads.every((n) => n < file.readUInt32BE(mdat))).toBe(true)
  })

  it('uses the longest track when mvhd states no duration', async () => {
    const file = Buffer.from(readVideo('h264.mp4'))
    const mvhd = file.indexOf('mvhd', 0, 'latin1')
    file.writeUInt32BE(0, mvhd + 4 + 16) // version 0: duration after two times and the timescale
    const result = await probe(write('no-mvhd-duration.mp4', file))
    expect(result.durationMs).toBeGreaterThanOrEqual(2000)
  })

  it('refuses files whose structure is broken', async () => {
    const noMoov = write(
      'no-moov.mp4',
      Buffer.concat([box('ftyp', Buffer.from('isom\0\0\0\0isom')), box('free')]),
    )
    await expect(probe(noMoov)).rejects.toThrow(ProbeError)
    // A child box claiming more than its parent holds.
    const overrun = Buffer.concat([
      box('ftyp', Buffer.from('isom\0\0\0\0')),
      box('moov', box('mvhd', Buffer.alloc(100))),
    ])
    overrun.writeUInt32BE(0xffff, 16 + 8) // mvhd's size
    await expect(probe(write('overrun.mp4', overrun))).rejects.toThrow(/overruns/)
    // A 64-bit size field cut off by the end of the file.
    const cut = Buffer.concat([
      box('ftyp', Buffer.from('isom\0\0\0\0')),
      Buffer.from([0, 0, 0, 1, 0x6d, 0x6f, 0x6f, 0x76, 0]),
    ])
    await expect(probe(write('cut.mp4', cut))).rejects.toThrow(ProbeError)
  })

  it('gives up on a file of endless tiny boxes instead of walking them all', async () => {
    const many = Buffer.concat([
      box('ftyp', Buffer.from('isom\0\0\0\0')),
      box('moov', ...Array.from({ length: 10_001 }, () => box('free'))),
    ])
    await expect(probe(write('many.mp4', many))).rejects.toThrow(/too many boxes/)
  })
})

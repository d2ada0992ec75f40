import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withFileReader } from '@server/media/file-reader'
import { ProbeError } from '@server/media/probe-error'
import { probeWebm, TRACK_AUDIO, TRACK_VIDEO } from '@server/media/probe-webm'
import { afterAll, describe, expect, it } from 'vitest'
import { readVideo, seedVideo, videoFixture } from '../helpers/media'

const probe = (path: string) => withFileReader(path, probeWebm)

const scratch = mkdtempSync(join(tmpdir(), 'gatecast-probe-webm-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const write = (name: string, data: Buffer) => {
  const path = join(scratch, name)
  writeFileSync(path, data)
  return path
}

/** An EBML element with a one-to-four byte id and an eight-byte size. */
const el = (id: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content)
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'),
    'hex',
  )
  const size = Buffer.alloc(8)
  size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n))
  return Buffer.concat([idBytes, size, body])
}
const str = (s: string) => Buffer.from(s, 'latin1')
const u8 = (n: number) => Buffer.from([n])
const f64 = (n: number) => {
  const b = Buffer.alloc(8)
  b.writeDoubleBE(n)
  return b
}
const header = el(0x1a45dfa3, el(0x4282, str('webm')))

describe('WebM probe', () => {
  it.each([
    ['vp9.webm', 'V_VP9', 'A_OPUS'],
    ['vp8.webm', 'V_VP8', null],
    ['av1.webm', 'V_AV1', null],
  ] as const)('reads %s made by ffmpeg: about 2 s, 320×240, %s', async (name, video, audio) => {
    const result = await probe(videoFixture(name))
    expect(result.docType).toBe('webm')
    expect(result.durationMs).toBeGreaterThanOrEqual(2000)
    expect(result.durationMs).toBeLessThan(2100)
    expect(result.tracks.find((t) => t.type === TRACK_VIDEO)).toMatchObject({
      codecId: video,
      width: 320,
      height: 240,
    })
    expect(result.tracks.find((t) => t.type === TRACK_AUDIO)?.codecId ?? null).toBe(audio)
  })

  it('reads the committed sample video: 6 s of 1280×720 VP9', async () => {
    const result = await probe(seedVideo('border-clouds.webm'))
    expect(result.durationMs).toBe(6000)
    expect(result.tracks).toEqual([
      expect.objectContaining({ type: TRACK_VIDEO, codecId: 'V_VP9', width: 1280, height: 720 }),
    ])
  })

  it('finds only sound in a sound-only file', async () => {
    const result = await probe(videoFixture('audio.webm'))
    expect(result.tracks.map((t) => [t.type, t.codecId])).toEqual([[TRACK_AUDIO, 'A_OPUS']])
  })

  it('applies TimestampScale and prefers the display size', async () => {
    const file = Buffer.concat([
      header,
      el(
        0x18538067,
        // TimestampScale 1000 ns: the Duration of 2,500,000 units is 2.5 s.
        el(0x1549a966, el(0x2ad7b1, Buffer.from([0x03, 0xe8])), el(0x4489, f64(2_500_000))),
        el(
          0x1654ae6b,
          el(
            0xae,
            el(0x83, u8(1)),
            el(0x86, str('V_VP9')),
            el(
              0xe0,
              el(0xb0, Buffer.from([0x02, 0x80])),
              el(0xba, Buffer.from([0x01, 0xe0])),
              el(0x54b0, Buffer.from([0x03, 0x56])),
            ),
          ),
        ),
      ),
    ])
    const result = await probe(write('scaled.webm', file))
    expect(result.durationMs).toBe(2500)
    expect(result.tracks[0]).toMatchObject({ width: 854, height: 480 })
  })

  it('reports no duration for a live recording that states none', async () => {
    const file = Buffer.concat([
      header,
      el(
        0x18538067,
        el(0x1549a966, el(0x2ad7b1, Buffer.from([0x0f, 0x42, 0x40]))),
        el(0x1654ae6b, el(0xae, el(0x83, u8(1)), el(0x86, str('V_VP8')))),
      ),
    ])
    expect((await probe(write('live.webm', file))).durationMs).toBeNull()
  })

  it('reads the headers only: clusters are skipped', async () => {
    const file = readVideo('vp9.webm')
    const reads: number[] = []
    await withFileReader(videoFixture('vp9.webm'), (reader) =>
      probeWebm({
        size: reader.size,
        read: (position, length) => {
          reads.push(length)
          return reader.read(position, length)
        },
      }),
    )
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(file.length / 2)
  })

  it('refuses files whose structure is broken', async () => {
    await expect(probe(write('not-ebml.webm', Buffer.from('RIFF0000WEBPVP8 ')))).rejects.toThrow(ProbeError)
    const noTracks = Buffer.concat([header, el(0x18538067, el(0x1549a966, el(0x4489, f64(1000))))])
    await expect(probe(write('no-tracks.webm', noTracks))).rejects.toThrow(/no Tracks/)
    const overrun = Buffer.concat([header, el(0x18538067, el(0x1654ae6b, el(0xae, el(0x83, u8(1)))))])
    // TrackType's size now claims more than TrackEntry holds.
    overrun[overrun.length - 2] = 0x40
    await expect(probe(write('overrun.webm', overrun))).rejects.toThrow(/overruns/)
  })
})

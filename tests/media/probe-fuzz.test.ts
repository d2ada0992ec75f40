import type { FileReader } from '@server/media/file-reader'
import { ProbeError } from '@server/media/probe-error'
import { probeMp4 } from '@server/media/probe-mp4'
import { probeWebm } from '@server/media/probe-webm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readVideo } from '../helpers/media'

/** A FileReader over bytes in memory, so hundreds of damaged variants cost no disk. */
const memoryReader = (buf: Buffer): FileReader => ({
  size: buf.length,
  read: async (position, length) => buf.subarray(Math.max(0, position), Math.max(0, position + length)),
})

/**
 * Damage to `file`: up to eight bytes in `[from, to)` (its headers) overwritten, or the file cut
 * short. The damage, not the damaged file, is what fast-check shrinks and prints on a failure.
 */
const damage = (file: Buffer, from: number, to: number) =>
  fc.oneof(
    fc.record({
      edits: fc.array(fc.tuple(fc.integer({ min: from, max: to - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      }),
    }),
    fc.record({ cutAt: fc.nat(file.length - 1) }),
  )

function apply(file: Buffer, d: { edits: [number, number][] } | { cutAt: number }): Buffer {
  if ('cutAt' in d) return file.subarray(0, d.cutAt)
  const copy = Buffer.from(file)
  for (const [at, value] of d.edits) copy[at] = value
  return copy
}

/** Resolves, or refuses with ProbeError: never a crash that the server would answer with a 500. */
async function survives(probe: (r: FileReader) => Promise<unknown>, buf: Buffer): Promise<void> {
  try {
    await probe(memoryReader(buf))
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(ProbeError)
  }
}

describe('probes on damaged files', () => {
  it('the MP4 probe either reads or refuses a damaged file, never crashes', async () => {
    const file = readVideo('h264.mp4')
    // ffmpeg writes moov last: damage it, where every header the probe reads lives.
    const moov = file.indexOf('moov', 0, 'latin1') - 4
    expect(moov).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(damage(file, moov, file.length), (d) => survives(probeMp4, apply(file, d))),
      { numRuns: 500 },
    )
  })

  it('the WebM probe either reads or refuses a damaged file, never crashes', async () => {
    const file = readVideo('vp9.webm')
    // EBML header, SeekHead, Info and Tracks come first; the first Cluster follows them.
    const cluster = file.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]))
    expect(cluster).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(damage(file, 0, cluster), (d) => survives(probeWebm, apply(file, d))),
      { numRuns: 500 },
    )
  })
})

import type { FileReader } from './file-reader'
import { ProbeError } from './probe-error'

/**
 * Reads what the server needs to know about an MP4 (ISO BMFF) from its header boxes alone:
 * duration, tracks, codecs and picture size. Only `moov` and the few boxes inside it that
 * describe tracks are read; sample tables and media data are skipped by seeking, so the cost
 * does not grow with the length of the video. No ffmpeg: the server must measure uploads on
 * a machine where only `npm ci` ran.
 */

export interface Mp4Track {
  /** `vide`, `soun`, or another handler (`text`, `meta`, …). */
  handler: string
  /** The sample entry's four-character code: `avc1`, `hvc1`, `mp4a`, `Opus`, … */
  codec: string | null
  /** H.264 only: `AVCProfileIndication` from `avcC` (66 Baseline, 77 Main, 100 High, 244 High 4:4:4). */
  avcProfile: number | null
  /** MPEG-4 audio and visual only: `objectTypeIndication` from `esds` (0x40 AAC, 0x6b MP3). */
  objectType: number | null
  /** Presentation size with the track's rotation applied; 0 for sound. */
  width: number
  height: number
  durationMs: number | null
}

export interface Mp4Probe {
  durationMs: number | null
  tracks: Mp4Track[]
}

/** Real files have a few dozen boxes in `moov`; far more means a crafted or corrupt file. */
const MP4_BOXES_MAX = 10_000
/** Header boxes are tens of bytes; `stsd` carries codec configuration of at most a few KB. */
const MP4_LEAF_BYTES_MAX = 64 * 1024

interface Box {
  type: string
  /** Where the box's content starts, after its header. */
  start: number
  end: number
}

interface Walk {
  reader: FileReader
  boxes: number
}

/** The boxes between `start` and `end`, in order. */
async function* children(walk: Walk, start: number, end: number): AsyncGenerator<Box> {
  let position = start
  while (position + 8 <= end) {
    if (++walk.boxes > MP4_BOXES_MAX) throw new ProbeError('too many boxes')
    const header = await walk.reader.read(position, 16)
    if (header.length < 8) throw new ProbeError('box header cut short')
    let size = header.readUInt32BE(0)
    const type = header.subarray(4, 8).toString('latin1')
    let headerLength = 8
    if (size === 1) {
      if (header.length < 16) throw new ProbeError('box header cut short')
      size = Number(header.readBigUInt64BE(8))
      headerLength = 16
    } else if (size === 0) {
      size = end - position // "extends to the end of its parent"
    }
    if (size < headerLength || position + size > end) throw new ProbeError(`box ${type} overruns its parent`)
    yield { type, start: position + headerLength, end: position + size }
    position += size
  }
}

async function content(walk: Walk, box: Box): Promise<Buffer> {
  return walk.reader.read(box.start, Math.min(box.end - box.start, MP4_LEAF_BYTES_MAX))
}

/**
 * The box at `path` below `parent`. Only fixed paths are followed (at most moov/trak/mdia/minf/
 * stbl/stsd), so crafted nesting cannot make the walk deeper than that.
 */
async function find(walk: Walk, parent: Box, path: string[]): Promise<Box | null> {
  const [first, ...rest] = path
  for await (const box of children(walk, parent.start, parent.end)) {
    if (box.type !== first) continue
    return rest.length === 0 ? box : find(walk, box, rest)
  }
  return null
}

/** `(version, flags)` full boxes store times in 32 or 64 bits depending on the version. */
function timeFields(
  buf: Buffer,
  v0Offset: number,
  v1Offset: number,
): { timescale: number; duration: number } {
  const v1 = buf[0] === 1
  const at = v1 ? v1Offset : v0Offset
  if (buf.length < at + (v1 ? 12 : 8)) throw new ProbeError('header box cut short')
  const timescale = buf.readUInt32BE(at)
  const raw = v1 ? buf.readBigUInt64BE(at + 4) : BigInt(buf.readUInt32BE(at + 4))
  // All ones means "unknown" (ISO/IEC 14496-12 §8.2.2.3).
  const unknown = v1 ? raw === 0xffffffffffffffffn : raw === 0xffffffffn
  return { timescale, duration: unknown ? 0 : Number(raw) }
}

const toMs = (t: { timescale: number; duration: number }): number | null =>
  t.timescale > 0 && t.duration > 0 ? Math.round((t.duration * 1000) / t.timescale) : null

async function readTrack(walk: Walk, trak: Box): Promise<Mp4Track> {
  const track: Mp4Track = {
    handler: '',
    codec: null,
    avcProfile: null,
    objectType: null,
    width: 0,
    height: 0,
    durationMs: null,
  }
  const tkhd = await find(walk, trak, ['tkhd'])
  if (tkhd) {
    const buf = await content(walk, tkhd)
    const base = buf[0] === 1 ? 52 : 40
    if (buf.length >= base + 44) {
      // A 90° or 270° rotation matrix has zeros on its diagonal: the picture is shown turned.
      const turned = buf.readInt32BE(base) === 0 && buf.readInt32BE(base + 16) === 0
      const w = Math.round(buf.readUInt32BE(base + 36) / 65536)
      const h = Math.round(buf.readUInt32BE(base + 40) / 65536)
      track.width = turned ? h : w
      track.height = turned ? w : h
    }
  }
  const mdia = await find(walk, trak, ['mdia'])
  if (!mdia) return track
  const mdhd = await find(walk, mdia, ['mdhd'])
  if (mdhd) track.durationMs = toMs(timeFields(await content(walk, mdhd), 12, 20))
  const hdlr = await find(walk, mdia, ['hdlr'])
  if (hdlr) track.handler = (await content(walk, hdlr)).subarray(8, 12).toString('latin1')
  const stsd = await find(walk, mdia, ['minf', 'stbl', 'stsd'])
  if (stsd) {
    const entry = readSampleEntry(await content(walk, stsd), track.handler)
    track.codec = entry.codec
    track.avcProfile = entry.avcProfile
    track.objectType = entry.objectType
    // Some muxers leave tkhd's size at zero; the coded size is the next best answer.
    if (track.width === 0 || track.height === 0) {
      track.width = entry.codedWidth
      track.height = entry.codedHeight
    }
  }
  return track
}

/** The first sample entry of `stsd`: its code and the codec details the checks need. */
interface SampleEntry extends Pick<Mp4Track, 'codec' | 'avcProfile' | 'objectType'> {
  codedWidth: number
  codedHeight: number
}

function readSampleEntry(stsd: Buffer, handler: string): SampleEntry {
  const entry0: SampleEntry = {
    codec: null,
    avcProfile: null,
    objectType: null,
    codedWidth: 0,
    codedHeight: 0,
  }
  if (stsd.length < 16) return entry0
  const entryEnd = Math.min(stsd.length, 8 + stsd.readUInt32BE(8))
  const codec = stsd.subarray(12, 16).toString('latin1')
  const entry = stsd.subarray(16, entryEnd)
  let childrenAt = 0
  let codedWidth = 0
  let codedHeight = 0
  if (handler === 'vide') {
    childrenAt = 78 // VisualSampleEntry fields (ISO/IEC 14496-12 §12.1.3)
    if (entry.length >= 28) {
      codedWidth = entry.readUInt16BE(24)
      codedHeight = entry.readUInt16BE(26)
    }
  } else if (handler === 'soun') {
    // AudioSampleEntry is 28 bytes; QuickTime's sound description versions 1 and 2 are longer.
    const version = entry.length >= 10 ? entry.readUInt16BE(8) : 0
    childrenAt = version === 1 ? 44 : version === 2 ? 64 : 28
  }
  const boxes = entryBoxes(entry, childrenAt)
  const avcC = boxes.get('avcC')
  const esds = boxes.get('esds')
  return {
    codec,
    avcProfile: avcC && avcC.length >= 2 ? avcC[1]! : null,
    objectType: esds ? esdsObjectType(esds) : null,
    codedWidth,
    codedHeight,
  }
}

/** Child boxes of a sample entry (codec configuration), by type. */
function entryBoxes(entry: Buffer, at: number): Map<string, Buffer> {
  const found = new Map<string, Buffer>()
  let p = at
  while (p + 8 <= entry.length && found.size < 32) {
    const size = entry.readUInt32BE(p)
    if (size < 8 || p + size > entry.length) break
    found.set(entry.subarray(p + 4, p + 8).toString('latin1'), entry.subarray(p + 8, p + size))
    p += size
  }
  return found
}

/** `objectTypeIndication` of the DecoderConfigDescriptor inside an `esds` box (ISO/IEC 14496-1 §7.2.6). */
function esdsObjectType(esds: Buffer): number | null {
  let p = 4 // version and flags
  const descriptor = (tag: number): boolean => {
    if (esds[p] !== tag) return false
    p++
    for (let i = 0; i < 4 && p < esds.length; i++) if ((esds[p++]! & 0x80) === 0) break
    return true
  }
  if (!descriptor(0x03)) return null
  const flags = esds[p + 2] ?? 0
  p += 3 // ES_ID and flags
  if (flags & 0x80) p += 2 // dependsOn_ES_ID
  if (flags & 0x40) p += 1 + (esds[p] ?? 0) // URL
  if (flags & 0x20) p += 2 // OCR_ES_Id
  if (!descriptor(0x04)) return null
  return esds[p] ?? null
}

export async function probeMp4(reader: FileReader): Promise<Mp4Probe> {
  const walk: Walk = { reader, boxes: 0 }
  const file: Box = { type: '', start: 0, end: reader.size }
  const moov = await find(walk, file, ['moov'])
  if (!moov) throw new ProbeError('no moov box')
  const tracks: Mp4Track[] = []
  let movie = { timescale: 0, duration: 0 }
  let fragmentDuration = 0
  for await (const box of children(walk, moov.start, moov.end)) {
    if (box.type === 'mvhd') movie = timeFields(await content(walk, box), 12, 20)
    else if (box.type === 'trak') tracks.push(await readTrack(walk, box))
    else if (box.type === 'mvex') {
      // Fragmented files may state their whole length here (in mvhd's timescale) instead.
      const mehd = await find(walk, box, ['mehd'])
      if (mehd) {
        const buf = await content(walk, mehd)
        const v1 = buf[0] === 1
        if (buf.length >= (v1 ? 12 : 8))
          fragmentDuration = v1 ? Number(buf.readBigUInt64BE(4)) : buf.readUInt32BE(4)
      }
    }
  }
  let durationMs = toMs(movie) ?? toMs({ timescale: movie.timescale, duration: fragmentDuration })
  if (durationMs === null) {
    const longest = Math.max(0, ...tracks.map((t) => t.durationMs ?? 0))
    durationMs = longest > 0 ? longest : null
  }
  return { durationMs, tracks }
}

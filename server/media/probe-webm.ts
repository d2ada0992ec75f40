import type { FileReader } from './file-reader'
import { ProbeError } from './probe-error'

/**
 * Reads what the server needs to know about a WebM (Matroska) file from its EBML header,
 * `Segment/Info` and `Segment/Tracks`: duration, tracks, codec ids and picture size. Clusters
 * (the media data) are skipped by seeking, and the walk stops at the first one once both were
 * found, so the cost does not grow with the length of the video. No ffmpeg needed.
 */

export interface WebmTrack {
  /** 1 video, 2 audio, 17 subtitles, … (Matroska `TrackType`). */
  type: number
  /** Matroska `CodecID`: `V_VP8`, `V_VP9`, `V_AV1`, `A_OPUS`, `A_VORBIS`, … */
  codecId: string | null
  /** The size shown (`DisplayWidth/Height` in pixels when present, else the coded size); 0 for sound. */
  width: number
  height: number
}

export interface WebmProbe {
  /** `webm` or `matroska`. */
  docType: string
  durationMs: number | null
  tracks: WebmTrack[]
}

export const TRACK_VIDEO = 1
export const TRACK_AUDIO = 2

/** Top-level elements before the tracks: SeekHead, Void, Info, Tags, Cues… a few dozen at most. */
const WEBM_ELEMENTS_MAX = 10_000
/** Info and Tracks are a few KB (codec private data included); more is a crafted file. */
const WEBM_MASTER_BYTES_MAX = 1024 * 1024
/** The EBML header is a few dozen bytes. */
const WEBM_HEADER_BYTES = 1024

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimestampScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  DisplayWidth: 0x54b0,
  DisplayHeight: 0x54ba,
  DisplayUnit: 0x54b2,
  Cluster: 0x1f43b675,
} as const

interface Vint {
  value: number
  length: number
  /** All value bits set: "size unknown" (live streams, some recorders). */
  unknown: boolean
}

/** An EBML variable-length integer at `p` (RFC 8794 §4). IDs keep their marker bit. */
function vint(buf: Buffer, p: number, keepMarker: boolean): Vint | null {
  const first = buf[p]
  if (first === undefined || first === 0) return null
  const length = Math.clz32(first) - 23
  if (p + length > buf.length) return null
  const mask = 0xff >> length
  let value = keepMarker ? first : first & mask
  let unknown = (first & mask) === mask
  for (let i = 1; i < length; i++) {
    const b = buf[p + i]!
    value = value * 256 + b
    if (b !== 0xff) unknown = false
  }
  return { value, length, unknown }
}

interface Element {
  id: number
  /** Offset of the data, relative to the buffer or file the header was read from. */
  start: number
  size: number
  unknown: boolean
}

function header(buf: Buffer, p: number): Element | null {
  const id = vint(buf, p, true)
  if (!id || id.length > 4) return null
  const size = vint(buf, p + id.length, false)
  if (!size) return null
  return { id: id.value, start: p + id.length + size.length, size: size.value, unknown: size.unknown }
}

/** The child elements of a master element held whole in `buf[start, end)`. */
function* elements(buf: Buffer, start: number, end: number): Generator<Element> {
  let p = start
  let count = 0
  while (p < end) {
    if (++count > WEBM_ELEMENTS_MAX) throw new ProbeError('too many elements')
    const e = header(buf, p)
    if (!e || e.unknown || e.start + e.size > end) throw new ProbeError('element overruns its parent')
    yield e
    p = e.start + e.size
  }
}

const uint = (buf: Buffer, e: Element): number => {
  let v = 0
  for (let i = 0; i < e.size && i < 7; i++) v = v * 256 + buf[e.start + i]!
  return v
}
const float = (buf: Buffer, e: Element): number =>
  e.size === 4 ? buf.readFloatBE(e.start) : e.size === 8 ? buf.readDoubleBE(e.start) : 0
const text = (buf: Buffer, e: Element): string =>
  buf
    .subarray(e.start, e.start + e.size)
    .toString('latin1')
    .replace(/\0+$/, '')

function readInfo(buf: Buffer): { timestampScale: number; duration: number | null } {
  // Nanoseconds per timestamp unit; 1 ms is Matroska's default.
  let timestampScale = 1_000_000
  let duration: number | null = null
  for (const e of elements(buf, 0, buf.length)) {
    if (e.id === ID.TimestampScale) timestampScale = uint(buf, e)
    else if (e.id === ID.Duration) duration = float(buf, e)
  }
  return { timestampScale, duration }
}

function readTrack(buf: Buffer, entry: Element): WebmTrack {
  const track: WebmTrack = { type: 0, codecId: null, width: 0, height: 0 }
  for (const e of elements(buf, entry.start, entry.start + entry.size)) {
    if (e.id === ID.TrackType) track.type = uint(buf, e)
    else if (e.id === ID.CodecID) track.codecId = text(buf, e)
    else if (e.id === ID.Video) {
      const v: Record<number, number> = {}
      for (const f of elements(buf, e.start, e.start + e.size)) v[f.id] = uint(buf, f)
      const pixels = (v[ID.DisplayUnit] ?? 0) === 0
      track.width = (pixels && v[ID.DisplayWidth]) || v[ID.PixelWidth] || 0
      track.height = (pixels && v[ID.DisplayHeight]) || v[ID.PixelHeight] || 0
    }
  }
  return track
}

export async function probeWebm(reader: FileReader): Promise<WebmProbe> {
  const head = await reader.read(0, WEBM_HEADER_BYTES)
  const ebml = header(head, 0)
  if (ebml?.id !== ID.EBML || ebml.start + ebml.size > head.length) throw new ProbeError('no EBML header')
  let docType = 'matroska' // the EBML default when DocType is absent
  for (const e of elements(head, ebml.start, ebml.start + ebml.size)) {
    if (e.id === ID.DocType) docType = text(head, e)
  }
  const segment = header(head, ebml.start + ebml.size)
  if (segment?.id !== ID.Segment) throw new ProbeError('no Segment')
  const end = segment.unknown ? reader.size : Math.min(reader.size, segment.start + segment.size)

  let info: ReturnType<typeof readInfo> | null = null
  let tracks: WebmTrack[] | null = null
  let position = segment.start
  for (let count = 0; position < end && !(info && tracks); count++) {
    if (count > WEBM_ELEMENTS_MAX) throw new ProbeError('too many elements')
    const e = header(await reader.read(position, 12), 0)
    if (!e) throw new ProbeError('element header cut short')
    const dataAt = position + e.start
    if (e.id === ID.Info || e.id === ID.Tracks) {
      if (e.unknown || e.size > WEBM_MASTER_BYTES_MAX) throw new ProbeError('oversized header element')
      const buf = await reader.read(dataAt, e.size)
      if (buf.length < e.size) throw new ProbeError('header element cut short')
      if (e.id === ID.Info) info = readInfo(buf)
      else {
        tracks = [...elements(buf, 0, buf.length)]
          .filter((t) => t.id === ID.TrackEntry)
          .map((t) => readTrack(buf, t))
      }
    }
    // An element of unknown size (a live cluster) cannot be skipped: the headers end here.
    if (e.unknown) break
    position = dataAt + e.size
  }
  if (!tracks) throw new ProbeError('no Tracks element before the media data')
  const duration = info?.duration ?? null
  const durationMs =
    info && duration !== null && Number.isFinite(duration) && duration > 0
      ? Math.round((duration * info.timestampScale) / 1_000_000)
      : null
  return { docType, durationMs, tracks }
}

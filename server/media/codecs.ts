/**
 * Codec names as the containers spell them, mapped to one short id (stored, shown in the
 * console) and a label for messages. Unknown codes pass through, so a message can still name them.
 */
export interface Codec {
  id: string
  label: string
}

const c = (id: string, label: string): Codec => ({ id, label })
const H264 = c('h264', 'H.264')
const HEVC = c('hevc', 'HEVC (H.265)')
const VP8 = c('vp8', 'VP8')
const VP9 = c('vp9', 'VP9')
const AV1 = c('av1', 'AV1')
const MPEG4 = c('mpeg4', 'MPEG-4 Part 2 (DivX/Xvid)')
const PRORES = c('prores', 'Apple ProRes')
const AAC = c('aac', 'AAC')
const MP3 = c('mp3', 'MP3')

/** ISO BMFF sample entry codes (MP4 registration authority). */
const MP4_VIDEO: Readonly<Record<string, Codec>> = {
  avc1: H264,
  avc3: H264,
  hvc1: HEVC,
  hev1: HEVC,
  dvh1: c('hevc', 'Dolby Vision (HEVC)'),
  dvhe: c('hevc', 'Dolby Vision (HEVC)'),
  vp08: VP8,
  vp09: VP9,
  av01: AV1,
  mp4v: MPEG4,
  s263: c('h263', 'H.263'),
  apch: PRORES,
  apcn: PRORES,
  apcs: PRORES,
  apco: PRORES,
  ap4h: PRORES,
  mjpa: c('mjpeg', 'Motion JPEG'),
  jpeg: c('mjpeg', 'Motion JPEG'),
  encv: c('encrypted', 'an encrypted (DRM-protected) stream'),
}

/** `objectTypeIndication` values inside `mp4a` (ISO/IEC 14496-1 object type registry). */
const MP4A_OBJECT_TYPES: Readonly<Record<number, Codec>> = {
  64: AAC,
  102: AAC,
  103: AAC,
  104: AAC,
  105: MP3,
  107: MP3,
  165: c('ac3', 'Dolby Digital (AC-3)'),
  166: c('eac3', 'Dolby Digital Plus (E-AC-3)'),
}

const MP4_AUDIO: Readonly<Record<string, Codec>> = {
  mp4a: AAC,
  Opus: c('opus', 'Opus'),
  fLaC: c('flac', 'FLAC'),
  '.mp3': MP3,
  'ac-3': c('ac3', 'Dolby Digital (AC-3)'),
  'ec-3': c('eac3', 'Dolby Digital Plus (E-AC-3)'),
  alac: c('alac', 'Apple Lossless'),
  lpcm: c('pcm', 'PCM'),
  sowt: c('pcm', 'PCM'),
  twos: c('pcm', 'PCM'),
}

/** Matroska `CodecID`s (matroska.org codec mappings). */
const WEBM_VIDEO: Readonly<Record<string, Codec>> = {
  V_VP8: VP8,
  V_VP9: VP9,
  V_AV1: AV1,
  'V_MPEG4/ISO/AVC': H264,
  'V_MPEGH/ISO/HEVC': HEVC,
  'V_MPEG4/ISO/ASP': MPEG4,
  V_THEORA: c('theora', 'Theora'),
  'V_MS/VFW/FOURCC': c('vfw', 'a Video for Windows codec'),
}

const WEBM_AUDIO: Readonly<Record<string, Codec>> = {
  A_OPUS: c('opus', 'Opus'),
  A_VORBIS: c('vorbis', 'Vorbis'),
  A_AAC: AAC,
  'A_MPEG/L3': MP3,
  A_FLAC: c('flac', 'FLAC'),
  A_AC3: c('ac3', 'Dolby Digital (AC-3)'),
  A_EAC3: c('eac3', 'Dolby Digital Plus (E-AC-3)'),
}

const unknown = (code: string): Codec => c(code.trim().toLowerCase() || 'unknown', code.trim() || 'unknown')

export const mp4VideoCodec = (code: string): Codec => MP4_VIDEO[code] ?? unknown(code)

export const mp4AudioCodec = (code: string, objectType: number | null): Codec =>
  code === 'mp4a' && objectType !== null
    ? (MP4A_OBJECT_TYPES[objectType] ?? c('mp4a', `MPEG-4 audio type 0x${objectType.toString(16)}`))
    : (MP4_AUDIO[code] ?? unknown(code))

export const webmVideoCodec = (id: string): Codec => WEBM_VIDEO[id] ?? unknown(id)

export const webmAudioCodec = (id: string): Codec =>
  WEBM_AUDIO[id] ?? (id.startsWith('A_AAC') ? AAC : id.startsWith('A_PCM') ? c('pcm', 'PCM') : unknown(id))

/**
 * The container and codec pairs screens play: H.264 in MP4, VP8 and VP9 in WebM, as the issue
 * names them. AV1 plays in current Chromium too, but only in software: at 1080p it drops frames
 * on the fanless PCs behind the LED walls, so it is refused with the same advice as HEVC.
 */
export const PLAYABLE_VIDEO_CODECS: Readonly<Record<string, readonly string[]>> = {
  'video/mp4': ['h264'],
  'video/webm': ['vp8', 'vp9'],
}

/**
 * H.264 profiles Chromium decodes everywhere: 8-bit 4:2:0 (Baseline 66, Main 77, Extended 88,
 * High 100). High 4:4:4 (what ffmpeg picks for RGB sources unless told `-pix_fmt yuv420p`),
 * 4:2:2 and 10-bit files show a black frame or an error in Chromium.
 */
export const H264_PROFILES_PLAYABLE: ReadonlySet<number> = new Set([66, 77, 88, 100])

export const H264_PROFILE_NAMES: Readonly<Record<number, string>> = {
  44: 'CAVLC 4:4:4 Intra',
  110: 'High 10',
  122: 'High 4:2:2',
  244: 'High 4:4:4 Predictive',
}

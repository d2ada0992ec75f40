import { unprocessable, unsupportedMedia } from '../errors'
import {
  type Codec,
  H264_PROFILE_NAMES,
  H264_PROFILES_PLAYABLE,
  mp4AudioCodec,
  mp4VideoCodec,
  PLAYABLE_VIDEO_CODECS,
  webmAudioCodec,
  webmVideoCodec,
} from './codecs'
import type { FileReader } from './file-reader'
import type { MediaFormat } from './formats'
import { ProbeError } from './probe-error'
import { probeMp4 } from './probe-mp4'
import { probeWebm, TRACK_AUDIO, TRACK_VIDEO } from './probe-webm'
import { damaged } from './refusal'

/** What the server measured about an accepted video. */
export interface VideoFacts {
  width: number
  height: number
  durationMs: number
  videoCodec: string
  audioCodec: string | null
}

/** The container's own tracks, in the terms the checks below need. */
interface Probed {
  durationMs: number | null
  video: { codec: Codec; width: number; height: number; avcProfile: number | null } | null
  audio: Codec | null
}

async function probe(reader: FileReader, format: MediaFormat): Promise<Probed> {
  if (format.contentType === 'video/mp4') {
    const mp4 = await probeMp4(reader)
    const v = mp4.tracks.find((t) => t.handler === 'vide' && t.codec)
    const a = mp4.tracks.find((t) => t.handler === 'soun' && t.codec)
    return {
      durationMs: mp4.durationMs,
      video: v
        ? {
            codec: mp4VideoCodec(v.codec!),
            width: v.width,
            height: v.height,
            avcProfile: v.avcProfile,
          }
        : null,
      audio: a ? mp4AudioCodec(a.codec!, a.objectType) : null,
    }
  }
  const webm = await probeWebm(reader)
  const v = webm.tracks.find((t) => t.type === TRACK_VIDEO && t.codecId)
  const a = webm.tracks.find((t) => t.type === TRACK_AUDIO && t.codecId)
  return {
    durationMs: webm.durationMs,
    video: v
      ? { codec: webmVideoCodec(v.codecId!), width: v.width, height: v.height, avcProfile: null }
      : null,
    audio: a ? webmAudioCodec(a.codecId!) : null,
  }
}

const container = (format: MediaFormat) => (format.contentType === 'video/mp4' ? 'MP4' : 'WebM')

/**
 * Measures a video from its headers and refuses one a screen could not play: no picture,
 * no length, or a codec Chromium does not decode. Sound is recorded but never refused:
 * Chromium skips an audio track it cannot decode and plays the picture, and screens are muted.
 */
export async function inspectVideo(reader: FileReader, format: MediaFormat): Promise<VideoFacts> {
  let probed: Probed
  try {
    probed = await probe(reader, format)
  } catch (error) {
    // A RangeError is a read past the end of a header buffer: a header cut short, same answer.
    if (error instanceof ProbeError || error instanceof RangeError) {
      throw damaged('video', `its header is damaged (${error.message})`)
    }
    throw error
  }
  const { video, audio, durationMs } = probed
  const kind = container(format)
  if (!video) {
    throw unprocessable(
      'media.no-video-track',
      `This ${kind} file has no video track${audio ? `, only sound (${audio.label})` : ''}. Screens show ` +
        'pictures: upload a video with a picture track.',
      { videoCodec: null, audioCodec: audio?.id ?? null },
    )
  }
  const playable = PLAYABLE_VIDEO_CODECS[format.contentType] ?? []
  if (!playable.includes(video.codec.id)) {
    throw unsupportedMedia(
      'media.codec-unplayable',
      `This ${kind} video is encoded as ${video.codec.label}, which Chromium on the screens cannot play. ` +
        `Re-export it as H.264 MP4${kind === 'WebM' ? ' or VP9 WebM' : ''}.`,
      { container: kind.toLowerCase(), videoCodec: video.codec.id, playable },
    )
  }
  if (
    video.codec.id === 'h264' &&
    video.avcProfile !== null &&
    !H264_PROFILES_PLAYABLE.has(video.avcProfile)
  ) {
    const profile = H264_PROFILE_NAMES[video.avcProfile] ?? `profile ${video.avcProfile}`
    throw unsupportedMedia(
      'media.profile-unplayable',
      `This video is H.264 ${profile}, which Chromium on the screens cannot play. Re-export it as H.264 ` +
        'High profile with 8-bit 4:2:0 colour (in ffmpeg: -pix_fmt yuv420p).',
      { container: kind.toLowerCase(), videoCodec: 'h264', profile: video.avcProfile },
    )
  }
  if (durationMs === null) {
    throw unprocessable(
      'media.no-duration',
      `This ${kind} video does not state a duration (or states zero), as live recordings often do; a ` +
        'screen could not schedule it. Re-export it from a video editor.',
    )
  }
  if (!(video.width > 0 && video.height > 0)) throw damaged('video', 'its picture size is missing')
  return {
    width: video.width,
    height: video.height,
    durationMs,
    videoCodec: video.codec.id,
    audioCodec: audio?.id ?? null,
  }
}

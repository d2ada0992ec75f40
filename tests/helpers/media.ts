import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import sharp from 'sharp'
import { noiseBytes } from './files'

/**
 * Real videos for the probes and the upload checks, made with Debian's ffmpeg (installed for
 * the tests by scripts/ensure-system-deps.sh; the server itself never runs it). Each is made
 * once per test process, 2 s of a test pattern at 320×240.
 */
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg'

const PATTERN = ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25']
const TONE = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']
const TWO_SECONDS = ['-t', '2']

export const VIDEO_RECIPES = {
  'h264.mp4': [...PATTERN, ...TONE, ...TWO_SECONDS, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
  /** ffmpeg's default for an RGB source: High 4:4:4 Predictive, which Chromium cannot play. */
  'h264-444.mp4': [...PATTERN, ...TWO_SECONDS, '-c:v', 'libx264', '-pix_fmt', 'yuv444p'],
  'vp9.webm': [...PATTERN, ...TONE, ...TWO_SECONDS, '-c:v', 'libvpx-vp9', '-b:v', '200k', '-c:a', 'libopus'],
  'vp8.webm': [...PATTERN, ...TWO_SECONDS, '-c:v', 'libvpx', '-b:v', '200k'],
  'hevc.mp4': [
    ...PATTERN,
    ...TWO_SECONDS,
    '-c:v',
    'libx265',
    '-pix_fmt',
    'yuv420p',
    '-x265-params',
    'log-level=error',
  ],
  'mpeg4.mp4': [...PATTERN, ...TWO_SECONDS, '-c:v', 'mpeg4'],
  'av1.webm': [...PATTERN, ...TWO_SECONDS, '-c:v', 'libaom-av1', '-cpu-used', '8', '-b:v', '100k'],
  'audio.mp4': [...TONE, ...TWO_SECONDS, '-c:a', 'aac'],
  'audio.webm': [...TONE, ...TWO_SECONDS, '-c:a', 'libopus'],
} as const satisfies Record<string, readonly string[]>

export type VideoName = keyof typeof VIDEO_RECIPES

function ffmpegAvailable(): void {
  try {
    execFileSync(FFMPEG, ['-version'], { stdio: 'ignore' })
  } catch {
    throw new Error(
      "ffmpeg is needed to make the test videos (not by the server). Install Debian's ffmpeg: " +
        'scripts/ensure-system-deps.sh does it when run as root.',
    )
  }
}

/**
 * Made videos are kept in one folder under the system's temp dir, named by a hash of their
 * recipe: later runs reuse them, a changed recipe makes a new file, and the folder stays small.
 */
const CACHE_DIR = join(tmpdir(), 'gatecast-test-videos')
let checked = false

/** The path of the named test video, made on first use. */
export function videoFixture(name: VideoName): string {
  const recipe = VIDEO_RECIPES[name]
  const key = createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 12)
  const path = join(CACHE_DIR, `${key}-${name}`)
  if (existsSync(path)) return path
  if (!checked) {
    ffmpegAvailable()
    checked = true
  }
  mkdirSync(CACHE_DIR, { recursive: true })
  // Two test workers may make the same file at once: each writes its own, the rename is atomic.
  const temp = join(CACHE_DIR, `${process.pid}-${key}-${name}`)
  execFileSync(FFMPEG, ['-v', 'error', '-y', ...recipe, temp], { stdio: ['ignore', 'ignore', 'pipe'] })
  renameSync(temp, path)
  return path
}

export const readVideo = (name: VideoName): Buffer => readFileSync(videoFixture(name))

/**
 * The same MP4 with its video track turned a quarter by the track header's matrix, as phones
 * record portrait video. (Debian's ffmpeg 5 cannot write the matrix itself.)
 */
export function rotateMp4(mp4: Buffer): Buffer {
  const out = Buffer.from(mp4)
  const tkhd = out.indexOf('tkhd', 0, 'latin1')
  if (tkhd < 0 || out[tkhd + 4] !== 0) throw new Error('expected a version 0 tkhd')
  const matrix = tkhd + 4 + 40
  out.writeInt32BE(0, matrix)
  out.writeInt32BE(0x10000, matrix + 4)
  out.writeInt32BE(-0x10000, matrix + 12)
  out.writeInt32BE(0, matrix + 16)
  return out
}

/** The sample videos committed with the seed content. */
export const seedVideo = (name: 'border-clouds.mp4' | 'border-clouds.webm'): string =>
  join(ROOT, 'server', 'seed', 'content', 'media', name)

/** A real JPEG of a smooth picture, made by sharp. */
export async function makeJpeg(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3)
  for (let i = 0; i < raw.length; i += 3) {
    const p = i / 3
    raw[i] = (p % width) & 0xff
    raw[i + 1] = Math.floor(p / width) & 0xff
    raw[i + 2] = 128
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/**
 * A JPEG whose headers, start of scan and end marker are intact but whose entropy-coded data
 * is noise: every header-level check passes, and only a real decode finds it broken.
 */
export async function makeJpegWithGarbageData(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await makeJpeg(width, height))
  let sos = -1
  for (let i = 2; i < jpeg.length - 1; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xda) {
      sos = i
      break
    }
  }
  if (sos < 0) throw new Error('no start of scan')
  const from = sos + 64
  const to = jpeg.length - 16
  noiseBytes(to - from, 3, true).copy(jpeg, from)
  return jpeg
}

/** Every file left under the media folder (thumbnails and partial uploads included). */
export function mediaFilesOnDisk(dataDir: string): string[] {
  const root = join(dataDir, 'media')
  const walk = (rel: string): string[] =>
    readdirSync(join(root, rel)).flatMap((name) => {
      const path = join(rel, name)
      return statSync(join(root, path)).isDirectory() ? walk(path) : [path]
    })
  mkdirSync(root, { recursive: true })
  return walk('').sort()
}

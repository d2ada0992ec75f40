import { IMAGE_PIXELS_MAX } from '@playlists/limits'
import type { MediaKind } from '@playlists/schemas/media'
import { payloadTooLarge, unprocessable, unsupportedMedia } from '../errors'
import type { FileReader } from './file-reader'
import { PLAYABLE_LIST, UNPLAYABLE_HINTS } from './formats'
import { isSvg, svgActiveContent } from './svg'

/**
 * Why a file that is not a playable image or video is refused, in words the uploader can act
 * on. Programs and archives are named as such: a gate's screen must never receive one, and
 * someone uploading one by mistake should see at once what they picked.
 */

const PROGRAMS: Readonly<Record<string, string>> = {
  'application/x-elf': 'a Linux program (ELF)',
  'application/x-msdownload': 'a Windows program (.exe or .dll)',
  'application/x-mach-binary': 'a macOS program (Mach-O)',
  'application/wasm': 'a WebAssembly program',
  'application/java-archive': 'a Java program (.jar)',
  'application/java-vm': 'a Java class file',
  'application/vnd.android.package-archive': 'an Android app (.apk)',
  'application/x-deb': 'a Debian package',
  'application/x-rpm': 'an RPM package',
  'application/x-apple-diskimage': 'a macOS disk image',
  'application/x-shockwave-flash': 'a Flash program',
  'application/x-google-chrome-extension': 'a Chrome extension',
  'application/x-xpinstall': 'a Firefox extension',
  'application/x.ms.shortcut': 'a Windows shortcut',
  'application/x-ms-regedit': 'a Windows registry file',
}

const ARCHIVES: Readonly<Record<string, string>> = {
  'application/zip': 'ZIP',
  'application/x-rar-compressed': 'RAR',
  'application/x-7z-compressed': '7-Zip',
  'application/gzip': 'gzip',
  'application/x-tar': 'tar',
  'application/x-bzip2': 'bzip2',
  'application/x-xz': 'xz',
  'application/zstd': 'zstd',
  'application/x-lzip': 'lzip',
  'application/x-lz4': 'LZ4',
  'application/x-compress': 'compress',
  'application/x-cpio': 'cpio',
  'application/vnd.ms-cab-compressed': 'CAB',
  'application/x-unix-archive': 'ar',
  'application/x-arj': 'ARJ',
  'application/x-ace-compressed': 'ACE',
  'application/x-lzh-compressed': 'LZH',
}

/** Enough of an SVG to find scripts anywhere in any drawing a person would upload. */
const TEXT_SCAN_BYTES = 1024 * 1024

const canPlay = `screens can play ${PLAYABLE_LIST}`

/** Throws the 415 that explains why `detected` (or the sniffed text) is not accepted. */
export async function refuseUnplayable(reader: FileReader, detected: string | undefined): Promise<never> {
  if (detected && PROGRAMS[detected]) {
    throw unsupportedMedia(
      'media.program',
      `This file is ${PROGRAMS[detected]}, not an image or video. Programs are never accepted; ${canPlay}.`,
      { detected, refused: 'program' },
    )
  }
  if (detected && ARCHIVES[detected]) {
    throw unsupportedMedia(
      'media.archive',
      `This file is an archive (${ARCHIVES[detected]}), not an image or video. Unpack it and upload the ` +
        `pictures or videos inside one by one; ${canPlay}.`,
      { detected, refused: 'archive' },
    )
  }
  if (detected === undefined || detected === 'application/xml') {
    const head = await reader.read(0, TEXT_SCAN_BYTES)
    const text = decodeText(head)
    if (isSvg(text)) {
      const active = svgActiveContent(text)
      if (active.length > 0) {
        throw unsupportedMedia(
          'media.svg-active',
          `This is an SVG drawing that contains ${active.join(', ')}: it could run code in the screen's ` +
            `browser. Screens never show SVG; export the drawing as PNG at the screen's size and upload that.`,
          { detected: 'image/svg+xml', refused: 'svg-active-content', activeContent: active },
        )
      }
      throw unsupportedMedia(
        'media.svg',
        'This is an SVG drawing. Screens do not show SVG (it can carry scripts and links, and its fonts ' +
          "and filters render differently from one browser to the next); export it as PNG at the screen's " +
          'size and upload that.',
        { detected: 'image/svg+xml', refused: 'svg' },
      )
    }
    if (text.startsWith('#!')) {
      const eol = text.indexOf('\n')
      const interpreter = text
        .slice(2, eol < 0 ? undefined : eol)
        .trim()
        .slice(0, 60)
      throw unsupportedMedia(
        'media.program',
        `This file is a script (#!${interpreter}), a program, not an image or video. Programs are never ` +
          `accepted; ${canPlay}.`,
        { detected: 'text/x-script', refused: 'program' },
      )
    }
    if (/^\s*<(?:!doctype\s+html|html)[\s>]/i.test(text)) {
      throw unsupportedMedia(
        'media.html',
        `This file is a web page (HTML), not an image or video; ${canPlay}.`,
        {
          detected: 'text/html',
          refused: 'html',
        },
      )
    }
  }
  const hint = detected ? UNPLAYABLE_HINTS[detected] : undefined
  if (hint)
    throw unsupportedMedia('media.unsupported-type', `This file is ${hint}; ${canPlay}.`, { detected })
  if (!detected) {
    throw unsupportedMedia(
      'media.unrecognised',
      `This file is not a recognised image or video; ${canPlay}.`,
      { detected: null },
    )
  }
  throw unsupportedMedia('media.unsupported-type', `This file is ${detected}; ${canPlay}.`, { detected })
}

/** SVG and scripts are mostly UTF-8; Windows tools sometimes write UTF-16 with a byte-order mark. */
function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le')
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const even = buf.subarray(2, 2 + ((buf.length - 2) & ~1))
    return Buffer.from(even).swap16().toString('utf16le')
  }
  return buf.toString('utf8').replace(/^\uFEFF/, '')
}

/** Refusals decided after the type: kept here so every "why not" message lives in one file. */
export const damaged = (what: string, why = 'it looks truncated or damaged') =>
  unprocessable('media.unreadable', `The ${what} could not be read: ${why}. Export or copy it again.`)

/** A file followed by other data: a polyglot, or a phone's motion photo (see trailing.ts). */
export const hiddenData = (kind: MediaKind, bytes: number) =>
  unprocessable(
    'media.hidden-data',
    kind === 'image'
      ? `This image carries ${formatBytesShort(bytes)} of other data after the picture (a motion photo's ` +
          'video, an archive or a script hidden in it). Save the picture again as a plain file and upload that.'
      : `This video carries ${formatBytesShort(bytes)} of other data after its end (an archive or a ` +
          'script hidden in it). Export the video again and upload that.',
    { trailingBytes: bytes, kind },
  )

/** A picture larger than IMAGE_PIXELS_MAX, refused from its header before anything decodes it. */
export const tooManyPixels = (width: number, height: number) =>
  payloadTooLarge(
    'media.too-many-pixels',
    `This image is ${width}×${height} pixels (${megapixels(width * height)} megapixels); the limit is ` +
      `${megapixels(IMAGE_PIXELS_MAX)} megapixels, far more than any screen shows. Scale it down to the ` +
      "screen's size and upload it again.",
    { width, height, limitPixels: IMAGE_PIXELS_MAX },
  )

/** A GIF frame that reaches outside the picture's logical screen (see image.ts). */
export const frameOutside = (
  frame: number,
  rect: { left: number; top: number; width: number; height: number },
  canvas: { width: number; height: number },
) =>
  unprocessable(
    'media.frame-outside',
    `The image could not be read: its frame ${frame} (${rect.width}×${rect.height} at ${rect.left},${rect.top}) ` +
      `reaches outside the picture, which is ${canvas.width}×${canvas.height}. Export or copy it again.`,
    { refused: 'frame-outside', frame, frameRect: rect, canvas },
  )

const formatBytesShort = (n: number) => (n < 1024 ? `${n} bytes` : `${Math.round(n / 1024)} KB`)
const megapixels = (pixels: number): string => String(Math.round(pixels / 100_000) / 10)

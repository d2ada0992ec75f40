import { unsupportedMedia } from '../errors'
import { type MediaFormat, PLAYABLE_FORMATS } from './formats'

/**
 * What the client says a file is — its name's extension and the part's Content-Type — is never
 * used to decide the type, only checked against what the bytes are. A disagreement means the
 * operator picked the wrong file or a tool mislabelled it; either way a person should look
 * before it goes on a screen, so it is refused rather than silently corrected.
 */

/**
 * Extensions that name a type, besides the playable ones. An extension not listed here
 * ("Hội chợ 2024.05", "poster.final") is taken as part of the name, not as a claim.
 */
const OTHER_KNOWN_EXTS: Readonly<Record<string, string>> = {
  svg: 'an SVG drawing',
  svgz: 'an SVG drawing',
  bmp: 'a BMP image',
  tif: 'a TIFF image',
  tiff: 'a TIFF image',
  heic: 'a HEIC photo',
  heif: 'a HEIF photo',
  avif: 'an AVIF image',
  ico: 'an icon',
  psd: 'a Photoshop file',
  mov: 'a QuickTime movie',
  mkv: 'a Matroska video',
  avi: 'an AVI video',
  wmv: 'a Windows Media video',
  flv: 'a Flash video',
  mpg: 'an MPEG video',
  mpeg: 'an MPEG video',
  ts: 'an MPEG transport stream',
  '3gp': 'a 3GP video',
  mp3: 'an MP3 sound file',
  m4a: 'an M4A sound file',
  wav: 'a WAV sound file',
  ogg: 'an Ogg file',
  txt: 'a text file',
  pdf: 'a PDF document',
  doc: 'a Word document',
  docx: 'a Word document',
  xls: 'an Excel sheet',
  xlsx: 'an Excel sheet',
  ppt: 'a PowerPoint file',
  pptx: 'a PowerPoint file',
  html: 'a web page',
  htm: 'a web page',
  js: 'a script',
  sh: 'a script',
  bat: 'a script',
  ps1: 'a script',
  exe: 'a program',
  dll: 'a program',
  msi: 'an installer',
  apk: 'an Android app',
  jar: 'a Java program',
  zip: 'an archive',
  rar: 'an archive',
  '7z': 'an archive',
  gz: 'an archive',
  tar: 'an archive',
}

const PLAYABLE_EXTS = new Set(Object.values(PLAYABLE_FORMATS).flatMap((f) => f.exts))

/** Types that say nothing: what curl and many upload tools send for any file. */
const NO_CLAIM_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown'])

/** Old or vendor names for the playable types, still sent by some browsers and tools. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/apng': 'image/png',
  'video/x-m4v': 'video/mp4',
}

export function extensionOf(fileName: string): string | null {
  const match = /\.([0-9a-z]{1,5})$/i.exec(fileName.trim())
  return match ? match[1]!.toLowerCase() : null
}

/** Throws 415 when the name or the declared type says something other than the content. */
export function checkClaims(format: MediaFormat, claims: { fileName?: string; contentType?: string }): void {
  const name = claims.fileName ?? ''
  const ext = extensionOf(name)
  const known = ext !== null && (PLAYABLE_EXTS.has(ext) || ext in OTHER_KNOWN_EXTS)
  if (ext && known && !format.exts.includes(ext)) {
    throw unsupportedMedia(
      'media.name-mismatch',
      `"${name}" is named .${ext} but its content is ${format.label}. Rename it to .${format.ext} if ` +
        `it is the file you meant, or export it again as the type its name says.`,
      { named: `.${ext}`, detected: format.contentType },
    )
  }
  const declared = (claims.contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (NO_CLAIM_TYPES.has(declared)) return
  const family = TYPE_ALIASES[declared] ?? declared
  if (family !== format.contentType) {
    throw unsupportedMedia(
      'media.type-mismatch',
      `"${name}" was sent as ${declared} but its content is ${format.label}. Check that you picked the ` +
        `right file; if it is, rename it to .${format.ext} and upload it again.`,
      { declared, detected: format.contentType },
    )
  }
}

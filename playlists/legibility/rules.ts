import type { Language } from '../schemas/common'

/**
 * How large text must be, and how long a slide must stay, for a person at a screen's typical
 * viewing distance to read it (issue 17 point 3; README "Legibility"). Pure numbers of a
 * screen's physical facts: the server's approval check and the console's slide editor compute
 * the same verdict from them.
 *
 * Two rules for the size, of which the larger applies:
 *  (a) a visual angle: the letter must subtend enough of the eye's field at the viewing distance;
 *  (b) enough pixels (LED rows) per glyph for its strokes to be drawn apart at all.
 */

/** The writing systems the programme shows, each with its own rule. */
export type Script = 'vietnamese' | 'han' | 'latin'
export const SCRIPT_OF: Readonly<Record<Language, Script>> = { vi: 'vietnamese', zh: 'han', en: 'latin' }

/**
 * Latin capital height as a visual angle, in minutes of arc. ISO 9241-3 prefers 20′–22′ for text
 * that is read (16′ is its floor, for text glanced at); the US FAA's 1/200 of the distance is
 * 17.2′; the signage rule of one inch per ten feet "for best readability" is 28.6′. A border
 * crowd reads the whole message, once, often in daylight: the ISO preference, 20′.
 */
export const LATIN_CAP_ARCMIN = 20

/**
 * Han characters: each extra stroke costs about 0.25′ of character size at the legibility
 * threshold (Huang et al., legibility threshold of Chinese characters in three type styles). A
 * capital E has 4 strokes; a 16-stroke character (common ones run to 16 and past) needs
 * 12 × 0.25′ = 3′ more than a capital: 23′ for the ideograph's face.
 */
export const ARCMIN_PER_STROKE = 0.25
export const LATIN_DESIGN_STROKES = 4
export const HAN_DESIGN_STROKES = 16
export const HAN_FACE_ARCMIN =
  LATIN_CAP_ARCMIN + ARCMIN_PER_STROKE * (HAN_DESIGN_STROKES - LATIN_DESIGN_STROKES)

/**
 * Fractions of the em box the measured part of a glyph fills, in the player's faces: Noto Sans'
 * capital height is 714/1000 of the em; an ideograph of Noto Sans SC fills about 0.9 of its em
 * box (the ideographic character face).
 */
export const CAP_HEIGHT_EM = 0.714
export const HAN_FACE_EM = 0.9

/**
 * Rows of pixels per glyph, below which strokes merge whatever the distance:
 *  - Latin: a capital 9 rows tall (ISO 9241-3: a 7 × 9 matrix is the least for text read
 *    continuously; 5 × 7 only for digits and capitals alone);
 *  - Vietnamese: 12. Stacked marks (ế, ẫ, Ấ) sit above the letter: in Noto Sans the room above
 *    the x-height holds two marks in about 0.55 of a capital's height, and two marks told apart
 *    need 2 rows each with a row between and above (6 rows): 6 / 0.55 ≈ 11, rounded up;
 *  - Han: an em box of 16 rows, the smallest dot-matrix size (GB 2312's 16 × 16) in which every
 *    common character keeps all its strokes; 12 × 12 faces drop or merge strokes.
 */
export const LATIN_CAP_ROWS = 9
export const VIETNAMESE_CAP_ROWS = 12
export const HAN_EM_ROWS = 16

const RADIANS_PER_ARCMIN = Math.PI / (180 * 60)

/** The height in mm that subtends `arcmin` at `distanceM`. */
export const heightForAngleMm = (arcmin: number, distanceM: number): number =>
  2 * distanceM * 1000 * Math.tan((arcmin * RADIANS_PER_ARCMIN) / 2)

/** What a screen's physical facts demand of a script's text. */
export interface TextMinimum {
  script: Script
  /** The smallest font size (CSS px = panel pixels) that meets both rules. */
  fontPx: number
  /** The measured part of the glyph at that size: capital height, or an ideograph's face. */
  glyphMm: number
  /** Which rule set the minimum: the visual angle, or the rows per glyph. */
  rule: 'angle' | 'rows'
}

/** The part of the em box each script is measured by, and its two rules. */
const MEASURE: Readonly<Record<Script, { em: number; arcmin: number; rows: number; rowsEm: number }>> = {
  latin: { em: CAP_HEIGHT_EM, arcmin: LATIN_CAP_ARCMIN, rows: LATIN_CAP_ROWS, rowsEm: CAP_HEIGHT_EM },
  vietnamese: {
    em: CAP_HEIGHT_EM,
    arcmin: LATIN_CAP_ARCMIN,
    rows: VIETNAMESE_CAP_ROWS,
    rowsEm: CAP_HEIGHT_EM,
  },
  han: { em: HAN_FACE_EM, arcmin: HAN_FACE_ARCMIN, rows: HAN_EM_ROWS, rowsEm: 1 },
}

/** The smallest legible font size for a script on a panel of `pitchMm` read from `distanceM`. */
export function minimumText(script: Script, pitchMm: number, distanceM: number): TextMinimum {
  const m = MEASURE[script]
  const byAngle = heightForAngleMm(m.arcmin, distanceM) / pitchMm / m.em
  const byRows = m.rows / m.rowsEm
  const fontPx = Math.max(byAngle, byRows)
  return { script, fontPx, glyphMm: fontPx * m.em * pitchMm, rule: byAngle >= byRows ? 'angle' : 'rows' }
}

/** The measured glyph height in mm of text at `fontPx` on a panel of `pitchMm`. */
export const glyphMm = (script: Script, fontPx: number, pitchMm: number): number =>
  fontPx * MEASURE[script].em * pitchMm

/**
 * Reading speeds on a sign, below those at a desk: IReST (Trauzettel-Klosinski & Dietz 2012)
 * measured 184 words/min and 370 syllables/min on average over 17 languages read aloud, and
 * 255 characters/min in Chinese; silent reading of English runs to 238 words/min (Brysbaert
 * 2019). A sign is read from afar, standing or walking, often in a second language:
 *  - Latin (English): 3 words a second (180/min);
 *  - Vietnamese writes each syllable as a word: 4.5 syllables a second, the same syllable rate
 *    as 3 English words of about 1.5 syllables;
 *  - Han: 4 characters a second (240/min, under IReST's 255).
 */
export const LATIN_WORDS_PER_S = 3
export const VIETNAMESE_SYLLABLES_PER_S = 4.5
export const HAN_CHARS_PER_S = 4
/** Noticing that the slide changed and finding where its text starts, before reading. */
export const RECOGNITION_S = 2

const HAN = /\p{Script=Han}/u
const WORD = /[\p{L}\p{N}]/u

/** What a reader counts in a text: Han characters, plus the words of any other script in it. */
export function readingUnits(text: string): { words: number; han: number } {
  let han = 0
  let words = 0
  for (const token of text.split(/\s+/)) {
    let inWord = false
    for (const ch of token) {
      if (HAN.test(ch)) {
        han++
        inWord = false
      } else if (WORD.test(ch)) {
        if (!inWord) words++
        inWord = true
      } else inWord = false
    }
  }
  return { words, han }
}

/** Seconds a reader of `script` needs for `text`, recognition included. */
export function readingSeconds(script: Script, text: string): number {
  const { words, han } = readingUnits(text)
  const perWord = script === 'vietnamese' ? VIETNAMESE_SYLLABLES_PER_S : LATIN_WORDS_PER_S
  return RECOGNITION_S + han / HAN_CHARS_PER_S + words / perWord
}

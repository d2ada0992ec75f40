import type { Language } from '../schemas/common'
import type { TrilingualText } from '../schemas/text'
import { BOLD_ADVANCES, REGULAR_ADVANCES } from './advances'

/**
 * The font size the player's slide fitter (player/src/fit-text.ts) settles on, computed without
 * a browser: the layout of player/styles/stage.css's `.slide` and `.lang` blocks, line breaking by the
 * advance widths of the player's fonts, and the fitter's own binary search. The server checks a
 * version with it (it has no browser, and does not take a browser's word); the console shows the
 * same numbers while editing. Kerning is left out, which makes lines a little longer than drawn:
 * the estimate errs towards smaller text, never towards passing text that is too small.
 */

/** From player/styles/stage.css: the sizes each block's parts take, in em of the box's font size. */
const TITLE_EM = 1.5
const TITLE_LINE = 1.2
const BODY_LINE = 1.35
const BODY_GAP_EM = 0.25
const BLOCK_GAP_EM = 0.6
/** The coloured rule and padding at the left of each language block (0.18em + 0.6em). */
const RULE_EM = 0.78
/** `.slide-text` padding, in vmin of the panel: 4 above and below, 5 left and right. */
const PAD_Y_VMIN = 0.04
const PAD_X_VMIN = 0.05
/** A picture takes 40% of a landscape slide's width, 35% of a portrait one's height. */
const IMAGE_WIDTH_SHARE = 0.4
const IMAGE_HEIGHT_SHARE = 0.35

/** fit-text.ts: the fitter never goes below this, and starts from a tenth of the shorter side. */
export const FIT_MIN_PX = 12
export const FIT_MAX_SHARE = 0.1

const FULL_WIDTH = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u
/** Closing punctuation stays with what it follows; opening punctuation with what comes next. */
const CLOSING = /[，。、：；！？）」』”’》〉,.;:!?)\]]/u
const OPENING = /[（「『“‘《〈([]/u
/** A width for characters the tables lack: a wide Latin letter, so the estimate errs small. */
const UNKNOWN_ADVANCE = 700

function advance(ch: string, bold: boolean): number {
  if (FULL_WIDTH.test(ch)) return 1000
  return (bold ? BOLD_ADVANCES : REGULAR_ADVANCES)[ch] ?? UNKNOWN_ADVANCE
}

/** A text's width on one line (no wrapping), in em: the advances of its characters, kerning left out. */
export function textWidthEm(text: string, bold = false): number {
  let width = 0
  for (const ch of text) width += advance(ch, bold)
  return width / 1000
}

/** Pieces a line may break between, each with the width of the space that follows it (em/1000). */
interface Piece {
  width: number
  space: number
  /** A line may break right after it (an ideograph, a dash), with no space. */
  breakAfter: boolean
  chars: number[]
}

/** Break opportunities as UAX #14 gives them for this text, simplified: spaces, dashes, ideographs. */
function pieces(text: string, bold: boolean): Piece[] {
  const out: Piece[] = []
  let current: Piece | null = null
  let afterOpening = false
  for (const ch of text) {
    if (/\s/.test(ch)) {
      if (current) current.space = advance(' ', bold)
      current = null
      continue
    }
    const w = advance(ch, bold)
    const wide = FULL_WIDTH.test(ch)
    const startsPiece = !current || (!CLOSING.test(ch) && !afterOpening && (current.breakAfter || wide))
    if (startsPiece || !current) {
      current = { width: 0, space: 0, breakAfter: false, chars: [] }
      out.push(current)
    }
    current.width += w
    current.chars.push(w)
    afterOpening = OPENING.test(ch)
    current.breakAfter = !afterOpening && (wide || ch === '—' || ch === '–')
  }
  return out
}

/** Lines a text takes in `widthPx` at `fontPx` (greedy, as browsers wrap; a too-long word breaks anywhere). */
export function lineCount(text: string, fontPx: number, widthPx: number, bold = false): number {
  if (!text) return 0
  const width = (widthPx * 1000) / fontPx
  if (width <= 0) return Number.POSITIVE_INFINITY
  let lines = 1
  let used = 0
  for (const piece of pieces(text, bold)) {
    if (used > 0 && used + piece.width > width) {
      lines++
      used = 0
    }
    if (piece.width > width) {
      // overflow-wrap: anywhere: the piece breaks between its characters.
      for (const w of piece.chars) {
        if (used > 0 && used + w > width) {
          lines++
          used = 0
        }
        used += w
      }
    } else used += piece.width
    used += piece.space
  }
  return lines
}

/** One language's block on a slide. */
export interface TextBlock {
  lang: Language
  title: string
  body: string
}

/** The box a slide's text is fitted in. */
export interface SlideBox {
  /** The zone the slide plays in, in panel pixels. */
  width: number
  height: number
  /** The whole panel's shorter side: the player's padding is in vmin of the panel. */
  panelMin: number
  /** The slide has a picture beside (landscape) or above (portrait) its text. */
  image: boolean
}

/** The text's own box inside the slide (after the picture and padding). */
export function textArea(box: SlideBox): { width: number; height: number } {
  const portrait = box.height > box.width
  const width = box.image && !portrait ? box.width * (1 - IMAGE_WIDTH_SHARE) : box.width
  const height = box.image && portrait ? box.height * (1 - IMAGE_HEIGHT_SHARE) : box.height
  return {
    width: width - 2 * PAD_X_VMIN * box.panelMin,
    height: height - 2 * PAD_Y_VMIN * box.panelMin,
  }
}

/** The height the blocks take at `fontPx` in a text area `width` wide. */
export function blocksHeight(blocks: readonly TextBlock[], fontPx: number, width: number): number {
  const inner = width - RULE_EM * fontPx
  let total = BLOCK_GAP_EM * fontPx * Math.max(0, blocks.length - 1)
  for (const b of blocks) {
    const titleLines = lineCount(b.title, fontPx * TITLE_EM, inner, true)
    total += titleLines * fontPx * TITLE_EM * TITLE_LINE
    if (b.body) total += fontPx * BODY_GAP_EM + lineCount(b.body, fontPx, inner) * fontPx * BODY_LINE
  }
  return total
}

/** fit-text.ts's search, over the modelled layout: the largest base size that fits, to half a pixel. */
export function fittedFontPx(blocks: readonly TextBlock[], box: SlideBox): number {
  const area = textArea(box)
  // The fitter's one pixel of slack for sub-pixel rounding.
  const fits = (px: number) => blocksHeight(blocks, px, area.width) <= area.height + 1
  let lo = FIT_MIN_PX
  let hi = Math.max(FIT_MIN_PX, Math.min(box.width, box.height) * FIT_MAX_SHARE)
  if (fits(hi)) return hi
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2
    if (fits(mid)) lo = mid
    else hi = mid
  }
  return lo
}

/** The language blocks a slide shows together: all at once (stacked), or each alone (rotating). */
export function slideBlocks(text: TrilingualText, display: 'stacked' | 'rotating'): TextBlock[][] {
  const blocks: TextBlock[] = []
  for (const lang of ['vi', 'zh', 'en'] as const) {
    const t = text[lang]
    if (t) blocks.push({ lang, title: t.title, body: t.body ?? '' })
  }
  return display === 'rotating' ? blocks.map((b) => [b]) : [blocks]
}

import { DATASET_LINES, datasetFontPx, datasetTextPx } from '../dataset-on-screen'
import type { Language } from '../schemas/common'
import { DATASET_ROWS_PER_PAGE_DEFAULT, type DocumentItemOf } from '../schemas/items'
import type { LegibilityFinding, LegibilityShape } from '../schemas/legibility'
import type { TrilingualText } from '../schemas/text'
import { fittedFontPx, slideBlocks } from './measure'
import { glyphMm, minimumText, readingSeconds, SCRIPT_OF } from './rules'

/** What the check needs of a slide: its text, how it shows it, its picture and its duration. */
export interface CheckedSlide {
  id: string
  kind: 'slide'
  text: TrilingualText
  display?: 'stacked' | 'rotating'
  mediaId?: string | null
  durationMs: number
}

/** Any playlist item: only slides carry text the fitter sizes. */
type AnyItem = { id: string; kind: string; durationMs: number }

const isSlide = (item: AnyItem): item is CheckedSlide => item.kind === 'slide'

/** What the check needs of a dataset item: how many rows share its zone's height. */
type CheckedDataset = AnyItem & { kind: 'dataset'; rowsPerPage?: number }
const isDataset = (item: AnyItem): item is CheckedDataset => item.kind === 'dataset'

/**
 * A dataset item as a screen would show it now (its approved version's columns and rows, as
 * datasetItemOf puts it in a document), or null when nothing of it is on air yet: the check then
 * judges the height rule alone.
 */
export type ShownDataset = (item: CheckedDataset) => DocumentItemOf<'dataset'> | null

/** One language's verdict on one shape: its smallest text and its reading time. */
export interface LanguageMeasure {
  lang: Language
  /** The smallest text the language shows: its body, or its title when it has no body. */
  fontPx: number
  minimumFontPx: number
  glyphMm: number
  minimumGlyphMm: number
  rule: 'angle' | 'rows'
  readingS: number
  /** The time this language is on screen: the whole item, or its share when rotating. */
  shownS: number
}

/** Every language of a slide on one shape. */
export function measureSlide(slide: CheckedSlide, shape: LegibilityShape): LanguageMeasure[] {
  const display = slide.display ?? 'stacked'
  const groups = slideBlocks(slide.text, display)
  const box = {
    width: shape.zoneWidth,
    height: shape.zoneHeight,
    panelMin: Math.min(shape.width, shape.height),
    image: Boolean(slide.mediaId),
  }
  const shownS = slide.durationMs / 1000 / (display === 'rotating' ? Math.max(1, groups.length) : 1)
  return groups.flatMap((blocks) => {
    const base = fittedFontPx(blocks, box)
    return blocks.map((b) => {
      const script = SCRIPT_OF[b.lang]
      const fontPx = b.body ? base : base * 1.5
      const min = minimumText(script, shape.pixelPitchMm, shape.viewingDistanceM)
      return {
        lang: b.lang,
        fontPx,
        minimumFontPx: min.fontPx,
        glyphMm: glyphMm(script, fontPx, shape.pixelPitchMm),
        minimumGlyphMm: min.glyphMm,
        rule: min.rule,
        readingS: readingSeconds(script, `${b.title} ${b.body}`),
        shownS,
      }
    })
  })
}

/** What is wrong with a slide on a shape: text below its minimum, or too little time to read it. */
export function slideFindings(
  slide: CheckedSlide,
  index: number,
  shape: LegibilityShape,
): LegibilityFinding[] {
  const findings: LegibilityFinding[] = []
  for (const m of measureSlide(slide, shape)) {
    const common = {
      itemId: slide.id,
      itemIndex: index,
      shapeId: shape.id,
      screens: shape.screens,
      lang: m.lang,
      script: SCRIPT_OF[m.lang],
    }
    if (m.fontPx < m.minimumFontPx) {
      findings.push({
        ...common,
        problem: 'text-too-small',
        value: round(m.glyphMm, 1),
        minimum: round(m.minimumGlyphMm, 1),
        fontPx: round(m.fontPx, 1),
        minimumFontPx: round(m.minimumFontPx, 1),
      })
    }
    if (m.readingS > m.shownS) {
      findings.push({
        ...common,
        problem: 'too-short-to-read',
        value: round(m.shownS, 1),
        minimum: round(m.readingS, 1),
      })
    }
  }
  return findings
}

/**
 * A dataset item's text on a shape, at the player's own size (datasetFontPx): the zone's height
 * shared by the rows per page, made smaller when the version on air is too wide for the zone;
 * checked in each script as if every band stacked vi, zh and en, which the headings do. Its rows
 * are data that changes after approval, so reading time is not judged here; a page turns with
 * the item's time.
 */
export function datasetFindings(
  item: CheckedDataset,
  index: number,
  shape: LegibilityShape,
  shown: DocumentItemOf<'dataset'> | null = null,
): LegibilityFinding[] {
  const rowsPerPage = item.rowsPerPage ?? DATASET_ROWS_PER_PAGE_DEFAULT
  const fontPx = shown
    ? datasetFontPx(
        {
          width: shape.zoneWidth,
          height: shape.zoneHeight,
          panelMin: Math.min(shape.width, shape.height),
        },
        shown,
      )
    : datasetTextPx(shape.zoneHeight, rowsPerPage, DATASET_LINES)
  return (['vi', 'zh', 'en'] as const).flatMap((lang) => {
    const script = SCRIPT_OF[lang]
    const min = minimumText(script, shape.pixelPitchMm, shape.viewingDistanceM)
    if (fontPx >= min.fontPx) return []
    return [
      {
        itemId: item.id,
        itemIndex: index,
        shapeId: shape.id,
        screens: shape.screens,
        lang,
        script,
        problem: 'text-too-small' as const,
        value: round(glyphMm(script, fontPx, shape.pixelPitchMm), 1),
        minimum: round(min.glyphMm, 1),
        fontPx: round(fontPx, 1),
        minimumFontPx: round(min.fontPx, 1),
      },
    ]
  })
}

/** Every finding of a playlist's items on every shape it reaches. */
export function playlistFindings(
  items: readonly AnyItem[],
  shapes: readonly LegibilityShape[],
  shownDataset: ShownDataset = () => null,
): LegibilityFinding[] {
  return items.flatMap((item, index) => {
    if (isSlide(item)) return shapes.flatMap((shape) => slideFindings(item, index, shape))
    if (isDataset(item)) {
      const shown = shownDataset(item)
      return shapes.flatMap((shape) => datasetFindings(item, index, shape, shown))
    }
    return []
  })
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

import Type, { type Static } from 'typebox'
import { COMMENT_CHARS_MAX } from '../limits'
import { Id } from './common'
import { PixelPitchMm, ViewingDistanceM } from './screen'

/**
 * A panel shape a playlist reaches, with what legibility depends on: the panel's pixels, the
 * zone the playlist plays in, the pixel pitch and the distance people read it from. Screens
 * that share all of these are one shape.
 */
export const LegibilityShape = Type.Object({
  /** `1920x960`, or `1920x960-2` when two shapes share a size but not their facts. */
  id: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  zoneWidth: Type.Integer(),
  zoneHeight: Type.Integer(),
  pixelPitchMm: PixelPitchMm,
  viewingDistanceM: ViewingDistanceM,
  /** The screens of this shape, by name; empty for a planned shape (no screen reached yet). */
  screens: Type.Array(Type.String()),
})
export type LegibilityShape = Static<typeof LegibilityShape>

export const LegibilityScript = Type.Union([
  Type.Literal('vietnamese'),
  Type.Literal('han'),
  Type.Literal('latin'),
])

/**
 * One slide that fails the rule on one shape, in one language:
 *  - `text-too-small`: `value` and `minimum` are the glyph's height in mm (capital height, or an
 *    ideograph's face), `fontPx`/`minimumFontPx` the font sizes;
 *  - `too-short-to-read`: `value` is the seconds the language is on screen, `minimum` the seconds
 *    reading it takes.
 */
export const LegibilityFinding = Type.Object({
  itemId: Type.String(),
  /** From 0, in the playlist's order. */
  itemIndex: Type.Integer(),
  shapeId: Type.String(),
  screens: Type.Array(Type.String()),
  lang: Type.Union([Type.Literal('vi'), Type.Literal('zh'), Type.Literal('en')]),
  script: LegibilityScript,
  problem: Type.Union([Type.Literal('text-too-small'), Type.Literal('too-short-to-read')]),
  value: Type.Number(),
  minimum: Type.Number(),
  fontPx: Type.Optional(Type.Number()),
  minimumFontPx: Type.Optional(Type.Number()),
  /**
   * The playlist the slide is in, when the check is of a schedule entry or a layout (which can
   * bring several playlists onto new panels); absent when the check is of one playlist.
   */
  playlistId: Type.Optional(Id),
  playlistName: Type.Optional(Type.String()),
})
export type LegibilityFinding = Static<typeof LegibilityFinding>

/** A playlist's legibility on the shapes it reaches, and the screens that could not be checked. */
export const LegibilityReport = Type.Object({
  shapes: Type.Array(LegibilityShape),
  /** True when no screen reaches the playlist: the shapes are the programme's planned panels. */
  planned: Type.Boolean(),
  /** Screens the playlist reaches whose pitch or viewing distance nobody recorded, by name. */
  unchecked: Type.Array(Type.String()),
  findings: Type.Array(LegibilityFinding),
})
export type LegibilityReport = Static<typeof LegibilityReport>

/** Why an approver lets a version with legibility findings on air; kept with the approval. */
export const LegibilityOverride = Type.String({
  minLength: 1,
  maxLength: COMMENT_CHARS_MAX,
  pattern: '\\S',
  description: `Why the version may air although text is below the legibility minimum (at most ${COMMENT_CHARS_MAX} characters)`,
})

export const LegibilityParams = Type.Object({ id: Id })

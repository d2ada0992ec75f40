import Type, { type Static } from 'typebox'
import { SLIDE_BODY_CHARS_MAX, SLIDE_TITLE_CHARS_MAX, TICKER_CHARS_MAX } from '../limits'

/** One language's text on a slide. */
export const SlideText = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: SLIDE_TITLE_CHARS_MAX }),
    body: Type.String({ maxLength: SLIDE_BODY_CHARS_MAX, default: '' }),
  },
  { additionalProperties: false },
)
export type SlideText = Static<typeof SlideText>

/**
 * Vietnamese is required (it is the programme's primary language); Chinese and English are
 * expected, and a slide missing one still plays — the console warns about it.
 */
export const TrilingualText = Type.Object(
  { vi: SlideText, zh: Type.Optional(SlideText), en: Type.Optional(SlideText) },
  { additionalProperties: false },
)
export type TrilingualText = Static<typeof TrilingualText>

const TickerLine = Type.String({ minLength: 1, maxLength: TICKER_CHARS_MAX, pattern: '\\S' })

/** A ticker's line in each language; they scroll one after the other, vi → zh → en. */
export const TickerText = Type.Object(
  { vi: TickerLine, zh: Type.Optional(TickerLine), en: Type.Optional(TickerLine) },
  { additionalProperties: false },
)
export type TickerText = Static<typeof TickerText>

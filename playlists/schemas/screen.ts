import Type, { type Static } from 'typebox'
import { CROSSFADE_MS_MAX, SCREEN_PIXELS_MAX, SCREEN_PIXELS_MIN } from '../limits'
import { Id, Name, Timestamp, TimeZone } from './common'

export const CrossfadeMs = Type.Integer({
  minimum: 0,
  maximum: CROSSFADE_MS_MAX,
  description: `Blend between items, in ms (0 = cut, at most ${CROSSFADE_MS_MAX})`,
})

/** Panel size in physical pixels: LED walls have odd sizes, so nothing assumes 16:9. */
const Pixels = Type.Integer({ minimum: SCREEN_PIXELS_MIN, maximum: SCREEN_PIXELS_MAX })

export const Screen = Type.Object({
  id: Id,
  siteId: Id,
  name: Name,
  width: Pixels,
  height: Pixels,
  /** Null: the site's time zone applies. */
  timeZone: Type.Union([TimeZone, Type.Null()]),
  syncGroupId: Type.Union([Id, Type.Null()]),
  /** What plays when nothing is scheduled. Null: the screen shows its idle card. */
  defaultPlaylistId: Type.Union([Id, Type.Null()]),
  /** How the panel is divided into zones. Null: one zone covering the whole panel. */
  layoutId: Type.Union([Id, Type.Null()]),
  /** The panel has speakers and videos marked with sound may play it. */
  audio: Type.Boolean(),
  /** Blend each item into the next over this many ms; 0 cuts. */
  crossfadeMs: CrossfadeMs,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Screen = Static<typeof Screen>

export const ScreenInput = Type.Object(
  {
    id: Type.Optional(Id),
    siteId: Id,
    name: Name,
    width: Pixels,
    height: Pixels,
    timeZone: Type.Optional(Type.Union([TimeZone, Type.Null()])),
    syncGroupId: Type.Optional(Type.Union([Id, Type.Null()])),
    defaultPlaylistId: Type.Optional(Type.Union([Id, Type.Null()])),
    layoutId: Type.Optional(Type.Union([Id, Type.Null()])),
    audio: Type.Optional(Type.Boolean()),
    crossfadeMs: Type.Optional(CrossfadeMs),
  },
  { additionalProperties: false },
)
export type ScreenInput = Static<typeof ScreenInput>

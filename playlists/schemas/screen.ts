import Type, { type Static } from 'typebox'
import { ScreenshotIntervalMinutes } from '../agent'
import { CROSSFADE_MS_MAX, SCREEN_PIXELS_MAX, SCREEN_PIXELS_MIN } from '../limits'
import { Id, Name, Timestamp, TimeZone } from './common'
import { PowerPlan } from './power'

export const CrossfadeMs = Type.Integer({
  minimum: 0,
  maximum: CROSSFADE_MS_MAX,
  description: `Blend between items, in ms (0 = cut, at most ${CROSSFADE_MS_MAX})`,
})

/**
 * Distance between pixel centres in mm. From a phone-sized LCD (0.1) to the coarsest
 * outdoor LED billboards (P40): past those bounds a value is a typo (metres for mm, or cm).
 */
export const PIXEL_PITCH_MM_MIN = 0.1
export const PIXEL_PITCH_MM_MAX = 40
export const PixelPitchMm = Type.Number({
  minimum: PIXEL_PITCH_MM_MIN,
  maximum: PIXEL_PITCH_MM_MAX,
  description: `Pixel pitch in mm (${PIXEL_PITCH_MM_MIN}–${PIXEL_PITCH_MM_MAX}): 0.3–0.6 for an LCD, 4–10 for an outdoor LED`,
})

/**
 * Where people typically read the screen from, in metres: a kiosk is read at arm's length
 * (0.3 m at the closest), a road-facing wall from across a plaza; past 300 m no text on any
 * panel is legible, so a larger value is a typo.
 */
export const VIEWING_DISTANCE_M_MIN = 0.3
export const VIEWING_DISTANCE_M_MAX = 300
export const ViewingDistanceM = Type.Number({
  minimum: VIEWING_DISTANCE_M_MIN,
  maximum: VIEWING_DISTANCE_M_MAX,
  description: `Typical viewing distance in m (${VIEWING_DISTANCE_M_MIN}–${VIEWING_DISTANCE_M_MAX})`,
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
  /** Physical facts for the legibility check. Null: not recorded, and the screen is not checked. */
  pixelPitchMm: Type.Union([PixelPitchMm, Type.Null()]),
  viewingDistanceM: Type.Union([ViewingDistanceM, Type.Null()]),
  /** The screen's own operating hours and brightness; null follows its site's plan. */
  powerPlan: Type.Union([PowerPlan, Type.Null()]),
  /** The kiosk agent may reboot the screen's PC (a command, or its healing ladder's third step). */
  allowReboot: Type.Boolean(),
  /** Minutes between the kiosk agent's own screenshots; 0 never. */
  screenshotIntervalMinutes: ScreenshotIntervalMinutes,
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
    pixelPitchMm: Type.Optional(Type.Union([PixelPitchMm, Type.Null()])),
    viewingDistanceM: Type.Optional(Type.Union([ViewingDistanceM, Type.Null()])),
    /**
     * Left out: unchanged. Given (a screen read back and sent again): set as
     * PUT /api/screens/:id/power-plan sets it, when it differs.
     */
    powerPlan: Type.Optional(Type.Union([PowerPlan, Type.Null()])),
    /** Left out: unchanged (false for a new screen). */
    allowReboot: Type.Optional(Type.Boolean()),
    /** Left out: unchanged (10 for a new screen). */
    screenshotIntervalMinutes: Type.Optional(ScreenshotIntervalMinutes),
  },
  { additionalProperties: false },
)
export type ScreenInput = Static<typeof ScreenInput>

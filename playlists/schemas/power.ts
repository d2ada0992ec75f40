import Type, { type Static } from 'typebox'
import { TimeOfDayText, Window } from './schedule'
import { TaggedUnion } from './union'

/**
 * A screen's power plan (issue 20 part 3): when it is on, and how bright. Set per site (the
 * default for its screens) and optionally per screen (an override); the resolved plan travels in
 * the screen's document so the player applies it by its own clock, offline too. A kiosk agent
 * reads the same plan from the document to drive DDC/CI, HDMI-CEC or DPMS; the player's own
 * dimming is the fallback every screen has.
 *
 * Times are wall-clock in the screen's time zone, read like schedule windows: [start, end), an
 * end at or before the start crosses midnight and belongs to the weekday it starts on.
 */

/** Four windows a day covers a gate that closes for lunch and again for the evening shift change. */
export const POWER_WINDOWS_PER_DAY_MAX = 4

/** Levels by time of day: one per hour of a working day is more than any gate asked for. */
export const BRIGHTNESS_STEPS_MAX = 12

/**
 * Brightness in percent of the panel's full output. 0 is allowed (a panel left on but dark,
 * e.g. while a camera behind it must not be dazzled); off-hours are the way to switch off.
 */
export const BrightnessLevel = Type.Integer({ minimum: 0, maximum: 100, description: 'Percent, 0–100' })

export const OperatingHours = TaggedUnion('mode', [
  Type.Object(
    { mode: Type.Literal('always') },
    { additionalProperties: false, description: 'On day and night (what every screen had before plans)' },
  ),
  Type.Object(
    {
      mode: Type.Literal('weekly'),
      /** Monday first (ISO weekday − 1); an empty day is closed all day. */
      days: Type.Array(Type.Array(Window, { maxItems: POWER_WINDOWS_PER_DAY_MAX }), {
        minItems: 7,
        maxItems: 7,
        description: 'Seven days, Monday first; each a list of on-windows',
      }),
    },
    { additionalProperties: false },
  ),
])
export type OperatingHours = Static<typeof OperatingHours>

export const BrightnessStep = Type.Object(
  { from: TimeOfDayText, level: BrightnessLevel },
  { additionalProperties: false, description: 'This level from this time until the next step' },
)
export type BrightnessStep = Static<typeof BrightnessStep>

/**
 * A ceiling between two times of day, whatever the mode says: roadside LED rules in many places
 * cap brightness late at night, and a sun-following plan at 100 % by day would break them.
 */
export const NightCap = Type.Object(
  { window: Window, level: BrightnessLevel },
  { additionalProperties: false },
)
export type NightCap = Static<typeof NightCap>

export const BrightnessPlan = TaggedUnion('mode', [
  Type.Object(
    {
      mode: Type.Literal('fixed'),
      /** Each level holds from its time until the next step's; the last wraps past midnight to the first. */
      steps: Type.Array(BrightnessStep, { minItems: 1, maxItems: BRIGHTNESS_STEPS_MAX }),
      cap: Type.Union([NightCap, Type.Null()]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      mode: Type.Literal('sun'),
      /** From sunrise to sunset; `night` once the sun is 6° below the horizon; a ramp between. */
      day: BrightnessLevel,
      night: BrightnessLevel,
      cap: Type.Union([NightCap, Type.Null()]),
    },
    { additionalProperties: false },
  ),
])
export type BrightnessPlan = Static<typeof BrightnessPlan>

export const PowerPlan = Type.Object(
  { hours: OperatingHours, brightness: BrightnessPlan },
  { additionalProperties: false },
)
export type PowerPlan = Static<typeof PowerPlan>

/** What every site starts with: nothing changes for screens that had no plan. */
export const ALWAYS_ON: PowerPlan = {
  hours: { mode: 'always' },
  brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 100 }], cap: null },
}

/** A screen's override: null follows its site's plan. */
export const PowerPlanSetting = Type.Object(
  { plan: Type.Union([PowerPlan, Type.Null()]) },
  { additionalProperties: false },
)
export type PowerPlanSetting = Static<typeof PowerPlanSetting>

/**
 * The resolved plan as the document carries it, with the coordinates a sun plan needs (null:
 * the site has none recorded, and a sun plan holds its day level).
 */
export const DocumentPower = Type.Object({
  plan: PowerPlan,
  /** Where the plan came from: the screen's own override or its site's. */
  source: Type.Union([Type.Literal('site'), Type.Literal('screen')]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
})
export type DocumentPower = Static<typeof DocumentPower>

/** What the player reports in its heartbeat and the console shows. */
export const PowerReport = Type.Object(
  { on: Type.Boolean(), brightness: BrightnessLevel },
  { additionalProperties: false },
)
export type PowerReport = Static<typeof PowerReport>

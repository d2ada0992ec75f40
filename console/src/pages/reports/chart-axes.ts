import { eachDay, eachMonth, formatDayShort, formatMonthName, type Period } from './period'

/**
 * The reports' chart axes, apart from the SVG that draws them so they can be tested without a
 * DOM: round figures up the value axis, and which days or months the time axis names.
 */

export type Step = 'day' | 'month'

/** Periods longer than this are labelled by month on a per-day chart, shorter ones by day. */
export const DAY_TICKS_DAYS_MAX = 62
/** About this many labels on a per-day axis of a short period. */
export const DAY_TICKS = 12

/** 1, 2 or 5 times a power of ten, at least `raw`: steps people read at a glance. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power
  return 10 * power
}

/** Axis ticks from 0 to a round value at or above `max`, about four steps. */
export function axisTicks(max: number): number[] {
  const step = niceStep(max / 4)
  const top = Math.max(step, Math.ceil(max / step) * step)
  const ticks: number[] = []
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v)
  return ticks
}

/** The period's slots along the time axis: its days or the months it touches, in order. */
export const slotsOf = (period: Period, step: Step): string[] =>
  step === 'day' ? eachDay(period) : eachMonth(period)

/**
 * The labels under the time axis: every month by name; on a per-day chart of a long period the
 * first of each month (a label a day would overlap), of a short one about DAY_TICKS days.
 */
export function timeTicks(slots: readonly string[], step: Step): { slot: number; text: string }[] {
  if (step === 'month') return slots.map((m, slot) => ({ slot, text: formatMonthName(m) }))
  if (slots.length > DAY_TICKS_DAYS_MAX)
    return slots.flatMap((d, slot) =>
      d.endsWith('-01') ? [{ slot, text: formatMonthName(d.slice(0, 7)) }] : [],
    )
  const every = Math.ceil(slots.length / DAY_TICKS)
  return slots.flatMap((d, slot) => (slot % every === 0 ? [{ slot, text: formatDayShort(d) }] : []))
}

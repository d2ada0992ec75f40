import { REPORT_DAYS_MAX } from '@playlists/schemas/reports'
import { dateFormat, formatDate } from '../../i18n/format'

/**
 * Periods as the reports API takes them: local calendar days, YYYY-MM-DD, both ends included.
 * Dates here are calendar dates, not instants, so they are computed and formatted in UTC: the
 * reader's own time zone must never move a day.
 */

/** No play happened before 2025 (see PLAY_EARLIEST_MS): the first year offered. */
export const FIRST_YEAR = 2025
const DAY_MS = 86_400_000

export interface Period {
  from: string
  to: string
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` })

/** The reader's current year, by their own clock (the console's only clock read). */
export const currentYear = (): number => new Date().getFullYear()

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

export function dayMs(day: string): number {
  const m = DAY.exec(day)
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN
}

/** Days from..to inclusive; NaN for a malformed date. */
export const daysIn = (p: Period): number => Math.round((dayMs(p.to) - dayMs(p.from)) / DAY_MS) + 1

/** A period the API would take: real dates, in order, at most a year and a day. */
export function isValidPeriod(p: Period): boolean {
  const days = daysIn(p)
  return Number.isFinite(days) && days >= 1 && days <= REPORT_DAYS_MAX
}

export const dayAt = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Every day of the period, in order. */
export function eachDay(p: Period): string[] {
  const days: string[] = []
  for (let ms = dayMs(p.from); ms <= dayMs(p.to); ms += DAY_MS) days.push(dayAt(ms))
  return days
}

/** Every month (YYYY-MM) the period touches, in order. */
export function eachMonth(p: Period): string[] {
  const months: string[] = []
  let [year, month] = p.from.split('-').map(Number) as [number, number]
  const last = p.to.slice(0, 7)
  for (;;) {
    const text = `${year}-${String(month).padStart(2, '0')}`
    months.push(text)
    if (text >= last || months.length > 13) return months
    month = month === 12 ? 1 : month + 1
    if (month === 1) year++
  }
}

export const formatDay = (day: string): string => formatDate(dayMs(day), 'UTC')

/** A month as the reader writes it: "thg 3 2026", "2026年3月", "Mar 2026". */
export function formatMonth(month: string, style: 'short' | 'long' = 'short'): string {
  return dateFormat({
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  }).format(dayMs(`${month}-01`))
}

/** A month's name alone, for a chart's axis. */
export function formatMonthName(month: string): string {
  return dateFormat({ month: 'short', timeZone: 'UTC' }).format(dayMs(`${month}-01`))
}

/** A day on a chart's axis: "1/12", "12月1日", "1 Dec". */
export function formatDayShort(day: string): string {
  return dateFormat({
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(dayMs(day))
}

import { type Language, language } from './language'

/**
 * Every date, time and number the console shows is written here, in the language the reader chose
 * in the console, never the browser's: a Vietnamese official on an English Windows still reads
 * "4 thg 12, 2026 18:40". A test fails on any `Intl.*` or `toLocale*String` outside this module.
 *
 * English is en-GB: day before month and a 24-hour clock, like the Vietnamese and Chinese
 * versions and like the gates' own timetables (en-US would print 12/4/2026 for 4 December).
 */
export const LOCALES: Record<Language, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' }

export const locale = (lang: Language = language.value): string => LOCALES[lang]

// Building an Intl formatter costs far more than using one; a table of a thousand plays would
// build a thousand. Kept per locale and options (a handful of combinations in the whole console).
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

/** A date formatter in the reader's language; `options.timeZone` keeps a screen's own zone. */
export function dateFormat(options: Intl.DateTimeFormatOptions, lang: Language = language.value) {
  const key = `${lang}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], options)
    dateFormats.set(key, format)
  }
  return format
}

function numberFormat(options: Intl.NumberFormatOptions | undefined, lang: Language) {
  const key = `${lang}|${JSON.stringify(options ?? {})}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options)
    numberFormats.set(key, format)
  }
  return format
}

/** A date and time in a screen's time zone, written the reader's way. */
export function formatDateTime(at: string | number | Date, timeZone?: string, withSeconds = false): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short', timeZone }).format(
    new Date(at),
  )
}

export function formatDate(at: string | number | Date, timeZone?: string): string {
  return dateFormat({ dateStyle: 'medium', timeZone }).format(new Date(at))
}

export function formatTime(at: string | number | Date, timeZone?: string, withSeconds = false): string {
  return dateFormat({ timeStyle: withSeconds ? 'medium' : 'short', timeZone }).format(new Date(at))
}

/** Monday 1 … Sunday 7 (ISO), by name (2024-01-01 was a Monday). */
export function formatWeekday(isoDay: number, width: 'short' | 'long' = 'short'): string {
  return dateFormat({ weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)))
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions, lang?: Language): string {
  return numberFormat(options, lang ?? language.value).format(value)
}

/** 1.5 MB, 320 KB: sizes as people read them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${formatNumber(value, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`
}

/** 12 s, 1 min 30 s, 2 h 5 min: durations in the reader's language. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    formatNumber(value, { style: 'unit', unit: u, unitDisplay: 'short' })
  if (h > 0) return m > 0 ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour')
  if (m > 0) return s > 0 ? `${unit(m, 'minute')} ${unit(s, 'second')}` : unit(m, 'minute')
  return unit(s, 'second')
}

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "3 minutes ago", "in 2 hours", "yesterday", in the reader's language (Intl does the words). */
export function formatRelative(at: string | number, now: number): string {
  const ms = (typeof at === 'number' ? at : Date.parse(at)) - now
  const abs = Math.abs(ms)
  const rtf = new Intl.RelativeTimeFormat(LOCALES[language.value], { numeric: 'auto' })
  if (abs < MINUTE) return rtf.format(Math.round(ms / SECOND), 'second')
  if (abs < HOUR) return rtf.format(Math.round(ms / MINUTE), 'minute')
  if (abs < DAY) return rtf.format(Math.round(ms / HOUR), 'hour')
  return rtf.format(Math.round(ms / DAY), 'day')
}

/** The plural category of a count in a language ("one", "other"): what message plurals pick by. */
export function pluralCategory(count: number, lang: Language = language.value): Intl.LDMLPluralRule {
  return new Intl.PluralRules(LOCALES[lang]).select(count)
}

/** "A, B or C" the reader's way ("A、B或C", "A, B hoặc C"): alternatives, any one of which will do. */
export function formatAlternatives(items: readonly string[], lang: Language = language.value): string {
  return new Intl.ListFormat(LOCALES[lang], { type: 'disjunction' }).format(items)
}

import { signal } from '@preact/signals'
import { LANGUAGES, type Language } from '../../../../playlists/schemas/common'

/**
 * The console's languages: Vietnamese by default (the province's staff), Simplified Chinese (the
 * Guangxi side of the border) and English. Every string lives in a dictionary made by
 * `defineMessages`, whose types demand the same keys in all three languages, so a page cannot
 * show a missing translation; the registry lets a test check them all.
 */
export type { Language }
export { LANGUAGES }

const LANGUAGE_KEY = 'gatecast:console-language'

/** The tag `Intl` formats with, per language. */
export const LOCALES: Record<Language, string> = { vi: 'vi-VN', zh: 'zh-CN', en: 'en-GB' }

/** Each language's own name, as the switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  vi: 'Tiếng Việt',
  zh: '中文（简体）',
  en: 'English',
}

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY)
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language
  } catch {
    // Storage disabled: the default.
  }
  return 'vi'
}

export const language = signal<Language>(initialLanguage())

export function setLanguage(next: Language): void {
  language.value = next
  document.documentElement.lang = next === 'zh' ? 'zh-Hans' : next
  try {
    localStorage.setItem(LANGUAGE_KEY, next)
  } catch {
    // The choice holds for this visit.
  }
}

export type Params = Record<string, string | number>
export type Translate<K extends string> = (key: K, params?: Params) => string

/** Every dictionary made so far, by name: what the translation test walks. */
export const DICTIONARIES = new Map<string, Record<Language, Record<string, string>>>()

/** `{name}` placeholders, filled from `params`; a missing one stays visible rather than vanishing. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/**
 * A dictionary for one part of the console. The Vietnamese strings name the keys; the Chinese and
 * English ones must have exactly those keys (the compiler refuses a missing or extra one).
 * The function returned reads the current language, so a component using it re-renders on a switch.
 */
export function defineMessages<const V extends Record<string, string>>(
  name: string,
  messages: { vi: V; zh: { [K in keyof V]: string }; en: { [K in keyof V]: string } },
): Translate<keyof V & string> {
  if (DICTIONARIES.has(name)) throw new Error(`Two dictionaries are named ${name}`)
  DICTIONARIES.set(name, messages as Record<Language, Record<string, string>>)
  return (key, params) => interpolate(messages[language.value][key] ?? messages.vi[key] ?? key, params)
}

/** A date and time in a screen's time zone, written the reader's way. */
export function formatDateTime(at: string | number | Date, timeZone?: string, withSeconds = false): string {
  return new Intl.DateTimeFormat(LOCALES[language.value], {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
    timeZone,
  }).format(new Date(at))
}

export function formatDate(at: string | number | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALES[language.value], { dateStyle: 'medium', timeZone }).format(
    new Date(at),
  )
}

export function formatTime(at: string | number | Date, timeZone?: string, withSeconds = false): string {
  return new Intl.DateTimeFormat(LOCALES[language.value], {
    timeStyle: withSeconds ? 'medium' : 'short',
    timeZone,
  }).format(new Date(at))
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(LOCALES[language.value], options).format(value)
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

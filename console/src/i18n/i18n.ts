import { type Language, language } from './language'
import { expandPlurals } from './plural'

export {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatTime,
  LOCALES,
} from './format'
/**
 * The console's languages: Vietnamese by default (the province's staff), Simplified Chinese (the
 * Guangxi side of the border) and English. Every string lives in a dictionary made by
 * `defineMessages`, whose types demand the same keys in all three languages, so a page cannot
 * show a missing translation; the registry lets a test check them all. Dates and numbers are
 * written by ./format, counts pick their plural form by ./plural.
 */
export { LANGUAGE_NAMES, LANGUAGES, type Language, language, setLanguage } from './language'

export type Params = Record<string, string | number>
export type Translate<K extends string> = (key: K, params?: Params) => string

/** Every dictionary made so far, by name: what the translation test walks. */
export const DICTIONARIES = new Map<string, Record<Language, Record<string, string>>>()

/**
 * `{count, plural, one {…} other {…}}` blocks resolved for the language, then `{name}`
 * placeholders filled from `params`; a missing one stays visible rather than vanishing.
 */
export function interpolate(text: string, params?: Params, lang: Language = language.value): string {
  if (!params) return text
  return expandPlurals(text, params, lang).replace(/\{(\w+)\}/g, (whole, name: string) =>
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
  return (key, params) => {
    const lang = language.value
    return interpolate(messages[lang][key] ?? messages.vi[key] ?? key, params, lang)
  }
}

import { LANGUAGES, type Language } from '@playlists/schemas/common'
import { signal } from '@preact/signals'

export type { Language }
export { LANGUAGES }

const LANGUAGE_KEY = 'gatecast:console-language'

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
    // Storage disabled (or no DOM, in a unit test): the default.
  }
  return 'vi'
}

/** The reader's language: Vietnamese unless they chose another; every message and format reads it. */
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

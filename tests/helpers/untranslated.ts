import { DICTIONARIES } from '@console/i18n/i18n'
import { LANGUAGE_NAMES } from '@console/i18n/language'
import type { Language } from '@playlists/schemas/common'
import type { Page } from 'playwright-core'
// Every page, so that every dictionary is registered.
import '@console/app'

/**
 * Finds words on a console page that are not in the page's language. The page's own text is read
 * as a person meets it (visible text nodes, options of visible lists, and the aria-label,
 * placeholder and title a screen reader or a tooltip speaks); people's own data (names they
 * typed, file names, ids, slide texts: `data`) is taken out first; what is left must be the
 * page's language:
 * - in vi and zh, no text is an English dictionary message (whole, placeholders filled in) and
 *   no word is a common English UI word ("Main", "files", "outdoor");
 * - in zh, no Latin word is left beyond those the Chinese dictionary itself uses (LED, CSV);
 * - in en, no text is a Vietnamese message, no Chinese character is left, and no count of one is
 *   followed by a plural noun ("1 files").
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/
const ESCAPE = /[.*+?^${}()|[\]\\]/g

/** Words of the English UI a Vietnamese page must never show (none of them is a Vietnamese word). */
const ENGLISH_WORDS = new Set(
  `main clock ticker file files item items screen screens playlist playlists layout layouts zone zones
  save cancel delete edit add create close confirm search loading saving saved previous next page yes
  name actions retry online offline outdoor wall portrait cluster information version versions
  approve approved reject rejected pending publish published draft schedule preview media report
  reports user users account sign password language error errors warning never today yesterday
  minutes seconds hours days week month year none nothing default new open show hide upload
  the and with from of is are was were not this that your their what which when where there
  border gate site sites group entry entries rule rules alert alerts emergency message`
    .split(/\s+/)
    .filter(Boolean),
)

/** Vietnamese UI words an English page must never show (proper nouns such as "Tân Thanh" are fine). */
const VIETNAMESE_WORDS =
  /(^|[^\p{L}])(Lưu|Hủy|Xóa|Sửa|Thêm|Đóng|màn hình|Màn hình|danh sách|Danh sách|Đang|Không|phiên bản|Phiên bản|mục|tệp|vùng|Vùng|Nội dung|nội dung|Đồng hồ|đồng hồ|Chữ chạy|chữ chạy|Cửa khẩu|cửa khẩu)([^\p{L}]|$)/u

type Messages = Record<Language, Record<string, string>>
const dictionaries = (): Messages[] => [...DICTIONARIES.values()]

/** A message as a whole-text pattern: placeholders and plural blocks match any text. */
function template(message: string): RegExp {
  const parts: string[] = []
  let depth = 0
  let literal = ''
  for (const ch of message) {
    if (ch === '{') {
      if (depth === 0) {
        parts.push(literal.replace(ESCAPE, '\\$&'), '[\\s\\S]+?')
        literal = ''
      }
      depth++
    } else if (ch === '}') depth--
    else if (depth === 0) literal += ch
  }
  parts.push(literal.replace(ESCAPE, '\\$&'))
  return new RegExp(`^${parts.join('')}$`)
}

/** Letters a message shows for itself, placeholders aside: too few and it matches anything. */
const ownLetters = (message: string) =>
  message.replace(/\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '').replace(/[^\p{L}]/gu, '')

/** Messages of `other` that the page language says differently (so seeing them is a mistake). */
function foreignMessages(page: Language, other: Language): RegExp[] {
  const out: RegExp[] = []
  const own = new Set(dictionaries().flatMap((d) => Object.values(d[page])))
  for (const d of dictionaries()) {
    for (const [key, text] of Object.entries(d[other])) {
      if (d[page][key] === text || own.has(text) || ownLetters(text).length < 4) continue
      out.push(template(text))
    }
  }
  return out
}

/**
 * Latin words a dictionary of `lang` uses itself (LED, CSV, Webhook in Chinese; video, web in
 * Vietnamese), as written: "main" the zone id is one, "Main" the English zone name is not.
 */
function ownLatinWords(lang: Language): Set<string> {
  const words = new Set<string>()
  // Quoted ids (the zone id “main”) are codes, not words the translator chose.
  const prose = (text: string) => text.replace(/\{[^}]*\}|“[^”]*”/g, ' ')
  for (const d of dictionaries())
    for (const text of Object.values(d[lang]))
      for (const w of prose(text).match(/[A-Za-z][A-Za-z0-9.+-]*/g) ?? []) words.add(w.replace(/[.+-]+$/, ''))
  return words
}

/** Units, IANA time zones (Asia/Ho_Chi_Minh) and technical tokens readers of every language see as they are. */
const UNIVERSAL =
  /\b[A-Z][A-Za-z]+\/[A-Za-z_]+(\/[A-Za-z_]+)?\b|\b(px|ms|MB|KB|GB|B|s|x|UTC|GMT|ID|URL|CSV|LED|JPEG|PNG|MP4|WebM|H\.264|VP9|Gatecast)\b/g

export interface Problem {
  text: string
  why: string
}

/** The text a person meets on the page now: visible text, options of visible lists, spoken labels. */
export async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const shown = (el: Element | null): el is Element =>
      !!el && el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement
      if (!parent || parent.closest('script, style, code, kbd, samp, [translate="no"]')) continue
      const option = parent.closest('option')
      if (option ? !shown(option.closest('select')) : !shown(parent)) continue
      const text = n.textContent?.trim()
      if (text) out.push(text)
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!shown(el) || el.closest('[translate="no"]')) continue
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)?.trim()
        if (value) out.push(value)
      }
    }
    return [...new Set(out)]
  })
}

/** What in `texts` is not written in `lang`, once the people's own `data` is taken out. */
export function untranslated(shown: readonly string[], lang: Language, data: readonly string[]): Problem[] {
  const allowed = [...new Set([...data, ...Object.values(LANGUAGE_NAMES)])]
    .filter((d) => d.trim().length > 0)
    .sort((a, b) => b.length - a.length)
  const withoutData = (text: string) => {
    let rest = text
    for (const d of allowed) if (rest.includes(d)) rest = rest.split(d).join(' ')
    return rest
  }
  const problems: Problem[] = []
  const own = new Set(allowed)
  // A text that is wholly someone's data (a username "editor", the language switcher's names).
  const texts = shown.filter((text) => !own.has(text))
  if (lang === 'en') {
    const vietnamese = foreignMessages('en', 'vi')
    for (const text of texts) {
      const rest = withoutData(text)
      if (vietnamese.some((m) => m.test(text))) problems.push({ text, why: 'a Vietnamese message' })
      else if (CJK.test(rest)) problems.push({ text, why: 'Chinese characters' })
      else if (VIETNAMESE_WORDS.test(rest)) problems.push({ text, why: 'a Vietnamese word' })
      else if (/(^|[^\d.,])1 (?!(?:was|has|is|does|this|its)\b)[a-z]{2,}s\b/.test(rest))
        problems.push({ text, why: 'one of something in the plural' })
    }
    return problems
  }
  const english = foreignMessages(lang, 'en')
  const ownWords = ownLatinWords(lang)
  for (const text of texts) {
    if (english.some((m) => m.test(text))) {
      problems.push({ text, why: 'an English message' })
      continue
    }
    const words = (
      withoutData(text)
        .replace(UNIVERSAL, ' ')
        .match(/[\p{Script=Latin}][\p{Script=Latin}\d'.+-]*/gu) ?? []
    )
      .map((w) => w.replace(/[.'+-]+$/, ''))
      .filter((w) => w.length > 1)
    const englishWord = words.find((w) => ENGLISH_WORDS.has(w.toLowerCase()) && !ownWords.has(w))
    if (englishWord) problems.push({ text, why: `the English word "${englishWord}"` })
    else if (lang === 'zh') {
      const latin = words.find((w) => !ownWords.has(w))
      if (latin) problems.push({ text, why: `Latin letters "${latin}" in Chinese` })
    }
  }
  return problems
}

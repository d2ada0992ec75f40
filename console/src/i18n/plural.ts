import { formatNumber, pluralCategory } from './format'
import type { Language } from './language'

/**
 * Plurals in messages, in the ICU MessageFormat notation translators know:
 * `{count, plural, one {# file} other {# files}}`. The branch is chosen by `Intl.PluralRules` of
 * the message's language (an exact `=0` branch first, then the category, then `other`), and `#`
 * becomes the count written the reader's way. Vietnamese and Chinese have no plural forms, so
 * their messages simply say `{count} tệp`; English needs one, and "1 files" was what readers got.
 * Only `plural` is understood: the console has no gendered or ordinal messages.
 */

const OPENING = /\{(\w+),\s*plural,/g
const BRANCH = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/

/** The text between the brace at `open` and its match, or -1 when it never closes. */
function closing(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

/** The branches of one plural block's body: `one {…} other {…}`; null when malformed. */
export function pluralBranches(body: string): Map<string, string> | null {
  const branches = new Map<string, string>()
  let rest = body
  while (rest.trim() !== '') {
    const match = BRANCH.exec(rest)
    if (!match) return null
    const open = match[0].length - 1
    const end = closing(rest, open)
    if (end < 0) return null
    branches.set(match[1]!, rest.slice(open + 1, end))
    rest = rest.slice(end + 1)
  }
  return branches.has('other') ? branches : null
}

/** Each `{name, plural, …}` block replaced by its branch for `params[name]`; others left as written. */
export function expandPlurals(text: string, params: Record<string, unknown>, lang: Language): string {
  let out = ''
  let from = 0
  for (const match of text.matchAll(OPENING)) {
    const start = match.index
    if (start < from) continue // inside a block already expanded
    const end = closing(text, start)
    const value = params[match[1]!]
    const branches = end < 0 ? null : pluralBranches(text.slice(start + match[0].length, end))
    if (end < 0 || !branches || value === undefined || value === null) continue // left visible, like a missing placeholder
    // A count not known as a number ("?") reads best in the general form.
    const chosen =
      typeof value === 'number'
        ? (branches.get(`=${value}`) ?? branches.get(pluralCategory(value, lang)) ?? branches.get('other')!)
        : branches.get('other')!
    const written = typeof value === 'number' ? formatNumber(value, undefined, lang) : String(value)
    out += text.slice(from, start) + chosen.replaceAll('#', written)
    from = end + 1
  }
  return out + text.slice(from)
}

/** The names a message fills in, plural blocks included: what must match across the three languages. */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>()
  let plain = ''
  let from = 0
  for (const match of text.matchAll(OPENING)) {
    if (match.index < from) continue
    const end = closing(text, match.index)
    const branches = end < 0 ? null : pluralBranches(text.slice(match.index + match[0].length, end))
    if (!branches) continue
    names.add(match[1]!)
    // A branch's words are braced too ({# file}): only what is inside them counts, not the braces.
    for (const branch of branches.values()) for (const name of placeholderNames(branch)) names.add(name)
    plain += text.slice(from, match.index)
    from = end + 1
  }
  plain += text.slice(from)
  for (const m of plain.matchAll(/\{(\w+)\}/g)) names.add(m[1]!)
  return [...names].sort()
}

import type { Language } from '@playlists/schemas/common'

/**
 * Text out of what feeds put in their titles and summaries. The XML parser has already turned
 * the document into strings; an RSS description or an Atom `type="html"` text is HTML in such
 * a string. Screens show text only (never markup a portal's editor pasted), so tags go and
 * HTML's character references are decoded, once, after the tags are gone: an escaped
 * `&lt;script&gt;` stays the visible text "<script>", never markup.
 */

/** The named references that real feeds use; any other stays as written. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  deg: '°',
}

const codePoint = (n: number) =>
  Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff)
    ? String.fromCodePoint(n)
    : ''

export function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X'
      return codePoint(Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10))
    }
    return NAMED[ref.toLowerCase()] ?? whole
  })
}

/** Collapses runs of white space (line breaks included) to one space. */
export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

/** HTML to the words a person reads: scripts and styles dropped, block ends become spaces. */
export function htmlToText(html: string): string {
  const withoutCode = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
  const withoutComments = withoutCode.replace(/<!--[\s\S]*?-->/g, ' ')
  const withoutTags = withoutComments.replace(/<\/?[a-z][^>]*>/gi, ' ')
  return collapse(decodeReferences(withoutTags))
}

/** Cut to `max` characters at a word's end where one is near, marked with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text]
  if (chars.length <= max) return text
  const cut = chars.slice(0, max - 1).join('')
  const space = cut.lastIndexOf(' ')
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`
}

/**
 * The programme's language a tag names (BCP 47: `vi-VN`, `zh-Hans-CN`, `en-GB`), or null.
 * Chinese is the Simplified script of the mainland: a tag naming the Traditional script or a
 * region that writes it (Taiwan, Hong Kong, Macau) is not the programme's `zh`.
 */
export function languageOf(tag: string | undefined): Language | null {
  if (!tag) return null
  const parts = tag.trim().toLowerCase().split(/[-_]/)
  const [primary, ...rest] = parts
  if (primary === 'vi' || primary === 'vie') return 'vi'
  if (primary === 'en' || primary === 'eng') return 'en'
  if (primary === 'zh' || primary === 'zho' || primary === 'chi') {
    const traditional = rest.some((p) => p === 'hant' || p === 'tw' || p === 'hk' || p === 'mo')
    return traditional ? null : 'zh'
  }
  return null
}

import type { Language } from '@playlists/schemas/common'
import {
  FEED_ENTRIES_KEPT,
  FEED_SUMMARY_CHARS_MAX,
  FEED_TITLE_CHARS_MAX,
  type FeedFailure,
} from '@playlists/schemas/feed'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { clip, collapse, decodeReferences, htmlToText, languageOf } from './text'

/**
 * RSS 2.0 and Atom 1.0 to entries, strictly: a document is read whole by fast-xml-parser or
 * refused with a reason, never guessed at. A document type declaration is refused outright,
 * before parsing: it is where external entities (XXE: a feed asking the server to read
 * /etc/passwd or an internal address) and entity expansion ("billion laughs") live, and no
 * real feed needs one. Without it only XML's five predefined references and character
 * references are expanded.
 */

/** A portal's feed is tens of kilobytes; a megabyte is a feed gone wrong, or an attack. */
export const FEED_BYTES_MAX = 1024 * 1024
/** Real feeds nest five deep (rss/channel/item/media:group/media:content); XHTML summaries a few more. */
const NESTING_MAX = 32

export class FeedParseError extends Error {
  override name = 'FeedParseError'
  constructor(
    readonly code: FeedFailure,
    message: string,
  ) {
    super(message)
  }
}

export interface ParsedEntry {
  guid: string
  title: string
  summary: string
  link: string | null
  publishedAt: string | null
  /** The entry's own language (its xml:lang or dc:language, else the feed's), or null. */
  language: Language | null
  imageUrl: string | null
}

export interface ParsedFeed {
  format: 'rss' | 'atom'
  title: string
  entries: ParsedEntry[]
}

/** Elements that may repeat: always read as lists, so one entry and many read alike. */
const LISTS = new Set([
  'item',
  'entry',
  'link',
  'enclosure',
  'media:content',
  'media:thumbnail',
  'media:group',
])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only XML's own references; there is no DTD to declare others (refused above).
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: NESTING_MAX,
  isArray: (name) => LISTS.has(name),
  // Kept as written: an XHTML summary is mixed content, whose word order a parsed tree loses.
  stopNodes: ['feed.entry.summary', 'feed.entry.content'],
})

type Node = Record<string, unknown>

/** The bytes as text: UTF-8 only (what every feed of the province's portal is), BOM dropped. */
function decode(bytes: Uint8Array): string {
  if (bytes.length > FEED_BYTES_MAX) {
    throw new FeedParseError('too-large', `The feed is larger than ${FEED_BYTES_MAX} bytes.`)
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new FeedParseError('encoding', 'The feed is written in UTF-16; only UTF-8 feeds are read.')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new FeedParseError('encoding', 'The feed is not valid UTF-8 text.')
  }
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(text)?.[1]
  if (declared && !/^utf-?8$/i.test(declared)) {
    throw new FeedParseError(
      'encoding',
      `The feed declares the encoding ${declared.slice(0, 40)}; only UTF-8 is read.`,
    )
  }
  return text
}

/** Reads a feed document; throws FeedParseError saying what is wrong with it. */
export function parseFeed(bytes: Uint8Array, base?: string): ParsedFeed {
  const text = decode(bytes)
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
  if (/<!DOCTYPE/i.test(outsideCdata) || /<!ENTITY/i.test(outsideCdata)) {
    throw new FeedParseError(
      'dtd',
      'The feed has a document type declaration (<!DOCTYPE> or <!ENTITY>); feeds are read without one, ' +
        'so that no entity can reach outside the document or multiply it.',
    )
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    throw new FeedParseError(
      'malformed',
      `The feed is not well-formed XML (line ${line}, column ${col}): ${msg}`,
    )
  }
  let doc: Node
  try {
    doc = parser.parse(text) as Node
  } catch (error) {
    throw new FeedParseError('malformed', `The feed could not be read: ${(error as Error).message}`)
  }
  const rss = doc.rss
  if (isNode(rss) && isNode(rss.channel)) return readRss(rss.channel, base)
  if (isNode(doc.feed)) return readAtom(doc.feed, base)
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing'
  throw new FeedParseError(
    'not-a-feed',
    `The document is <${root.slice(0, 40)}>, not an RSS 2.0 or Atom 1.0 feed.`,
  )
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])
const attr = (v: unknown, name: string): string | undefined => {
  const a = isNode(v) ? v[`@_${name}`] : undefined
  return typeof a === 'string' ? a : undefined
}

/** Every piece of text in a node, in document order (an XHTML summary is a tree of elements). */
function flatten(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return v.map(flatten).join(' ')
  if (isNode(v))
    return Object.entries(v)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, c]) => flatten(c))
      .join(' ')
  return ''
}

/** An absolute http(s) address, resolved against the feed's own; null for anything else. */
function address(v: string | undefined, base?: string): string | null {
  if (!v) return null
  try {
    const url = new URL(v.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

const instant = (v: unknown): string | null => {
  const text = flatten(v).trim()
  if (!text) return null
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

const isImage = (type: string | undefined) => type !== undefined && /^image\//i.test(type)

/** media:content that is an image, media:thumbnail, also inside media:group. */
function mediaImage(item: Node, base?: string): string | null {
  const groups = list(item['media:group']).filter(isNode)
  for (const holder of [item, ...groups]) {
    for (const c of list(holder['media:content'])) {
      if (attr(c, 'medium') === 'image' || isImage(attr(c, 'type'))) {
        const url = address(attr(c, 'url'), base)
        if (url) return url
      }
    }
    for (const t of list(holder['media:thumbnail'])) {
      const url = address(attr(t, 'url'), base)
      if (url) return url
    }
  }
  return null
}

function finish(entries: ParsedEntry[]): ParsedEntry[] {
  const seen = new Set<string>()
  return entries
    .filter((e) => (e.title || e.summary) && !seen.has(e.guid) && seen.add(e.guid))
    .slice(0, FEED_ENTRIES_KEPT)
}

function readRss(channel: Node, base?: string): ParsedFeed {
  const feedLanguage = languageOf(flatten(channel.language) || flatten(channel['dc:language']))
  const entries = list(channel.item)
    .filter(isNode)
    .map((item): ParsedEntry => {
      const link = address(flatten(list(item.link)[0]), base)
      const title = clip(htmlToText(flatten(item.title)), FEED_TITLE_CHARS_MAX)
      const publishedAt = instant(item.pubDate) ?? instant(item['dc:date'])
      const guid = collapse(flatten(item.guid)) || link || `${title}\n${publishedAt ?? ''}`
      const enclosure = list(item.enclosure).find((e) => isImage(attr(e, 'type')))
      const ownLanguage = flatten(item['dc:language']) || attr(item, 'xml:lang')
      return {
        guid,
        title,
        summary: clip(
          htmlToText(flatten(item.description ?? item['content:encoded'])),
          FEED_SUMMARY_CHARS_MAX,
        ),
        link,
        publishedAt,
        language: ownLanguage ? languageOf(ownLanguage) : feedLanguage,
        imageUrl: address(attr(enclosure, 'url'), base) ?? mediaImage(item, base),
      }
    })
  return { format: 'rss', title: collapse(flatten(channel.title)), entries: finish(entries) }
}

/** An Atom text construct: `type="html"` and `xhtml` are markup, `text` (the default) is not. */
function atomText(v: unknown): string {
  const node = list(v)[0]
  const type = attr(node, 'type')
  return type === 'html' || type === 'xhtml' ? htmlToText(flatten(node)) : collapse(flatten(node))
}

/** An Atom summary or content as written (a stop node): CDATA opened, references decoded, then as atomText. */
function atomRaw(v: unknown): string {
  const node = list(v)[0]
  const raw = typeof node === 'string' ? node : flatten(isNode(node) ? node['#text'] : '')
  const type = attr(node, 'type')
  if (type === 'xhtml') return htmlToText(raw)
  const opened = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) =>
    inner.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
  )
  const text = decodeReferences(opened)
  return type === 'html' ? htmlToText(text) : collapse(text)
}

function readAtom(feed: Node, base?: string): ParsedFeed {
  const feedLanguage = languageOf(attr(feed, 'xml:lang'))
  const links = (v: unknown) => list(v).filter(isNode)
  const entries = list(feed.entry)
    .filter(isNode)
    .map((entry): ParsedEntry => {
      const own = links(entry.link)
      const alternate = own.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate')
      const enclosure = own.find((l) => attr(l, 'rel') === 'enclosure' && isImage(attr(l, 'type')))
      const link = address(attr(alternate, 'href'), base)
      const title = clip(atomText(entry.title), FEED_TITLE_CHARS_MAX)
      const publishedAt = instant(entry.published) ?? instant(entry.updated)
      const lang = attr(entry, 'xml:lang')
      return {
        guid: collapse(flatten(entry.id)) || link || `${title}\n${publishedAt ?? ''}`,
        title,
        summary: clip(atomRaw(entry.summary ?? entry.content), FEED_SUMMARY_CHARS_MAX),
        link,
        publishedAt,
        language: lang ? languageOf(lang) : feedLanguage,
        imageUrl: address(attr(enclosure, 'href'), base) ?? mediaImage(entry, base),
      }
    })
  return { format: 'atom', title: atomText(feed.title), entries: finish(entries) }
}

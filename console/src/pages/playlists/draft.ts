import {
  ITEM_DURATION_MS_MAX,
  ITEM_DURATION_MS_MIN,
  NAME_CHARS_MAX,
  SLIDE_BODY_CHARS_MAX,
  SLIDE_TITLE_CHARS_MAX,
  TICKER_CHARS_MAX,
  TICKER_SPEED_DEFAULT,
  TICKER_SPEED_MAX,
  TICKER_SPEED_MIN,
  WEB_URL_CHARS_MAX,
} from '@playlists/limits'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import type { Fit, ItemKind, PlaylistItem, PlaylistItemInput, SlideDisplay } from '@playlists/schemas/items'
import type { Playlist, PlaylistInput } from '@playlists/schemas/playlist'
import { type ClockEdit, clockEditOf, clockProblems, clockSettingsOf } from './clock-draft'
import { type DatasetEdit, datasetEditOf, datasetProblems, datasetSettingsOf } from './dataset-draft'
import { type FeedEdit, feedEditOf, feedProblems, feedSettingsOf } from './feed-draft'

/**
 * The playlist as the editor holds it while a person types: durations as the text in their box
 * (seconds), every language's text present even when empty, and a local key per item so a new
 * item (no id until the server gives one) keeps its place in lists and error messages.
 * `toInput` turns it into the API's body; `check` finds what the server would refuse, and what
 * it would accept but a person should know (a language missing on a slide).
 */

export type LangText = { title: string; body: string }

interface Common {
  key: string
  id?: string
  /** The duration in seconds, as typed. */
  durationText: string
}
export type EditItem = Common &
  (
    | { kind: 'image'; mediaId: string; fit: Fit }
    | { kind: 'video'; mediaId: string; fit: Fit; sound: boolean }
    | { kind: 'slide'; text: Record<Language, LangText>; mediaId: string | null; display: SlideDisplay }
    | { kind: 'web'; url: string }
    | { kind: 'ticker'; text: Record<Language, string>; speed: string }
    | ({ kind: 'clock' } & ClockEdit)
    | ({ kind: 'feed' } & FeedEdit)
    | ({ kind: 'dataset' } & DatasetEdit)
  )
export type EditItemOf<K extends ItemKind> = Extract<EditItem, { kind: K }>

export interface Draft {
  name: string
  items: EditItem[]
}

/** Sensible first durations per kind: a slide is read, a picture glanced at, a ticker runs long. */
export const DEFAULT_SECONDS: Record<ItemKind, number> = {
  image: 8,
  video: 15,
  slide: 12,
  web: 20,
  ticker: 60,
  clock: 10,
  feed: 30,
  dataset: 20,
}

let counter = 0
/** A key for React-style lists and error lookups; never sent to the server. */
export const newKey = (): string => `k${++counter}`

const secondsText = (ms: number) => String(ms / 1000)

const emptyTexts = (): Record<Language, LangText> => ({
  vi: { title: '', body: '' },
  zh: { title: '', body: '' },
  en: { title: '', body: '' },
})

export function fromPlaylist(playlist: Playlist): Draft {
  return { name: playlist.name, items: playlist.items.map(fromStored) }
}

/** The draft of `saved`, keeping the keys of the items sent (the server answers in the same order). */
export function adoptKeys(saved: Playlist, keys: readonly string[] | undefined): Draft {
  const draft = fromPlaylist(saved)
  if (keys && keys.length === draft.items.length)
    draft.items.forEach((item, i) => {
      item.key = keys[i]!
    })
  return draft
}

export function fromStored(item: PlaylistItem): EditItem {
  const base = { key: newKey(), id: item.id, durationText: secondsText(item.durationMs) }
  switch (item.kind) {
    case 'image':
      return { ...base, kind: 'image', mediaId: item.mediaId, fit: item.fit }
    case 'video':
      return { ...base, kind: 'video', mediaId: item.mediaId, fit: item.fit, sound: item.sound }
    case 'slide': {
      const text = emptyTexts()
      for (const lang of LANGUAGES) {
        const t = item.text[lang]
        if (t) text[lang] = { title: t.title, body: t.body ?? '' }
      }
      return { ...base, kind: 'slide', text, mediaId: item.mediaId, display: item.display }
    }
    case 'web':
      return { ...base, kind: 'web', url: item.url }
    case 'ticker':
      return {
        ...base,
        kind: 'ticker',
        text: { vi: item.text.vi, zh: item.text.zh ?? '', en: item.text.en ?? '' },
        speed: String(item.speed),
      }
    case 'clock':
      return { ...base, kind: 'clock', ...clockEditOf(item) }
    case 'feed':
      return { ...base, kind: 'feed', ...feedEditOf(item) }
    case 'dataset':
      return { ...base, kind: 'dataset', ...datasetEditOf(item) }
  }
}

/** A new item of a kind; image and video items need the medium chosen in the picker. */
export function newItem(kind: ItemKind, mediaId = ''): EditItem {
  const base = { key: newKey(), durationText: String(DEFAULT_SECONDS[kind]) }
  switch (kind) {
    case 'image':
      return { ...base, kind, mediaId, fit: 'contain' }
    case 'video':
      return { ...base, kind, mediaId, fit: 'contain', sound: false }
    case 'slide':
      return { ...base, kind, text: emptyTexts(), mediaId: mediaId || null, display: 'stacked' }
    case 'web':
      return { ...base, kind, url: 'https://' }
    case 'ticker':
      return { ...base, kind, text: { vi: '', zh: '', en: '' }, speed: String(TICKER_SPEED_DEFAULT) }
    case 'clock':
      return { ...base, kind, ...clockEditOf({ seconds: false }) }
    case 'feed':
      return { ...base, kind, ...feedEditOf({ sourceId: '' }) }
    case 'dataset':
      return { ...base, kind, ...datasetEditOf({ datasetId: '' }) }
  }
}

/** The typed seconds as whole milliseconds, or null when they are not a number. */
export function durationMsOf(item: EditItem): number | null {
  const text = item.durationText.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(text)) return null
  return Math.round(Number(text) * 1000)
}

/** The API body. Languages left empty are left out, as the schema wants (zh and en are optional). */
export function toInput(draft: Draft): PlaylistInput {
  return { name: draft.name.trim(), items: draft.items.map(itemInput) }
}

function itemInput(item: EditItem): PlaylistItemInput {
  const base = { ...(item.id ? { id: item.id } : {}), durationMs: durationMsOf(item) ?? 0 }
  switch (item.kind) {
    case 'image':
      return { ...base, kind: 'image', mediaId: item.mediaId, fit: item.fit }
    case 'video':
      return { ...base, kind: 'video', mediaId: item.mediaId, fit: item.fit, sound: item.sound }
    case 'slide': {
      const text: Partial<Record<Language, LangText>> = {}
      for (const lang of LANGUAGES) {
        const t = item.text[lang]
        // Vietnamese always goes (it is required: an empty one gets the server's message).
        if (lang === 'vi' || t.title.trim() || t.body.trim())
          text[lang] = { title: t.title.trim(), body: t.body.trim() }
      }
      return {
        ...base,
        kind: 'slide',
        text: text as Record<'vi', LangText> & Partial<Record<Language, LangText>>,
        mediaId: item.mediaId,
        display: item.display,
      }
    }
    case 'web':
      return { ...base, kind: 'web', url: item.url.trim() }
    case 'ticker': {
      const text: Partial<Record<Language, string>> = {}
      for (const lang of LANGUAGES)
        if (lang === 'vi' || item.text[lang].trim()) text[lang] = item.text[lang].trim()
      return {
        ...base,
        kind: 'ticker',
        text: text as Record<'vi', string> & Partial<Record<Language, string>>,
        speed: Number(item.speed),
      }
    }
    case 'clock':
      return { ...base, kind: 'clock', ...clockSettingsOf(item) }
    case 'feed':
      return { ...base, kind: 'feed', ...feedSettingsOf(item) }
    case 'dataset':
      return { ...base, kind: 'dataset', ...datasetSettingsOf(item) }
  }
}

/** Moves the item at `from` to position `to` (both in the list as it is). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list]
  const next = [...list]
  const [moved] = next.splice(from, 1)
  next.splice(Math.max(0, Math.min(next.length, to)), 0, moved as T)
  return next
}

/**
 * A problem with one field: `field` is `name`, or `<item key>:<path>` such as `k3:durationMs` or
 * `k3:text.zh.title`. `code` names a message of the page's dictionary; `params` fill it.
 */
export interface Problem {
  field: string
  code: ProblemCode
  params?: Record<string, string | number>
}
export type ProblemCode =
  | 'required'
  | 'too-long'
  | 'duration-number'
  | 'duration-range'
  | 'media-missing'
  | 'title-for-body'
  | 'url-form'
  | 'url-origin'
  | 'speed-range'
  | 'time-zone'

/** A language absent from a slide or ticker: it still plays, without that language. */
export interface Missing {
  key: string
  lang: Language
  /** `all`: nothing in that language; `body`: a title but no body while another language has one. */
  part: 'all' | 'body'
}

export const itemField = (key: string, path: string) => `${key}:${path}`

/** What the server would refuse, found before sending (the server checks again). */
export function check(draft: Draft, webOrigins: readonly string[] | null): Problem[] {
  const problems: Problem[] = []
  const name = draft.name.trim()
  if (!name) problems.push({ field: 'name', code: 'required' })
  else if (name.length > NAME_CHARS_MAX)
    problems.push({ field: 'name', code: 'too-long', params: { max: NAME_CHARS_MAX } })

  for (const item of draft.items) {
    const at = (path: string) => itemField(item.key, path)
    const ms = durationMsOf(item)
    if (ms === null) problems.push({ field: at('durationMs'), code: 'duration-number' })
    else if (ms < ITEM_DURATION_MS_MIN || ms > ITEM_DURATION_MS_MAX)
      problems.push({
        field: at('durationMs'),
        code: 'duration-range',
        params: { min: ITEM_DURATION_MS_MIN / 1000, max: ITEM_DURATION_MS_MAX / 1000 },
      })
    switch (item.kind) {
      case 'image':
      case 'video':
        if (!item.mediaId) problems.push({ field: at('mediaId'), code: 'media-missing' })
        break
      case 'slide':
        for (const lang of LANGUAGES) {
          const { title, body } = item.text[lang]
          if (title.trim().length > SLIDE_TITLE_CHARS_MAX)
            problems.push({
              field: at(`text.${lang}.title`),
              code: 'too-long',
              params: { max: SLIDE_TITLE_CHARS_MAX },
            })
          if (body.trim().length > SLIDE_BODY_CHARS_MAX)
            problems.push({
              field: at(`text.${lang}.body`),
              code: 'too-long',
              params: { max: SLIDE_BODY_CHARS_MAX },
            })
          if (lang === 'vi' && !title.trim()) problems.push({ field: at('text.vi.title'), code: 'required' })
          else if (lang !== 'vi' && !title.trim() && body.trim())
            problems.push({ field: at(`text.${lang}.title`), code: 'title-for-body' })
        }
        break
      case 'web': {
        const url = item.url.trim()
        let parsed: URL | null = null
        try {
          parsed = /^https?:\/\/\S+$/.test(url) && url.length <= WEB_URL_CHARS_MAX ? new URL(url) : null
        } catch {
          parsed = null
        }
        if (!parsed) problems.push({ field: at('url'), code: 'url-form' })
        else if (webOrigins && !webOrigins.includes(parsed.origin))
          problems.push({ field: at('url'), code: 'url-origin', params: { origin: parsed.origin } })
        break
      }
      case 'ticker': {
        if (!item.text.vi.trim()) problems.push({ field: at('text.vi'), code: 'required' })
        for (const lang of LANGUAGES)
          if (item.text[lang].trim().length > TICKER_CHARS_MAX)
            problems.push({ field: at(`text.${lang}`), code: 'too-long', params: { max: TICKER_CHARS_MAX } })
        const speed = Number(item.speed)
        if (!/^\d+$/.test(item.speed.trim()) || speed < TICKER_SPEED_MIN || speed > TICKER_SPEED_MAX)
          problems.push({
            field: at('speed'),
            code: 'speed-range',
            params: { min: TICKER_SPEED_MIN, max: TICKER_SPEED_MAX },
          })
        break
      }
      case 'clock':
        for (const p of clockProblems(item)) problems.push({ ...p, field: at(p.path) })
        break
      case 'feed':
        for (const p of feedProblems(item)) problems.push({ ...p, field: at(p.path) })
        break
      case 'dataset':
        for (const p of datasetProblems(item)) problems.push({ ...p, field: at(p.path) })
        break
    }
  }
  return problems
}

/** Languages a slide or ticker lacks (Vietnamese included: its absence is also an error). */
export function missingLanguages(item: EditItem): Missing[] {
  if (item.kind === 'ticker')
    return LANGUAGES.filter((lang) => !item.text[lang].trim()).map((lang) => ({
      key: item.key,
      lang,
      part: 'all',
    }))
  if (item.kind !== 'slide') return []
  const anyBody = LANGUAGES.some((lang) => item.text[lang].body.trim())
  const missing: Missing[] = []
  for (const lang of LANGUAGES) {
    const { title, body } = item.text[lang]
    if (!title.trim() && !body.trim()) missing.push({ key: item.key, lang, part: 'all' })
    else if (anyBody && !body.trim()) missing.push({ key: item.key, lang, part: 'body' })
  }
  return missing
}

export const totalMs = (items: readonly { durationMs: number }[]) =>
  items.reduce((sum, i) => sum + i.durationMs, 0)

/**
 * A field named by the server, in its validation details (`body.items[2].text.zh.title`) or its
 * own checks (`items/2/url`), as this editor names it (`<key of item 2>:text.zh.title`). `keys` are
 * the items' keys in the order they were sent.
 */
export function fieldOfServer(path: string, keys: readonly string[]): string | null {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
  if (parts[0] === 'body') parts.shift()
  if (parts[0] === 'name') return 'name'
  if (parts[0] !== 'items' || parts[1] === undefined || !/^\d+$/.test(parts[1])) return null
  const key = keys[Number(parts[1])]
  if (!key) return null
  const rest = parts.slice(2)
  return itemField(key, rest.length > 0 ? rest.join('.') : 'item')
}

import { datasetItemOf } from '@playlists/dataset-on-screen'
import { feedItemEntries } from '@playlists/feed-on-screen'
import {
  ITEM_DURATION_MS_MAX,
  ITEM_DURATION_MS_MIN,
  TICKER_SPEED_DEFAULT,
  TICKER_SPEED_MAX,
  TICKER_SPEED_MIN,
} from '@playlists/limits'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import type { DatasetOnAir } from '@playlists/schemas/dataset'
import type { OnAirEntry } from '@playlists/schemas/feed'
import type { DocumentItem } from '@playlists/schemas/items'
import type { Media, MediaRef } from '@playlists/schemas/media'
import type { SlideText } from '@playlists/schemas/text'
import { clockSettingsOf } from './clock-draft'
import { datasetSettingsOf } from './dataset-draft'
import { DEFAULT_SECONDS, durationMsOf, type EditItem } from './draft'
import { feedSettingsOf } from './feed-draft'

/** What a document carries of a medium: the player fetches and checks it by these. */
export const mediaRef = (m: Media): MediaRef => ({
  id: m.id,
  url: m.url,
  contentType: m.contentType,
  sha256: m.sha256,
  bytes: m.bytes,
  width: m.width,
  height: m.height,
  durationMs: m.durationMs,
})

/**
 * The item being edited as a screen would receive it (the document's shape, media resolved), so
 * the player's own renderer can draw it. Text is taken as typed, before trimming: the operator
 * sees each keystroke. Null while a medium it needs is not known yet.
 */
export function documentItem(
  item: EditItem,
  media: Media | undefined,
  onAir?: readonly OnAirEntry[],
  dataset?: DatasetOnAir,
): DocumentItem | null {
  const typed = durationMsOf(item)
  const durationMs =
    typed === null
      ? DEFAULT_SECONDS[item.kind] * 1000
      : Math.min(ITEM_DURATION_MS_MAX, Math.max(ITEM_DURATION_MS_MIN, typed))
  const base = { id: item.id ?? item.key, durationMs }
  switch (item.kind) {
    case 'image':
      return media ? { ...base, kind: 'image', media: mediaRef(media), fit: item.fit } : null
    case 'video':
      return media ? { ...base, kind: 'video', media: mediaRef(media), fit: item.fit, sound: false } : null
    case 'slide': {
      if (item.mediaId && !media) return null
      const text: Partial<Record<Language, SlideText>> = {}
      for (const lang of LANGUAGES) {
        const t = item.text[lang]
        if (lang === 'vi' || t.title.trim() || t.body.trim()) text[lang] = { title: t.title, body: t.body }
      }
      return {
        ...base,
        kind: 'slide',
        text: text as { vi: SlideText },
        media: item.mediaId && media ? mediaRef(media) : null,
        display: item.display,
      }
    }
    case 'web':
      return { ...base, kind: 'web', url: item.url.trim() }
    case 'ticker': {
      const text: Partial<Record<Language, string>> = {}
      for (const lang of LANGUAGES) if (lang === 'vi' || item.text[lang].trim()) text[lang] = item.text[lang]
      const speed = Number(item.speed)
      return {
        ...base,
        kind: 'ticker',
        text: text as { vi: string },
        speed: Number.isFinite(speed)
          ? Math.min(TICKER_SPEED_MAX, Math.max(TICKER_SPEED_MIN, speed))
          : TICKER_SPEED_DEFAULT,
      }
    }
    case 'clock':
      return { ...base, kind: 'clock', ...clockSettingsOf(item) }
    case 'feed': {
      if (!onAir) return null
      const { sourceId, style, count, languages, speed } = feedSettingsOf(item)
      // What the source has on air now, as text: the pictures a screen gets are in its manifest.
      const entries = feedItemEntries(onAir, count, languages).map((e) => ({
        entryId: e.entryId,
        language: e.language,
        title: e.title,
        summary: e.summary,
        publishedAt: e.publishedAt,
        media: null,
      }))
      const clamped = Number.isFinite(speed)
        ? Math.min(TICKER_SPEED_MAX, Math.max(TICKER_SPEED_MIN, speed))
        : TICKER_SPEED_DEFAULT
      return { ...base, kind: 'feed', sourceId, style, languages, speed: clamped, entries }
    }
    case 'dataset': {
      // The version on air, as a screen shows it; nothing to draw before the first approval.
      const live =
        dataset?.body && dataset.version !== null
          ? { number: dataset.version, body: dataset.body }
          : undefined
      return datasetItemOf({ ...base, kind: 'dataset', ...datasetSettingsOf(item) }, live)
    }
  }
}

import { PLAYLIST_ITEMS_MAX } from '@playlists/limits'
import { LANGUAGES } from '@playlists/schemas/common'
import { FIT_MODES, ITEM_KINDS, SLIDE_DISPLAYS } from '@playlists/schemas/items'
import { isOneOf, isRecord, isString, stableJson } from '../../components/draft-shape'
import { keptClockEdit } from './clock-draft'
import { keptDatasetEdit } from './dataset-draft'
import { type Draft, type EditItem, newKey } from './draft'
import { keptFeedEdit } from './feed-draft'

/**
 * The playlist editor's draft as kept in the browser (components/local-draft.ts) and read back:
 * every item checked against the editor's own shape, and given a fresh key (keys are counted per
 * page load, so a kept `k3` could meet a new item's `k3`).
 */

const langTexts = (value: unknown, withBody: boolean): boolean =>
  isRecord(value) &&
  LANGUAGES.every((lang) => {
    const text = value[lang]
    return withBody ? isRecord(text) && isString(text.title) && isString(text.body) : isString(text)
  })

function itemOk(item: unknown): boolean {
  if (!isRecord(item) || !isString(item.durationText) || !isOneOf(item.kind, ITEM_KINDS)) return false
  if (item.id !== undefined && !isString(item.id)) return false
  switch (item.kind) {
    case 'image':
      return isString(item.mediaId) && isOneOf(item.fit, FIT_MODES)
    case 'video':
      return isString(item.mediaId) && isOneOf(item.fit, FIT_MODES) && typeof item.sound === 'boolean'
    case 'slide':
      return (
        langTexts(item.text, true) &&
        (item.mediaId === null || isString(item.mediaId)) &&
        isOneOf(item.display, SLIDE_DISPLAYS)
      )
    case 'web':
      return isString(item.url)
    case 'ticker':
      return langTexts(item.text, false) && isString(item.speed)
    case 'clock':
      return keptClockEdit(item) !== null
    case 'feed':
      return keptFeedEdit(item)
    case 'dataset':
      return keptDatasetEdit(item)
  }
}

export function parseKeptDraft(data: unknown): Draft | null {
  if (!isRecord(data) || !isString(data.name) || !Array.isArray(data.items)) return null
  if (data.items.length > PLAYLIST_ITEMS_MAX || !data.items.every(itemOk)) return null
  const items = (data.items as EditItem[]).map((item) =>
    // A clock kept before it had a second zone and lunar date gets their defaults.
    item.kind === 'clock'
      ? { ...item, ...keptClockEdit(item as never)!, key: newKey() }
      : { ...item, key: newKey() },
  )
  return { name: data.name, items }
}

/** What a person would call the same draft: everything but the per-load item keys. */
export const draftPrint = (draft: Draft): string =>
  stableJson({ name: draft.name, items: draft.items.map(({ key: _key, ...rest }) => rest) })

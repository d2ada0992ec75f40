import type { ScreenDocument } from './schemas/document'
import { type DocumentItem, ITEM_KINDS } from './schemas/items'
import type { DocumentPlaylist } from './schemas/playlist'
import { webAddress } from './web'

/**
 * What a screen can play, decided from its document alone, once for the server's timeline API,
 * every player and every preview (issue 17): a zone must never sit on a playlist that can show
 * nothing while another rule, or the zone's default, has something to show.
 *
 * An item is playable when everything it needs is in the document: its medium is in the
 * manifest (the files a player downloads before it applies the document), its page address is
 * one a browser can open, and its kind is one this code knows. Pages off the allow-list never get
 * this far: compiling leaves them out, and the player's frame policy refuses them (renderers/web.ts).
 */

export type UnplayableReason = 'medium-missing' | 'bad-address' | 'unknown-kind' | 'no-duration'

/** Why `item` cannot be shown from `document`, or null when it can. */
export function unplayableReason(document: ScreenDocument, item: DocumentItem): UnplayableReason | null {
  if (!(ITEM_KINDS as readonly string[]).includes(item.kind)) return 'unknown-kind'
  if (!(item.durationMs > 0)) return 'no-duration'
  switch (item.kind) {
    case 'image':
    case 'video':
      return item.media && manifestOf(document).has(item.media.url) ? null : 'medium-missing'
    case 'slide':
      // The picture is part of the slide: a slide without the picture it was approved with is
      // not what the approver saw (compiling leaves such an item out the same way).
      return item.media === null || manifestOf(document).has(item.media.url) ? null : 'medium-missing'
    case 'web':
      return 'problem' in webAddress(item.url) ? 'bad-address' : null
    default:
      return null
  }
}

/**
 * A playlist as the timeline plays it: its playable items in order, each with its position in
 * the playlist (what proof of play and the timeline API report), or null when none is playable.
 */
export interface PlayableList {
  id: string
  revision: number
  items: readonly DocumentItem[]
  /** `positions[i]` is the index of `items[i]` in the document's playlist. */
  positions: readonly number[]
  /** The sum of the items' durations: one loop. */
  loopMs: number
}

const manifests = new WeakMap<ScreenDocument, ReadonlySet<string>>()
const lists = new WeakMap<ScreenDocument, Map<string, PlayableList | null>>()

function manifestOf(document: ScreenDocument): ReadonlySet<string> {
  let urls = manifests.get(document)
  if (!urls) {
    urls = new Set(document.assets.map((a) => a.url))
    manifests.set(document, urls)
  }
  return urls
}

/**
 * The playable part of playlist `id`, or null when the document lacks it or none of its items
 * can play. Remembered per document: documents are immutable, so this never goes stale.
 */
export function playableList(document: ScreenDocument, id: string | null): PlayableList | null {
  if (id === null) return null
  let byId = lists.get(document)
  if (!byId) {
    byId = new Map()
    lists.set(document, byId)
  }
  let list = byId.get(id)
  if (list === undefined) {
    list = build(document, Object.hasOwn(document.playlists, id) ? document.playlists[id] : undefined)
    byId.set(id, list)
  }
  return list
}

function build(document: ScreenDocument, playlist: DocumentPlaylist | undefined): PlayableList | null {
  if (!playlist) return null
  const items: DocumentItem[] = []
  const positions: number[] = []
  let loopMs = 0
  playlist.items.forEach((item, position) => {
    if (unplayableReason(document, item) !== null) return
    items.push(item)
    positions.push(position)
    loopMs += item.durationMs
  })
  return items.length === 0
    ? null
    : { id: playlist.id, revision: playlist.revision, items, positions, loopMs }
}

/** Whether playlist `id` has anything to show on this document's screen. */
export const isPlayable = (document: ScreenDocument, id: string | null): boolean =>
  playableList(document, id) !== null

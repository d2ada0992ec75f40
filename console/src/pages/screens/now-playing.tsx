import type { ZoneNow } from '@playlists/events'
import type { DocumentItem } from '@playlists/schemas/items'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './messages'

/**
 * What a player says it shows is ids (zone, playlist, item); people read names. The names come
 * from the screen's published document, fetched once per screen and version, and only for the
 * screens on the page, and boiled down to what this column needs.
 */
interface Names {
  zones: Map<string, string>
  playlists: Map<string, { name: string; items: DocumentItem[] }>
}

const summaries = new Map<string, Promise<Names | null>>()

function summaryOf(screenId: string, version: number): Promise<Names | null> {
  const key = `${screenId}@${version}`
  let found = summaries.get(key)
  if (!found) {
    // Older versions of this screen are not asked for again.
    for (const k of summaries.keys()) if (k.startsWith(`${screenId}@`)) summaries.delete(k)
    found = api.get('/api/screens/:id/document', { params: { id: screenId } }).then(
      (doc) => ({
        zones: new Map(doc.layout.zones.map((z) => [z.id, shownName(z.name)])),
        playlists: new Map(Object.values(doc.playlists).map((p) => [p.id, { name: p.name, items: p.items }])),
      }),
      () => {
        summaries.delete(key) // asked again on the next render that needs it
        return null
      },
    )
    summaries.set(key, found)
  }
  return found
}

/** Names for the screens given (id → latest published version), filled in as documents arrive. */
export function useNames(wanted: ReadonlyMap<string, number>): ReadonlyMap<string, Names> {
  const [names, setNames] = useState<ReadonlyMap<string, Names>>(new Map())
  const key = [...wanted].map(([id, v]) => `${id}@${v}`).join('|')
  // `key` stands for `wanted`, a new Map on every render.
  useEffect(() => {
    let live = true
    for (const [screenId, version] of wanted) {
      void summaryOf(screenId, version).then((found) => {
        if (!live || !found) return
        setNames((current) => new Map(current).set(screenId, found))
      })
    }
    return () => {
      live = false
    }
  }, [key])
  return names
}

function itemText(item: DocumentItem): string {
  const lang = language.value
  switch (item.kind) {
    case 'slide':
      return (item.text[lang] ?? item.text.vi).title
    case 'ticker':
      return item.text[lang] ?? item.text.vi
    case 'web':
      try {
        return new URL(item.url).host
      } catch {
        return item.url
      }
    default:
      return ''
  }
}

function ItemLabel({ zone, names }: { zone: ZoneNow; names: Names | undefined }) {
  if (!zone.itemId || !zone.playlistId) return <span class="muted">{t('now.idle')}</span>
  const playlist = names?.playlists.get(zone.playlistId)
  const index = playlist?.items.findIndex((i) => i.id === zone.itemId) ?? -1
  const item = index >= 0 ? playlist?.items[index] : undefined
  if (!playlist || !item) {
    // Not in the newest document (the player still plays an older one): the ids say enough.
    return <span>{t('now.ids', { playlist: zone.playlistId, item: zone.itemId })}</span>
  }
  const text = itemText(item)
  return (
    <span>
      <span class="now-playlist">{playlist.name}</span>
      {' · '}
      {t(`kind.${item.kind}`)} {t('now.position', { n: index + 1, count: playlist.items.length })}
      {text && <span class="now-text">: {text}</span>}
    </span>
  )
}

/** One line per zone: the zone's name, the playlist and the item on it now. */
export function NowPlaying({ zones, names }: { zones: readonly ZoneNow[]; names: Names | undefined }) {
  if (zones.length === 0) return <span class="muted">{t('now.unknown')}</span>
  return (
    <ul class="now-playing">
      {zones.map((z) => (
        <li key={z.zoneId}>
          {zones.length > 1 && <span class="now-zone">{names?.zones.get(z.zoneId) ?? z.zoneId}: </span>}
          <ItemLabel zone={z} names={names} />
        </li>
      ))}
    </ul>
  )
}

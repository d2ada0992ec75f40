import type { ReportGrouping, ReportNames } from '@playlists/schemas/reports'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { tr } from './messages'
import { formatDay, formatMonth } from './period'

/**
 * What the ids in a report are called, in the reader's language where a name has three (sites,
 * slides, tickers). Something deleted since keeps its id: a report must still say what played.
 */

const KINDS = ['image', 'video', 'slide', 'web', 'ticker', 'clock', 'feed', 'dataset'] as const
type Kind = (typeof KINDS)[number]

export const kindLabel = (kind: string): string =>
  (KINDS as readonly string[]).includes(kind) ? tr(`kind.${kind as Kind}`) : kind

export function siteLabel(names: ReportNames, id: string | null | undefined): string {
  if (!id) return tr('deleted')
  return names.sites[id]?.[language.value] ?? id
}

export const screenLabel = (names: ReportNames, id: string): string =>
  shownName(names.screens[id]?.name ?? id)

export const playlistLabel = (names: ReportNames, id: string): string => names.playlists[id] ?? id

export function itemLabel(names: ReportNames, playlistId: string, itemId: string): string {
  const label = names.items[`${playlistId}/${itemId}`]
  if (!label) return itemId
  return label.text?.[language.value] ?? kindLabel(label.kind)
}

export interface Named {
  key: string
  siteId?: string | null | undefined
  screenId?: string | undefined
  playlistId?: string | undefined
  itemId?: string | undefined
}

/** A row's name in a table of one grouping. */
export function rowLabel(by: ReportGrouping, row: Named, names: ReportNames): string {
  switch (by) {
    case 'day':
      return formatDay(row.key)
    case 'month':
      return formatMonth(row.key, 'long')
    case 'site':
      return siteLabel(names, row.siteId)
    case 'screen':
      return screenLabel(names, row.screenId ?? row.key)
    case 'playlist':
      return playlistLabel(names, row.playlistId ?? row.key)
    case 'item':
      return itemLabel(names, row.playlistId ?? '', row.itemId ?? '')
  }
}

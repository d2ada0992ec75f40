import { DOCUMENT_FORMAT, type ScreenDocument } from '@playlists/schemas/document'
import type { Override } from '@playlists/schemas/emergency'
import type { DocumentItem } from '@playlists/schemas/items'
import { type DocumentZone, MAIN_ZONE } from '@playlists/schemas/layout'
import type { DocumentPlaylist } from '@playlists/schemas/playlist'
import { ALWAYS_ON } from '@playlists/schemas/power'
import type { ScheduleRule } from '@playlists/schemas/schedule'

export const item = (id: string, durationMs: number): DocumentItem => ({
  id,
  kind: 'slide',
  durationMs,
  media: null,
  display: 'stacked',
  text: { vi: { title: id, body: '' } },
})

export const playlist = (id: string, items: DocumentItem[]): DocumentPlaylist => ({
  id,
  name: id,
  revision: 1,
  items,
})

export interface DocumentExtras {
  rules?: ScheduleRule[]
  overrides?: Override[]
  timeZone?: string
  /** More playlists, for rules to point at. */
  playlists?: DocumentPlaylist[]
  /** Zones besides the main one (which covers the screen and plays `playlistId`). */
  zones?: DocumentZone[]
}

/** A document whose default playlist loops `items`, anchored at `epochMs`. */
export function documentWith(
  items: DocumentItem[],
  epochMs = 0,
  playlistId: string | null = 'pl',
  extras: DocumentExtras = {},
): ScreenDocument {
  const playlists: Record<string, DocumentPlaylist> = {}
  if (playlistId) playlists[playlistId] = playlist(playlistId, items)
  for (const p of extras.playlists ?? []) playlists[p.id] = p
  return {
    format: DOCUMENT_FORMAT,
    screenId: 'screen',
    version: 1,
    hash: '0'.repeat(64),
    publishedAt: new Date(0).toISOString(),
    screen: {
      id: 'screen',
      name: 'Screen',
      siteId: 'site',
      siteName: { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' },
      width: 1920,
      height: 960,
      timeZone: extras.timeZone ?? 'Asia/Ho_Chi_Minh',
      syncGroupId: null,
      audio: false,
      crossfadeMs: 0,
      power: { plan: ALWAYS_ON, source: 'site', latitude: null, longitude: null },
    },
    epochMs,
    layout: {
      id: null,
      name: 'Test',
      zones: [
        { id: MAIN_ZONE, name: 'Main', x: 0, y: 0, width: 1, height: 1, defaultPlaylistId: playlistId },
        ...(extras.zones ?? []),
      ],
    },
    playlists,
    rules: extras.rules ?? [],
    overrides: extras.overrides ?? [],
    horizon: { fromMs: 0, untilMs: 8.64e15 },
    assets: [],
  }
}

/** A schedule rule with defaults: every day, all day, priority 50, aimed at the screen. */
export function rule(id: string, playlistId: string, fields: Partial<ScheduleRule> = {}): ScheduleRule {
  return {
    id,
    playlistId,
    priority: 50,
    specificity: 4,
    zoneId: MAIN_ZONE,
    createdAt: '2026-01-01T00:00:00.000Z',
    from: null,
    until: null,
    days: null,
    lunar: null,
    window: null,
    cron: null,
    ...fields,
  }
}

/** The instant item `itemId` of the main zone's default loop starts, in the first loop after `after`. */
export function itemStart(doc: ScreenDocument, itemId: string, after: number): number {
  const main = doc.layout.zones.find((z) => z.id === 'main')!
  const items = doc.playlists[main.defaultPlaylistId!]!.items
  const loop = items.reduce((sum, i) => sum + i.durationMs, 0)
  let start = doc.epochMs + Math.ceil((after - doc.epochMs) / loop) * loop
  for (const item of items) {
    if (item.id === itemId) return start
    start += item.durationMs
  }
  throw new Error(`no item ${itemId}`)
}

import type { TrilingualName } from '@playlists/schemas/common'
import type { PlaysReportRow, ReportGrouping, ReportNames, ScreenUptime } from '@playlists/schemas/reports'
import type { Store } from '../db/store'

/** A period of local days (inclusive) and an optional site or screen. */
export interface ReportFilter {
  from: string
  to: string
  siteId?: string | undefined
  screenId?: string | undefined
}

export interface RowsPage {
  /** 0-based; a limit of -1 reads every row (the CSV export). */
  offset: number
  limit: number
}

/** The columns each grouping adds and groups by; table `pd` is play_days, `s` the screen (if any). */
const GROUPS: Record<ReportGrouping, { select: string; groupBy: string; orderBy: string; join: boolean }> = {
  day: { select: 'pd.local_day AS key', groupBy: 'pd.local_day', orderBy: 'key', join: false },
  month: {
    select: 'substr(pd.local_day, 1, 7) AS key',
    groupBy: 'substr(pd.local_day, 1, 7)',
    orderBy: 'key',
    join: false,
  },
  site: {
    select: "coalesce(s.site_id, '') AS key, s.site_id AS siteId",
    groupBy: 's.site_id',
    orderBy: 'plays DESC, ms DESC, key',
    join: true,
  },
  screen: {
    select: 'pd.screen_id AS key, pd.screen_id AS screenId, s.site_id AS siteId',
    // A screen has one site: grouping by both is grouping by the screen (PostgreSQL asks for it).
    groupBy: 'pd.screen_id, s.site_id',
    orderBy: 'plays DESC, ms DESC, key',
    join: true,
  },
  playlist: {
    select: 'pd.playlist_id AS key, pd.playlist_id AS playlistId',
    groupBy: 'pd.playlist_id',
    orderBy: 'plays DESC, ms DESC, key',
    join: false,
  },
  item: {
    select: "pd.playlist_id || '/' || pd.item_id AS key, pd.playlist_id AS playlistId, pd.item_id AS itemId",
    groupBy: 'pd.playlist_id, pd.item_id',
    orderBy: 'plays DESC, ms DESC, key',
    join: false,
  },
}

/** Plays of the period, read through play_days' key (local_day first). */
function where(filter: ReportFilter): string {
  return [
    'pd.local_day >= @from AND pd.local_day <= @to',
    filter.screenId ? 'pd.screen_id = @screenId' : '',
    filter.siteId ? 'pd.screen_id IN (SELECT id FROM screens WHERE site_id = @siteId)' : '',
  ]
    .filter(Boolean)
    .join(' AND ')
}

const params = (filter: ReportFilter) => ({
  from: filter.from,
  to: filter.to,
  siteId: filter.siteId ?? null,
  screenId: filter.screenId ?? null,
})

type Row = PlaysReportRow & { ms: number }

interface ScreenRow {
  id: string
  name: string
  site_id: string
  time_zone: string
  created_at: string
  /** The plan in force (the screen's own, else its site's) as stored; null: always on. */
  power_plan: string | null
}

interface ItemLabel {
  kind: string
  text: TrilingualName | null
}

/** Labels longer than this (a ticker's line) are cut: a report names items, it does not quote them. */
const LABEL_CHARS_MAX = 120
const cut = (text: string) =>
  text.length > LABEL_CHARS_MAX ? `${text.slice(0, LABEL_CHARS_MAX - 1)}…` : text
const trilingual = (vi: string, zh: string | undefined, en: string | undefined): TrilingualName => ({
  vi: cut(vi),
  zh: cut(zh ?? vi),
  en: cut(en ?? vi),
})

type StoredItem = {
  id: string
  kind: string
  mediaId?: string | null
  url?: string
  text?: unknown
  sourceId?: string
}

/** Proof-of-play totals and what the ids in them are called, for the reports. */
export class ReportsRepository {
  constructor(private readonly db: Store) {}

  /** One page of groups, the number of groups and the totals of the whole period. */
  plays(
    filter: ReportFilter,
    by: ReportGrouping,
    page: RowsPage,
  ): { rows: PlaysReportRow[]; total: number; totals: { plays: number; seconds: number } } {
    const g = GROUPS[by]
    const from = `FROM play_days pd ${g.join ? 'LEFT JOIN screens s ON s.id = pd.screen_id' : ''}
      WHERE ${where(filter)}`
    const rows = this.db
      .prepare(
        `SELECT ${g.select}, sum(pd.plays) AS plays, sum(pd.ms) AS ms ${from}
         GROUP BY ${g.groupBy} ORDER BY ${g.orderBy} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params(filter), ...page }) as Row[]
    const total = this.db
      .prepare(`SELECT count(*) FROM (SELECT 1 ${from} GROUP BY ${g.groupBy}) AS groups`)
      .pluck()
      .get(params(filter)) as number
    const totals = this.db
      .prepare(`SELECT coalesce(sum(pd.plays), 0) AS plays, coalesce(sum(pd.ms), 0) AS ms ${from}`)
      .get(params(filter)) as { plays: number; ms: number }
    return {
      rows: rows.map(({ ms, ...r }) => ({ ...r, seconds: ms / 1000 })),
      total,
      totals: { plays: totals.plays, seconds: totals.ms / 1000 },
    }
  }

  /** The hot query's text, for tests that check SQLite reads it through an index. */
  playsQueryText(filter: ReportFilter, by: ReportGrouping): string {
    const g = GROUPS[by]
    return `SELECT ${g.select}, sum(pd.plays) AS plays, sum(pd.ms) AS ms
      FROM play_days pd ${g.join ? 'LEFT JOIN screens s ON s.id = pd.screen_id' : ''}
      WHERE ${where(filter)} GROUP BY ${g.groupBy} ORDER BY ${g.orderBy}`
  }

  /** The screens a filter covers (existing ones), by site then id, with their zone and creation. */
  screens(filter: Pick<ReportFilter, 'siteId' | 'screenId'>): ScreenRow[] {
    return this.db
      .prepare(
        `SELECT s.id, s.name, s.site_id, coalesce(s.time_zone, si.time_zone) AS time_zone, s.created_at,
           coalesce(s.power_plan, si.power_plan) AS power_plan
         FROM screens s JOIN sites si ON si.id = s.site_id
         WHERE (@siteId IS NULL OR s.site_id = @siteId) AND (@screenId IS NULL OR s.id = @screenId)
         ORDER BY s.site_id, s.id`,
      )
      .all({ siteId: filter.siteId ?? null, screenId: filter.screenId ?? null }) as ScreenRow[]
  }

  siteExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM sites WHERE id = ?').get(id) !== undefined
  }

  /** Names for the ids that rows and uptime entries mention (screens bring their sites along). */
  names(rows: readonly (PlaysReportRow | ScreenUptime)[]): ReportNames {
    const siteIds = new Set<string>()
    const screenIds = new Set<string>()
    const playlistIds = new Set<string>()
    const items = new Map<string, Set<string>>()
    for (const r of rows) {
      if (r.siteId) siteIds.add(r.siteId)
      if (r.screenId) screenIds.add(r.screenId)
      if ('playlistId' in r && r.playlistId) {
        playlistIds.add(r.playlistId)
        if (r.itemId) {
          const set = items.get(r.playlistId) ?? new Set<string>()
          set.add(r.itemId)
          items.set(r.playlistId, set)
        }
      }
    }
    const names: ReportNames = { sites: {}, screens: {}, playlists: {}, items: {} }
    for (const s of this.screenNames([...screenIds])) {
      names.screens[s.id] = { name: s.name, siteId: s.site_id, timeZone: s.time_zone }
      siteIds.add(s.site_id)
    }
    for (const s of this.rowsOf<{ id: string; name: string }>('SELECT id, name FROM sites', [...siteIds]))
      names.sites[s.id] = JSON.parse(s.name) as TrilingualName
    for (const p of this.playlistNames([...playlistIds])) names.playlists[p.id] = p.name
    for (const [playlistId, ids] of items) {
      for (const [itemId, label] of this.itemLabels(playlistId, ids))
        names.items[`${playlistId}/${itemId}`] = label
    }
    return names
  }

  /** `sql` filtered to rows whose id is in `ids`, bound as one JSON parameter. */
  private rowsOf<T>(sql: string, ids: readonly string[], idColumn = 'id'): T[] {
    if (ids.length === 0) return []
    return this.db
      .prepare(`${sql} WHERE ${idColumn} IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as T[]
  }

  private screenNames(ids: readonly string[]): ScreenRow[] {
    return this.rowsOf<ScreenRow>(
      `SELECT s.id, s.name, s.site_id, coalesce(s.time_zone, si.time_zone) AS time_zone, s.created_at
       FROM screens s JOIN sites si ON si.id = s.site_id`,
      ids,
      's.id',
    )
  }

  /**
   * The name screens played it under: the newest approved version's, else the draft's (a
   * playlist never approved plays nowhere, but its plays may come from an older server).
   */
  private playlistNames(ids: readonly string[]): { id: string; name: string }[] {
    if (ids.length === 0) return []
    return this.db
      .prepare(
        `SELECT j.value AS id, coalesce(
           (SELECT json_extract(v.body, '$.name') FROM versions v
            WHERE v.object_type = 'playlist' AND v.object_id = j.value AND v.state = 'approved'
              AND v.body IS NOT NULL ORDER BY v.number DESC LIMIT 1),
           (SELECT p.name FROM playlists p WHERE p.id = j.value)) AS name
         FROM json_each(?) j`,
      )
      .all(JSON.stringify(ids))
      .filter((r): r is { id: string; name: string } => (r as { name: unknown }).name !== null)
  }

  /**
   * What each item shows, from the newest approved version that holds it, else the draft; an
   * item deleted everywhere keeps no name (its id stands in).
   */
  private itemLabels(playlistId: string, wanted: ReadonlySet<string>): Map<string, ItemLabel> {
    const found = new Map<string, StoredItem>()
    const bodies = this.db
      .prepare(
        `SELECT body FROM versions WHERE object_type = 'playlist' AND object_id = ? AND state = 'approved'
           AND body IS NOT NULL ORDER BY number DESC`,
      )
      .pluck()
      .all(playlistId) as string[]
    for (const body of bodies) {
      for (const item of (JSON.parse(body) as { items: StoredItem[] }).items)
        if (wanted.has(item.id) && !found.has(item.id)) found.set(item.id, item)
      if (found.size === wanted.size) break
    }
    if (found.size < wanted.size) {
      const draft = this.db
        .prepare('SELECT id, kind, media_id, settings FROM playlist_items WHERE playlist_id = ?')
        .all(playlistId) as { id: string; kind: string; media_id: string | null; settings: string }[]
      for (const r of draft) {
        if (!wanted.has(r.id) || found.has(r.id)) continue
        found.set(r.id, {
          id: r.id,
          kind: r.kind,
          mediaId: r.media_id,
          ...(JSON.parse(r.settings) as object),
        })
      }
    }
    const mediaIds = [...found.values()].map((i) => i.mediaId).filter((m): m is string => !!m)
    const media = new Map(
      this.rowsOf<{ id: string; original_name: string }>('SELECT id, original_name FROM media', mediaIds).map(
        (m) => [m.id, m.original_name],
      ),
    )
    // A feed item is named by its source, as the press office reads a report.
    const sourceIds = [...found.values()].map((i) => i.sourceId).filter((s): s is string => !!s)
    for (const f of this.rowsOf<{ id: string; name: string }>('SELECT id, name FROM feeds', sourceIds))
      media.set(`feed:${f.id}`, f.name)
    const labels = new Map<string, ItemLabel>()
    for (const [id, item] of found) labels.set(id, { kind: item.kind, text: labelOf(item, media) })
    return labels
  }
}

/** `names`: media ids to file names, and `feed:<id>` to a feed source's name. */
function labelOf(item: StoredItem, names: ReadonlyMap<string, string>): TrilingualName | null {
  const same = (text: string) => trilingual(text, text, text)
  switch (item.kind) {
    case 'slide': {
      const t = item.text as Record<'vi' | 'zh' | 'en', { title: string } | undefined>
      return t.vi ? trilingual(t.vi.title, t.zh?.title, t.en?.title) : null
    }
    case 'ticker': {
      const t = item.text as Record<'vi' | 'zh' | 'en', string | undefined>
      return t.vi ? trilingual(t.vi, t.zh, t.en) : null
    }
    case 'image':
    case 'video': {
      const name = item.mediaId ? names.get(item.mediaId) : undefined
      return name ? same(name) : null
    }
    case 'web':
      return item.url ? same(item.url) : null
    case 'feed': {
      const name = item.sourceId ? names.get(`feed:${item.sourceId}`) : undefined
      return name ? same(name) : null
    }
    default:
      return null
  }
}

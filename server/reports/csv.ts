import type { Language } from '../../playlists/schemas/common'
import type {
  PlaysReportRow,
  ReportGrouping,
  ReportNames,
  ScreenUptime,
} from '../../playlists/schemas/reports'
import { csvField } from '../routes/audit-csv'

/**
 * The reports as CSV for the officials' spreadsheets: a header row in the reader's language,
 * names beside ids (in that language where a name has three), RFC 4180 quoting with formula
 * guarding (csvField), CRLF line ends, and a BOM so that Excel reads Vietnamese and Chinese as
 * UTF-8. Numbers are written plainly (a dot for decimals) so they stay numbers in any tool.
 */

const HEADERS = {
  vi: {
    day: 'Ngày',
    month: 'Tháng',
    siteId: 'Mã cửa khẩu',
    site: 'Cửa khẩu',
    screenId: 'Mã màn hình',
    screen: 'Màn hình',
    playlistId: 'Mã danh sách phát',
    playlist: 'Danh sách phát',
    itemId: 'Mã mục',
    kind: 'Loại',
    item: 'Mục',
    plays: 'Lượt phát',
    seconds: 'Số giây phát',
    hours: 'Số giờ phát',
    online: 'Số giây trực tuyến',
    observed: 'Số giây theo dõi',
    uptime: 'Tỷ lệ hoạt động (%)',
    deleted: 'Màn hình đã xóa',
  },
  zh: {
    day: '日期',
    month: '月份',
    siteId: '口岸编号',
    site: '口岸',
    screenId: '屏幕编号',
    screen: '屏幕',
    playlistId: '播放列表编号',
    playlist: '播放列表',
    itemId: '项目编号',
    kind: '类型',
    item: '项目',
    plays: '播放次数',
    seconds: '播放秒数',
    hours: '播放小时数',
    online: '在线秒数',
    observed: '观测秒数',
    uptime: '在线率 (%)',
    deleted: '已删除的屏幕',
  },
  en: {
    day: 'Day',
    month: 'Month',
    siteId: 'Site ID',
    site: 'Site',
    screenId: 'Screen ID',
    screen: 'Screen',
    playlistId: 'Playlist ID',
    playlist: 'Playlist',
    itemId: 'Item ID',
    kind: 'Kind',
    item: 'Item',
    plays: 'Plays',
    seconds: 'Seconds on air',
    hours: 'Hours on air',
    online: 'Seconds online',
    observed: 'Seconds observed',
    uptime: 'Uptime (%)',
    deleted: 'Deleted screens',
  },
} as const satisfies Record<Language, Record<string, string>>

const KINDS: Record<Language, Record<string, string>> = {
  vi: {
    image: 'Ảnh',
    video: 'Video',
    slide: 'Trang chiếu',
    web: 'Trang web',
    ticker: 'Chữ chạy',
    clock: 'Đồng hồ',
  },
  zh: { image: '图片', video: '视频', slide: '幻灯片', web: '网页', ticker: '滚动字幕', clock: '时钟' },
  en: { image: 'Image', video: 'Video', slide: 'Slide', web: 'Web page', ticker: 'Ticker', clock: 'Clock' },
}

type Column = keyof (typeof HEADERS)['vi']

const COLUMNS: Record<ReportGrouping, Column[]> = {
  day: ['day', 'plays', 'seconds', 'hours'],
  month: ['month', 'plays', 'seconds', 'hours'],
  site: ['siteId', 'site', 'plays', 'seconds', 'hours'],
  screen: ['screenId', 'screen', 'siteId', 'site', 'plays', 'seconds', 'hours'],
  playlist: ['playlistId', 'playlist', 'plays', 'seconds', 'hours'],
  item: ['playlistId', 'playlist', 'itemId', 'kind', 'item', 'plays', 'seconds', 'hours'],
}

const hours = (seconds: number) => (seconds / 3600).toFixed(2)

function document(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [`\uFEFF${header.map(csvField).join(',')}`]
  for (const row of rows) lines.push(row.map(csvField).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** Names in one language, each falling back to the id when the thing was deleted. */
function namer(names: ReportNames, lang: Language) {
  return {
    site: (id: string | null | undefined) => (id ? (names.sites[id]?.[lang] ?? id) : HEADERS[lang].deleted),
    screen: (id: string) => names.screens[id]?.name ?? id,
    playlist: (id: string) => names.playlists[id] ?? id,
    item: (playlistId: string, itemId: string) => {
      const label = names.items[`${playlistId}/${itemId}`]
      if (!label) return itemId
      return label.text?.[lang] ?? KINDS[lang][label.kind] ?? label.kind
    },
    kind: (playlistId: string, itemId: string) => {
      const kind = names.items[`${playlistId}/${itemId}`]?.kind
      return kind ? (KINDS[lang][kind] ?? kind) : ''
    },
  }
}

export function playsCsv(
  by: ReportGrouping,
  rows: readonly PlaysReportRow[],
  names: ReportNames,
  lang: Language,
): string {
  const name = namer(names, lang)
  const cell = (r: PlaysReportRow, c: Column): unknown => {
    const playlistId = r.playlistId ?? ''
    const itemId = r.itemId ?? ''
    switch (c) {
      case 'day':
      case 'month':
        return r.key
      case 'siteId':
        return r.siteId ?? ''
      case 'site':
        return name.site(r.siteId)
      case 'screenId':
        return r.screenId
      case 'screen':
        return name.screen(r.screenId ?? '')
      case 'playlistId':
        return playlistId
      case 'playlist':
        return name.playlist(playlistId)
      case 'itemId':
        return itemId
      case 'kind':
        return name.kind(playlistId, itemId)
      case 'item':
        return name.item(playlistId, itemId)
      case 'plays':
        return r.plays
      case 'seconds':
        return r.seconds
      case 'hours':
        return hours(r.seconds)
      default:
        return ''
    }
  }
  const columns = COLUMNS[by]
  return document(
    columns.map((c) => HEADERS[lang][c]),
    rows.map((r) => columns.map((c) => cell(r, c))),
  )
}

/** One line per screen and observed day. */
export function uptimeCsv(screens: readonly ScreenUptime[], names: ReportNames, lang: Language): string {
  const name = namer(names, lang)
  const h = HEADERS[lang]
  const rows: unknown[][] = []
  for (const s of screens) {
    for (const d of s.days) {
      const percent = d.observedSeconds > 0 ? ((100 * d.onlineSeconds) / d.observedSeconds).toFixed(2) : ''
      rows.push([
        d.day,
        s.screenId,
        name.screen(s.screenId),
        s.siteId,
        name.site(s.siteId),
        d.onlineSeconds,
        d.observedSeconds,
        percent,
      ])
    }
  }
  return document([h.day, h.screenId, h.screen, h.siteId, h.site, h.online, h.observed, h.uptime], rows)
}

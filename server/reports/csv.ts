import { productName } from '@playlists/product-names'
import type { Language } from '@playlists/schemas/common'
import type { PlaysReportRow, ReportGrouping, ReportNames, ScreenUptime } from '@playlists/schemas/reports'
import { csvField } from '../routes/audit-csv'

/**
 * The reports as CSV for the officials' spreadsheets: a header row in the reader's language,
 * names beside ids (in that language where a name has three), RFC 4180 quoting with formula
 * guarding (csvField), CRLF line ends, and a BOM so that Excel reads Vietnamese and Chinese as
 * UTF-8.
 *
 * Decimals follow the language's convention, so that a spreadsheet set up for that language reads
 * them as numbers on opening: Vietnamese writes 0,25, and a spreadsheet set to Vietnamese separates
 * fields with a semicolon (a comma would split every decimal in two); Chinese and English write
 * 0.25 between commas. Whole numbers carry no thousands separator in any language. No `sep=` line:
 * Excel then ignores the BOM and garbles the Vietnamese and Chinese text.
 */

/** Field separator and decimal mark per language (what Excel and LibreOffice expect in that locale). */
export const CSV_CONVENTION: Record<Language, { separator: string; decimal: string }> = {
  vi: { separator: ';', decimal: ',' },
  zh: { separator: ',', decimal: '.' },
  en: { separator: ',', decimal: '.' },
}

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

/** A decimal with two places, in the language's convention. */
const decimal = (value: number, lang: Language) => value.toFixed(2).replace('.', CSV_CONVENTION[lang].decimal)
const hours = (seconds: number, lang: Language) => decimal(seconds / 3600, lang)

function document(lang: Language, header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const { separator } = CSV_CONVENTION[lang]
  const field = (value: unknown) => csvField(value, separator)
  const lines = [`\uFEFF${header.map(field).join(separator)}`]
  for (const row of rows) lines.push(row.map(field).join(separator))
  return `${lines.join('\r\n')}\r\n`
}

/** Names in one language, each falling back to the id when the thing was deleted. */
function namer(names: ReportNames, lang: Language) {
  return {
    site: (id: string | null | undefined) => (id ? (names.sites[id]?.[lang] ?? id) : HEADERS[lang].deleted),
    // A seeded screen's name in the reader's language; a name someone typed as typed.
    screen: (id: string) => productName(names.screens[id]?.name ?? id, lang),
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
        return hours(r.seconds, lang)
      default:
        return ''
    }
  }
  const columns = COLUMNS[by]
  return document(
    lang,
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
      const percent = d.observedSeconds > 0 ? decimal((100 * d.onlineSeconds) / d.observedSeconds, lang) : ''
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
  return document(lang, [h.day, h.screenId, h.screen, h.siteId, h.site, h.online, h.observed, h.uptime], rows)
}

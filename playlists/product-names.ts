import type { Language, TrilingualName } from './schemas/common'

/**
 * Names Gatecast writes itself, in the three languages: the zones of the layout presets
 * (server/layouts/presets.ts), and the screens, sync group and layouts of the seed
 * (server/seed/content/) and the comment its versions are approved with. Screens, zones and layouts carry one name, which is whatever a person types
 * (a trilingual name for each would be three boxes to fill on every form for a label only staff
 * read); what the product itself wrote should still reach a Chinese or Vietnamese reader in their
 * language. So a stored name equal to one of these, in any of its languages (someone may have
 * saved a translated one), is shown in the reader's language; any other name is shown as typed.
 * Sites have trilingual names in their schema and need nothing here.
 */
const NAMES: readonly TrilingualName[] = [
  // Zones of every layout preset.
  { vi: 'Nội dung chính', zh: '主画面', en: 'Main' },
  { vi: 'Đồng hồ', zh: '时钟', en: 'Clock' },
  { vi: 'Chữ chạy', zh: '滚动字幕', en: 'Ticker' },
  // Seeded screens (sites.json stores them in English, as the first installations have them).
  { vi: 'LED ngoài trời Tân Thanh', zh: '新清户外 LED 屏', en: 'Tân Thanh outdoor LED' },
  { vi: 'LED ngoài trời Chi Ma', zh: '支麻户外 LED 屏', en: 'Chi Ma outdoor LED' },
  { vi: 'Tường LED Hữu Nghị', zh: '友谊 LED 大屏', en: 'Hữu Nghị LED wall' },
  { vi: 'Màn hình đứng Hữu Nghị 1', zh: '友谊立式屏 1', en: 'Hữu Nghị portrait kiosk 1' },
  { vi: 'Màn hình đứng Hữu Nghị 2', zh: '友谊立式屏 2', en: 'Hữu Nghị portrait kiosk 2' },
  { vi: 'Cụm thông tin Hữu Nghị', zh: '友谊信息服务点', en: 'Hữu Nghị information cluster' },
  // Seeded layouts (layouts.json stores them in Vietnamese).
  {
    vi: 'LED 2:1 — nội dung, đồng hồ, bản tin chạy',
    zh: 'LED 2:1 — 主画面、时钟、滚动字幕',
    en: 'LED 2:1 — main, clock, ticker',
  },
  {
    vi: 'Màn hình 16:9 — nội dung, đồng hồ, bản tin chạy',
    zh: '16:9 屏 — 主画面、时钟、滚动字幕',
    en: '16:9 screen — main, clock, ticker',
  },
  {
    vi: 'Kiosk đứng — đồng hồ, nội dung, bản tin chạy',
    zh: '立式屏 — 时钟、主画面、滚动字幕',
    en: 'Portrait kiosk — clock, main, ticker',
  },
  // The comment the seed's versions are approved with (server/seed/seed.ts).
  {
    vi: 'nội dung mẫu, nạp khi khởi động lần đầu',
    zh: '示例内容，首次启动时载入',
    en: 'the sample content, loaded on first start',
  },
]

const BY_ANY_LANGUAGE = new Map<string, TrilingualName>()
for (const name of NAMES) for (const text of [name.vi, name.zh, name.en]) BY_ANY_LANGUAGE.set(text, name)

/** The product-written names, for the test that every seeded one is here. */
export const PRODUCT_NAMES: readonly TrilingualName[] = NAMES

/** `name` in `lang` when Gatecast wrote it, else `name` itself (a person's own words stay theirs). */
export function productName(name: string, lang: Language): string {
  return BY_ANY_LANGUAGE.get(name)?.[lang] ?? name
}

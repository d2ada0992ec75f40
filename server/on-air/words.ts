import type { Language } from '@playlists/schemas/common'

/**
 * The feed's own words, in the reader's language: the feed is read by people (the press office,
 * the portal's visitors), so what Gatecast adds around the screens' text is said in vi, zh and en.
 */
export const ON_AIR_WORDS: Record<
  Language,
  {
    title: (site: string) => string
    subtitle: string
    emergency: string
    screens: string
    author: string
  }
> = {
  vi: {
    title: (site) => `Đang phát hôm nay tại ${site}`,
    subtitle: 'Những gì các màn hình của cửa khẩu hiển thị hôm nay, theo giờ địa phương.',
    emergency: 'Thông báo khẩn cấp',
    screens: 'Màn hình và giờ phát',
    author: 'Gatecast',
  },
  zh: {
    title: (site) => `${site}今日播出`,
    subtitle: '本口岸各屏幕今天（当地时间）显示的内容。',
    emergency: '紧急通知',
    screens: '屏幕及播出时间',
    author: 'Gatecast',
  },
  en: {
    title: (site) => `On air today at ${site}`,
    subtitle: "What the site's screens show today, in local time.",
    emergency: 'Emergency message',
    screens: 'Screens and times',
    author: 'Gatecast',
  },
}

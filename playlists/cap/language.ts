import type { CapInfo } from '../schemas/cap'
import type { Language } from '../schemas/common'

/**
 * Which of an alert's `<info>` blocks speaks each of the programme's languages. CAP tags them
 * with RFC 3066 codes (`vi`, `vi-VN`, `zh-CN`, `zh-Hans`, `en-US`…), and a block without
 * `<language>` is en-US (§3.2.2). Our Chinese is Simplified: a Traditional block (zh-TW,
 * zh-Hant, zh-HK, zh-MO) is taken only when no Simplified one came.
 */

const TRADITIONAL = /^zh-(hant|tw|hk|mo)(-|$)/

function rank(tag: string, language: Language): number | null {
  const lower = tag.trim().toLowerCase()
  const primary = lower.split('-')[0]
  if (primary !== language) return null
  if (language === 'zh' && TRADITIONAL.test(lower)) return 1
  return 0
}

export type InfosByLanguage = Partial<Record<Language, CapInfo>>

export function infosByLanguage(infos: readonly CapInfo[]): InfosByLanguage {
  const found: InfosByLanguage = {}
  for (const language of ['vi', 'zh', 'en'] as const) {
    let best: { info: CapInfo; rank: number } | null = null
    for (const info of infos) {
      const r = rank(info.language, language)
      if (r !== null && (best === null || r < best.rank)) best = { info, rank: r }
    }
    if (best) found[language] = best.info
  }
  return found
}

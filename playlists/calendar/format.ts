import type { Language } from '../schemas/common'
import type { LunarDate } from './lunar'

/**
 * Lunar dates in words, the same on the screens (the clock) and in the console (the schedule):
 * "15/8 âm lịch", "农历八月十五", "lunar 8/15". Written here rather than in each app's dictionary
 * because Chinese names lunar days and months with their own numerals (初一, 十五, 廿三, 正月, 腊月),
 * which no message template can produce.
 */

const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
/** The months' customary names: 正月 for the first, 冬月 and 腊月 for the 11th and 12th. */
const ZH_MONTHS = [
  '',
  '正月',
  '二月',
  '三月',
  '四月',
  '五月',
  '六月',
  '七月',
  '八月',
  '九月',
  '十月',
  '冬月',
  '腊月',
]

/** 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十. */
export function zhLunarDay(day: number): string {
  if (day <= 10) return `初${ZH_DIGITS[day]}`
  if (day < 20) return `十${ZH_DIGITS[day - 10]}`
  if (day === 20) return '二十'
  if (day < 30) return `廿${ZH_DIGITS[day - 20]}`
  return '三十'
}

export function zhLunarMonth(month: number, leap = false): string {
  return `${leap ? '闰' : ''}${ZH_MONTHS[month] ?? String(month)}`
}

type Day = Pick<LunarDate, 'month' | 'day' | 'leap'>

/** One lunar date in a language: "15/8 âm lịch", "农历八月十五", "lunar 8/15" (a leap month says so). */
export function lunarDateText(date: Day, lang: Language): string {
  switch (lang) {
    case 'vi':
      return `${date.day}/${date.month}${date.leap ? ' nhuận' : ''} âm lịch`
    case 'zh':
      return `农历${zhLunarMonth(date.month, date.leap)}${zhLunarDay(date.day)}`
    case 'en':
      return `lunar ${date.leap ? 'leap ' : ''}${date.month}/${date.day}`
  }
}

/**
 * A lunar recurrence in a language: "1/1, 2/1, 3/1 âm lịch" or "ngày 1, 15 hằng tháng âm lịch";
 * "农历正月初一、初二、初三" or "农历每月初一、十五"; "lunar 1/1, 1/2, 1/3" or "lunar days 1, 15 of every month".
 */
export function lunarDaysText(month: number | null, days: readonly number[], lang: Language): string {
  const sorted = [...days].sort((a, b) => a - b)
  switch (lang) {
    case 'vi':
      return month === null
        ? `ngày ${sorted.join(', ')} hằng tháng âm lịch`
        : `${sorted.map((d) => `${d}/${month}`).join(', ')} âm lịch`
    case 'zh':
      return `农历${month === null ? '每月' : zhLunarMonth(month)}${sorted.map(zhLunarDay).join('、')}`
    case 'en':
      return month === null
        ? `lunar ${sorted.length === 1 ? 'day' : 'days'} ${sorted.join(', ')} of every month`
        : `lunar ${sorted.map((d) => `${month}/${d}`).join(', ')}`
  }
}

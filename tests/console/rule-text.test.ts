import { type Language, language } from '@console/i18n/i18n'
import { type Places, reasonText, targetText, weekdayName, whenText } from '@console/pages/schedule/rule-text'
import type { Conflict, Contender } from '@console/pages/schedule/timelines'
import type { Screen } from '@playlists/schemas/screen'
import type { Site, SyncGroup } from '@playlists/schemas/site'
import { afterEach, describe, expect, it } from 'vitest'

/** Schedule entries in words, in each of the console's three languages. */

afterEach(() => {
  language.value = 'vi'
})

/** What `read` gives in Vietnamese, Chinese and English, in that order. */
function inEach<T>(read: () => T): T[] {
  return (['vi', 'zh', 'en'] as const).map((lang: Language) => {
    language.value = lang
    return read()
  })
}

const places: Places = {
  sites: [
    {
      id: 'huu-nghi',
      name: { vi: 'Cửa khẩu Hữu Nghị', zh: '友谊关口岸', en: 'Hữu Nghị border gate' },
    } as Site,
  ],
  groups: [{ id: 'g1', siteId: 'huu-nghi', name: 'Kiosks' } as SyncGroup],
  screens: [
    { id: 's1', name: 'Chi Ma outdoor LED' } as Screen,
    { id: 's2', name: 'Màn hình cổng B' } as Screen,
  ],
}

const rule = { days: null, window: null, cron: null, lunar: null, from: null, until: null }

describe('schedule entry target in words', () => {
  it('names every screen', () => {
    expect(inEach(() => targetText({ type: 'all' }, places))).toEqual([
      'Mọi màn hình',
      '所有屏幕',
      'Every screen',
    ])
  })

  it('names a site in the reader language', () => {
    expect(inEach(() => targetText({ type: 'site', id: 'huu-nghi' }, places))).toEqual([
      'Địa điểm: Cửa khẩu Hữu Nghị',
      '地点：友谊关口岸',
      'Site: Hữu Nghị border gate',
    ])
  })

  it('translates a name Gatecast wrote and keeps one a person typed', () => {
    expect(inEach(() => targetText({ type: 'screen', id: 's1' }, places))).toEqual([
      'Màn hình: LED ngoài trời Chi Ma',
      '屏幕：支麻户外 LED 屏',
      'Screen: Chi Ma outdoor LED',
    ])
    expect(inEach(() => targetText({ type: 'screen', id: 's2' }, places))).toEqual([
      'Màn hình: Màn hình cổng B',
      '屏幕：Màn hình cổng B',
      'Screen: Màn hình cổng B',
    ])
    expect(inEach(() => targetText({ type: 'group', id: 'g1' }, places))).toEqual([
      'Nhóm đồng bộ: Kiosks',
      '同步组：Kiosks',
      'Sync group: Kiosks',
    ])
  })

  it('falls back to the id of a place it does not know (deleted, or not loaded yet)', () => {
    const none: Places = { sites: [], groups: [], screens: [] }
    language.value = 'en'
    expect(targetText({ type: 'site', id: 'tan-thanh' }, none)).toBe('Site: tan-thanh')
    expect(targetText({ type: 'group', id: 'g9' }, none)).toBe('Sync group: g9')
    expect(targetText({ type: 'screen', id: 's9' }, none)).toBe('Screen: s9')
  })
})

describe('schedule entry recurrence in words', () => {
  it('names weekdays Monday 1 to Sunday 7', () => {
    expect(inEach(() => [weekdayName(1), weekdayName(7), weekdayName(3, 'long')])).toEqual([
      ['Thứ 2', 'CN', 'Thứ Tư'],
      ['周一', '周日', '星期三'],
      ['Mon', 'Sun', 'Wednesday'],
    ])
  })

  it('says every day, all day, for an entry with no days and no window', () => {
    expect(inEach(() => whenText(rule))).toEqual([
      'Hằng ngày · cả ngày',
      '每天 · 全天',
      'Every day · all day',
    ])
  })

  it('says every day when all seven days are chosen', () => {
    language.value = 'en'
    expect(whenText({ ...rule, days: [7, 1, 2, 3, 4, 5, 6] })).toBe('Every day · all day')
  })

  it('lists chosen days in week order whatever order they were stored in', () => {
    language.value = 'en'
    expect(whenText({ ...rule, days: [7, 5, 1] })).toBe('Mon, Fri, Sun · all day')
    expect(whenText({ ...rule, days: [3] })).toBe('Wed · all day')
  })

  it('writes a window, one that crosses midnight as it was typed', () => {
    language.value = 'en'
    expect(whenText({ ...rule, days: [1, 2], window: { start: '08:00', end: '12:00' } })).toBe(
      'Mon, Tue · 08:00–12:00',
    )
    expect(whenText({ ...rule, window: { start: '22:00', end: '06:00' } })).toBe('Every day · 22:00–06:00')
  })

  it('writes lunar dates in each language: Mid-Autumn, Tết, the 1st and 15th of every month', () => {
    const moon = { ...rule, lunar: { month: 8, days: [15] }, window: { start: '18:00', end: '22:00' } }
    expect(inEach(() => whenText(moon))).toEqual([
      '15/8 âm lịch · 18:00–22:00',
      '农历八月十五 · 18:00–22:00',
      'lunar 8/15 · 18:00–22:00',
    ])
    expect(inEach(() => whenText({ ...rule, lunar: { month: 1, days: [3, 1, 2] } }))).toEqual([
      '1/1, 2/1, 3/1 âm lịch · cả ngày',
      '农历正月初一、初二、初三 · 全天',
      'lunar 1/1, 1/2, 1/3 · all day',
    ])
    expect(inEach(() => whenText({ ...rule, lunar: { month: null, days: [1, 15] } }))).toEqual([
      'ngày 1, 15 hằng tháng âm lịch · cả ngày',
      '农历每月初一、十五 · 全天',
      'lunar days 1, 15 of every month · all day',
    ])
  })

  it('writes a cron entry by its expression and length instead of days and window', () => {
    expect(
      inEach(() =>
        whenText({ ...rule, days: [1], cron: { expression: '0 9 * * 1-5', durationMinutes: 30 } }),
      ),
    ).toEqual([
      'Theo biểu thức cron “0 9 * * 1-5”, mỗi lần 30 phút',
      '按 cron 表达式“0 9 * * 1-5”，每次 30 分钟',
      'Cron “0 9 * * 1-5”, 30 min each',
    ])
  })

  it('adds the bounds, from inclusive and until exclusive, as local times', () => {
    const bounded = { ...rule, from: '2026-12-31T18:00', until: '2027-01-01T06:00' }
    expect(inEach(() => whenText(bounded))).toEqual([
      'Hằng ngày · cả ngày · từ 2026-12-31 18:00 · đến trước 2027-01-01 06:00',
      '每天 · 全天 · 自 2026-12-31 18:00 起 · 至 2027-01-01 06:00 前',
      'Every day · all day · from 2026-12-31 18:00 · until 2027-01-01 06:00',
    ])
    language.value = 'en'
    expect(whenText({ ...rule, until: '2028-02-29T00:00' })).toBe(
      'Every day · all day · until 2028-02-29 00:00',
    )
  })
})

describe('why one entry beat another', () => {
  const winner: Contender = { ruleId: 'evening', priority: 5, target: 'screen' }
  const loser = (reason: Conflict['losers'][number]['reason'], over: Partial<Contender> = {}) => ({
    ruleId: 'default',
    priority: 5,
    target: 'site' as const,
    reason,
    ...over,
  })
  const names = (id: string) => ({ evening: 'Buổi tối', default: 'Cả ngày' })[id] ?? id

  it('names the priorities when priority decided', () => {
    expect(inEach(() => reasonText(winner, loser('priority', { priority: 2 }), names))).toEqual([
      '“Buổi tối” thắng “Cả ngày”: mức ưu tiên cao hơn (5 so với 2).',
      '“Buổi tối”优先于“Cả ngày”：优先级更高（5 对 2）。',
      '“Buổi tối” wins over “Cả ngày”: higher priority (5 over 2).',
    ])
  })

  it('names both kinds of target when the more specific one won', () => {
    const [vi, zh, en] = inEach(() => reasonText(winner, loser('specificity'), names))
    expect(vi).toContain('Màn hình')
    expect(vi).toContain('Địa điểm')
    expect(zh).toContain('（屏幕 对 地点）')
    expect(en).toBe('“Buổi tối” wins over “Cả ngày”: same priority, more specific target (Screen over Site).')
  })

  it('says the newer entry or, failing all else, the id decided', () => {
    language.value = 'en'
    expect(reasonText(winner, loser('newer'), names)).toBe(
      '“Buổi tối” wins over “Cả ngày”: same priority and kind of target, created later.',
    )
    expect(reasonText(winner, loser('id'), names)).toBe(
      '“Buổi tối” wins over “Cả ngày”: everything else equal, decided by id.',
    )
    expect(reasonText(winner, loser('id', { ruleId: 'gone' }), names)).toContain('“gone”')
  })
})

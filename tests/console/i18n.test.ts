import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatDateTime, formatNumber } from '@console/i18n/format'
import { DICTIONARIES, interpolate, language } from '@console/i18n/i18n'
import { placeholderNames } from '@console/i18n/plural'
import { afterEach, describe, expect, it } from 'vitest'
// Every page, so that every dictionary is registered.
import '@console/app'

const placeholders = placeholderNames
const HAS_CJK = /[\u3400-\u9fff]/
/** Words that read the same in every language (names, units, codes). */
const SAME_EVERYWHERE = /^(Gatecast|CSV|ID|URL|API|[\d\s{}.:/×x%-]*|\{\w+\}.*)$/

describe('console translations', () => {
  const entries = [...DICTIONARIES.entries()]

  it('registers the dictionaries of every page', () => {
    expect(entries.map(([name]) => name)).toEqual(expect.arrayContaining(['common', 'shell']))
  })

  it.each(entries)(
    '%s: every key has text in vi, zh and en with the same placeholders',
    (_name, messages) => {
      for (const key of Object.keys(messages.vi)) {
        for (const lang of ['vi', 'zh', 'en'] as const) {
          const text = messages[lang][key]
          expect(text, `${lang}.${key}`).toBeTruthy()
          expect(placeholders(text!), `${lang}.${key} placeholders`).toEqual(placeholders(messages.vi[key]!))
        }
      }
      expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.vi).sort())
      expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.vi).sort())
    },
  )

  it.each(entries)('%s: Chinese is written in Chinese and Vietnamese is not left in English', (_name, m) => {
    for (const key of Object.keys(m.vi)) {
      const vi = m.vi[key]!
      const zh = m.zh[key]!
      const en = m.en[key]!
      if (SAME_EVERYWHERE.test(en)) continue
      expect(HAS_CJK.test(zh), `zh.${key} = ${zh}`).toBe(true)
      expect(HAS_CJK.test(vi) || HAS_CJK.test(en), `${key} has Chinese outside zh`).toBe(false)
      // A Vietnamese string identical to the English one is an untranslated copy.
      if (en.length > 3) expect(vi, `vi.${key} is the English text`).not.toBe(en)
    }
  })

  /** Params that count things: an English noun after one of them needs a plural form. */
  const COUNT = /\{(count|total|n|screens|layouts|schedules|ticked|shown|items|files)\}\s+\(?[a-z]+s\b/

  it.each(entries)('%s: English counts pick their plural form ("1 file", never "1 files")', (_name, m) => {
    for (const [key, en] of Object.entries(m.en)) {
      expect(en, `en.${key}`).not.toMatch(COUNT)
      expect(en, `en.${key} hedges with (s)`).not.toMatch(/\w\(s\)/)
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Trang {page}/{pages}', { page: 2, pages: 5 })).toBe('Trang 2/5')
    expect(interpolate('{count} mục', {})).toBe('{count} mục')
  })
})

describe('plural forms', () => {
  const files = '{count, plural, one {# file} other {# files}} in {site}'

  it('picks the English form by Intl.PluralRules and writes the count the reader’s way', () => {
    expect(interpolate(files, { count: 1, site: 'Chi Ma' }, 'en')).toBe('1 file in Chi Ma')
    expect(interpolate(files, { count: 0, site: 'Chi Ma' }, 'en')).toBe('0 files in Chi Ma')
    expect(interpolate(files, { count: 1234, site: 'Chi Ma' }, 'en')).toBe('1,234 files in Chi Ma')
    expect(interpolate('{count, plural, other {# tệp}}', { count: 1234 }, 'vi')).toBe('1.234 tệp')
  })

  it('prefers an exact branch, falls back to other, and keeps a malformed block visible', () => {
    const players = '{count, plural, =0 {no player} one {# player} other {# players}}'
    expect(interpolate(players, { count: 0 }, 'en')).toBe('no player')
    expect(interpolate(players, { count: 2 }, 'en')).toBe('2 players')
    expect(interpolate(players, { count: '?' }, 'en')).toBe('? players')
    expect(interpolate('{count, plural, one {# x}}', { count: 1 }, 'en')).toBe('{count, plural, one {# x}}')
    expect(interpolate(files, { site: 'Chi Ma' }, 'en')).toBe(
      '{count, plural, one {# file} other {# files}} in Chi Ma',
    )
  })

  it('names the placeholders inside and around plural blocks, not the words of a branch', () => {
    expect(placeholderNames(files)).toEqual(['count', 'site'])
    expect(placeholderNames('{n, plural, one {{who} and # more} other {{who} and # others}}')).toEqual([
      'n',
      'who',
    ])
  })
})

describe('dates and numbers', () => {
  afterEach(() => {
    language.value = 'vi'
  })

  it('follow the language chosen in the console, whatever the browser’s locale', () => {
    const at = Date.UTC(2026, 11, 4, 11, 40) // 18:40 in Hà Nội
    language.value = 'vi'
    expect(formatDateTime(at, 'Asia/Ho_Chi_Minh')).toBe('18:40 4 thg 12, 2026')
    expect(formatNumber(1234.5)).toBe('1.234,5')
    language.value = 'zh'
    expect(formatDateTime(at, 'Asia/Ho_Chi_Minh')).toBe('2026年12月4日 18:40')
    language.value = 'en'
    expect(formatDateTime(at, 'Asia/Ho_Chi_Minh')).toBe('4 Dec 2026, 18:40')
    expect(formatNumber(1234.5)).toBe('1,234.5')
  })

  it('are written only by i18n/format.ts: no page formats with the browser’s locale or its own Intl', async () => {
    const root = join(import.meta.dirname, '../../console/src')
    const offenders: string[] = []
    for (const file of await readdir(root, { recursive: true })) {
      if (!/\.tsx?$/.test(file) || file === join('i18n', 'format.ts')) continue
      const code = (await readFile(join(root, file), 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      if (/\bnew Intl\.|\bIntl\.\w+\(|\.toLocale(Date|Time)?String\(/.test(code)) offenders.push(file)
    }
    expect(offenders).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { DICTIONARIES, interpolate } from '../../server/console/src/i18n/i18n'
// Every page, so that every dictionary is registered.
import '../../server/console/src/app'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
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

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Trang {page}/{pages}', { page: 2, pages: 5 })).toBe('Trang 2/5')
    expect(interpolate('{count} mục', {})).toBe('{count} mục')
  })
})

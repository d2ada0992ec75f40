import { describe, expect, it } from 'vitest'
import { untranslated } from '../helpers/untranslated'

/** The checker the every-page language test relies on: it must catch what people complained of. */
describe('untranslated text', () => {
  const whys = (texts: string[], lang: 'vi' | 'zh' | 'en', data: string[] = []) =>
    untranslated(texts, lang, data).map((p) => p.text)

  it('catches an English zone name, screen name or message on a Vietnamese or Chinese page', () => {
    expect(whys(['Main', 'Nội dung chính', 'Tân Thanh outdoor LED'], 'vi')).toEqual([
      'Main',
      'Tân Thanh outdoor LED',
    ])
    expect(whys(['Ticker', '滚动字幕', 'Save', '保存'], 'zh')).toEqual(['Ticker', 'Save'])
    expect(whys(['The library holds 1 file'], 'vi')).toEqual(['The library holds 1 file'])
  })

  it('catches Latin words in Chinese beyond those the Chinese dictionary uses itself', () => {
    expect(whys(['新清户外 LED 屏', '时区：Asia/Ho_Chi_Minh', '1920×960 px'], 'zh')).toEqual([])
    expect(whys(['Cửa khẩu Tân Thanh'], 'zh')).toEqual(['Cửa khẩu Tân Thanh'])
  })

  it('catches "1 files" and Vietnamese or Chinese words on an English page', () => {
    expect(whys(['1 files', '1 file', '2 files', 'Version 1 is live'], 'en')).toEqual(['1 files'])
    expect(whys(['Lưu', 'Đồng hồ', '时钟', 'Tân Thanh Border Gate'], 'en')).toEqual([
      'Lưu',
      'Đồng hồ',
      '时钟',
    ])
  })

  it('leaves people’s own data as they typed it', () => {
    const data = ['Evening news', 'huu-nghi-gate.jpg', 'Đồng hồ — Clock']
    expect(whys(['Evening news', 'huu-nghi-gate.jpg · 1.2 MB', 'Đồng hồ — Clock'], 'zh', data)).toEqual([])
    expect(whys(['Evening news'], 'vi', data)).toEqual([])
  })
})

import { MEDIA_TAGS_MAX, TAG_CHARS_MAX } from '@playlists/limits'
import { extensionOf } from '@server/media/claims'
import { mediaSearchKey, searchKey } from '@server/media/search-key'
import { isSvg, svgActiveContent } from '@server/media/svg'
import { normaliseTag, normaliseTags, parseTagField } from '@server/media/tags'
import { describe, expect, it } from 'vitest'

describe('tags', () => {
  it('trims, collapses spaces, lower-cases and composes (NFC)', () => {
    expect(normaliseTag('  Hữu   Nghị ')).toBe('hữu nghị')
    expect(normaliseTag('TẾT')).toBe('tết')
    const decomposed = 'te\u0302\u0301t'
    expect(decomposed).not.toBe('tết')
    expect(normaliseTag(decomposed)).toBe('tết')
  })

  it('keeps the first of duplicates and drops empty entries', () => {
    expect(parseTagField('Tết, chợ,, tết ,CHỢ')).toEqual(['tết', 'chợ'])
    expect(parseTagField('')).toEqual([])
  })

  it(`refuses a tag over ${TAG_CHARS_MAX} characters and more than ${MEDIA_TAGS_MAX} tags`, () => {
    expect(() => normaliseTags(['x'.repeat(TAG_CHARS_MAX + 1)])).toThrow(/longer than 40/)
    expect(normaliseTags(['ế'.repeat(TAG_CHARS_MAX)])).toHaveLength(1) // characters, not UTF-16 units
    expect(() => normaliseTags(Array.from({ length: MEDIA_TAGS_MAX + 1 }, (_, i) => `t${i}`))).toThrow(
      /at most 20/,
    )
  })

  it('refuses commas and control characters inside a tag', () => {
    expect(() => normaliseTags(['a,b'])).toThrow(/commas/)
    expect(() => normaliseTags(['a\u0007b'])).toThrow(/control/)
  })
})

describe('search key', () => {
  it.each([
    ['Cửa khẩu Hữu Nghị', 'cua khau huu nghi'],
    ['ĐỒNG ĐĂNG', 'dong dang'],
    ['Lạng  Sơn\t2025', 'lang son 2025'],
    ['友谊关 Hữu Nghị', '友谊关 huu nghi'],
  ])('folds %s to %s', (text, key) => {
    expect(searchKey(text)).toBe(key)
  })

  it('folds decomposed input the same as composed', () => {
    expect(searchKey('Cu\u031b\u0309a')).toBe(searchKey('Cửa'))
  })

  it('keeps the display name and the file name on separate lines, once each', () => {
    expect(mediaSearchKey('Tết', 'tet.png')).toBe('tet\ntet.png')
    expect(mediaSearchKey('a.png', 'a.png')).toBe('a.png')
  })
})

describe('file name extensions', () => {
  it.each([
    ['photo.JPG', 'jpg'],
    ['Hội chợ 2025.05', '05'],
    ['no extension', null],
    ['archive.tar.gz', 'gz'],
    ['trailing.png ', 'png'],
  ])('%s → %s', (name, ext) => {
    expect(extensionOf(name)).toBe(ext)
  })
})

describe('SVG sniffing', () => {
  it('recognises SVG after a declaration, comments and a DOCTYPE, and with a namespace prefix', () => {
    expect(isSvg('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBe(true)
    expect(
      isSvg(
        '<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>',
      ),
    ).toBe(true)
    expect(isSvg('<svg:svg xmlns:svg="http://www.w3.org/2000/svg">')).toBe(true)
  })

  it('does not take other XML or HTML with an inline SVG for an SVG file', () => {
    expect(isSvg('<?xml version="1.0"?><rss><svg/></rss>')).toBe(false)
    expect(isSvg('<html><body><svg></svg></body></html>')).toBe(false)
  })

  it('names each kind of active content', () => {
    expect(svgActiveContent('<svg><rect width="1"/></svg>')).toEqual([])
    expect(svgActiveContent('<svg><SCRIPT>x</SCRIPT></svg>')).toEqual(['<script> elements'])
    expect(svgActiveContent('<svg><image onerror ="x"/></svg>')).toEqual(['event handlers (onload=…)'])
    expect(svgActiveContent('<svg><a href="javascript:alert(1)">x</a></svg>')).toEqual(['javascript: links'])
    expect(svgActiveContent('<svg><foreignObject/></svg>')).toEqual(['a <foreignObject> (embedded HTML)'])
    expect(svgActiveContent('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg/>')).toEqual(['XML entity definitions'])
  })
})

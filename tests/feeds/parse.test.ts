import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FEED_BYTES_MAX, FeedParseError, parseFeed } from '@server/feeds/parse'
import { describe, expect, it } from 'vitest'

/** Feeds as the province's portal and its departments publish them, kept in tests/fixtures/feeds. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/feeds', name))

const refusal = (bytes: Uint8Array) => {
  try {
    parseFeed(bytes)
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError)
    return error as FeedParseError
  }
  throw new Error('the feed was read')
}

describe('feed parser: RSS 2.0', () => {
  const feed = parseFeed(fixture('portal-vi.rss.xml'), 'https://langson.example.gov.vn/rss')

  it('reads the Vietnamese portal: titles from CDATA, guid, date, the channel language', () => {
    expect(feed.format).toBe('rss')
    expect(feed.title).toBe('Cổng thông tin điện tử tỉnh Lạng Sơn - Tin tức')
    const first = feed.entries[0]!
    expect(first.title).toBe('Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày')
    expect(first.guid).toBe('ls-2026-12-05-0001')
    expect(first.publishedAt).toBe('2026-12-05T00:30:00.000Z')
    expect(first.language).toBe('vi')
  })

  it('strips the HTML of summaries to text: no tags, no script, references decoded once', () => {
    const [first, second] = feed.entries
    expect(first!.summary).toBe(
      'Lạng Sơn – Ngày 5/12, lượng xe hàng qua cửa khẩu tăng mạnh. Đề nghị doanh nghiệp khai báo sớm.',
    )
    // Escaped HTML in the XML: its markup goes, "&amp;amp;" is an ampersand written once.
    expect(second!.summary).toBe('Các cửa khẩu làm việc bình thường từ 1/1/2027 & không nghỉ.')
  })

  it('takes the image from an enclosure or media:content, and resolves relative links', () => {
    expect(feed.entries[0]!.imageUrl).toBe('https://langson.example.gov.vn/anh/xe-hang.jpg')
    expect(feed.entries[1]!.link).toBe(
      'https://langson.example.gov.vn/tin-tuc/lich-lam-viec-tet-duong-lich-2027',
    )
    expect(feed.entries[1]!.imageUrl).toBeNull()
    expect(feed.entries[2]!.imageUrl).toBe('https://langson.example.gov.vn/anh/bao.png')
  })

  it('uses the link as the id of an item without guid, and keeps one entry per id', () => {
    expect(feed.entries[2]!.guid).toBe('https://langson.example.gov.vn/tin-tuc/bao-so-9')
    expect(feed.entries.map((e) => e.guid)).toEqual([
      'ls-2026-12-05-0001',
      'https://langson.example.gov.vn/tin-tuc/lich-lam-viec-tet-duong-lich-2027',
      'https://langson.example.gov.vn/tin-tuc/bao-so-9',
    ])
  })

  it('reads the English portal: numeric references, content:encoded, an image inside media:group', () => {
    const en = parseFeed(fixture('portal-en.rss.xml'))
    expect(en.entries[0]!.summary).toBe('Freight & passenger traffic rose — firms should declare early.')
    expect(en.entries[0]!.imageUrl).toBe('https://langson.example.gov.vn/anh/xe-hang-en.jpg')
    expect(en.entries[0]!.language).toBe('en')
    expect(en.entries[1]!.summary).toBe('All gates open as usual .')
    // A date that is not one is no date: the entry is kept, its age unknown.
    expect(en.entries[1]!.publishedAt).toBeNull()
  })
})

describe('feed parser: Atom 1.0', () => {
  it('reads the Chinese portal: html titles and summaries as text, xhtml content, xml:lang', () => {
    const feed = parseFeed(fixture('portal-zh.atom.xml'))
    expect(feed.format).toBe('atom')
    const [first, second] = feed.entries
    expect(first!.title).toBe('友谊口岸 通关 车辆超过1200辆')
    expect(first!.summary).toBe('12月5日，经友谊口岸通关的货车数量大幅增加。 请企业尽早申报。')
    expect(first!.publishedAt).toBe('2026-12-05T00:30:00.000Z')
    expect(first!.link).toBe('https://langson.example.gov.vn/zh/news/0001')
    expect(first!.imageUrl).toBe('https://langson.example.gov.vn/anh/xe-hang.jpg')
    expect(first!.language).toBe('zh')
    // No <published>: <updated> dates it; the thumbnail is its image.
    expect(second!.publishedAt).toBe('2026-12-04T09:00:00.000Z')
    expect(second!.summary).toBe('各口岸自2027年1月1日起 正常 工作。')
    expect(second!.imageUrl).toBe('https://langson.example.gov.vn/anh/lich.png')
  })

  it('reads CDATA in an html summary as markup, and a text summary as text, references decoded once', () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
        <entry><id>1</id><title>a</title><summary type="html"><![CDATA[<p>Xe &amp; hàng&nbsp;qua</p>]]></summary></entry>
        <entry><id>2</id><title>b</title><summary>Giá &lt;b&gt; &amp;amp; phí</summary></entry>
      </feed>`
    const [html, text] = parseFeed(Buffer.from(atom)).entries
    expect(html!.summary).toBe('Xe & hàng qua')
    expect(text!.summary).toBe('Giá <b> &amp; phí')
  })

  it("reads each entry's own language; Traditional Chinese is not the programme's zh", () => {
    const feed = parseFeed(fixture('mixed-languages.atom.xml'))
    expect(feed.entries.map((e) => e.language)).toEqual(['vi', 'zh', 'en', null])
  })
})

describe('feed parser: refusals', () => {
  it('refuses a document type declaration with an external entity (XXE), reading nothing', () => {
    const error = refusal(fixture('xxe.rss.xml'))
    expect(error.code).toBe('dtd')
    expect(error.message).toMatch(/document type declaration/)
  })

  it('refuses entity expansion (billion laughs) before any entity is expanded', () => {
    const started = performance.now()
    expect(refusal(fixture('billion-laughs.rss.xml')).code).toBe('dtd')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('refuses a feed larger than the bound, before parsing it', () => {
    const big = Buffer.alloc(FEED_BYTES_MAX + 1, 0x20)
    expect(refusal(big).code).toBe('too-large')
  })

  it('refuses malformed XML with the line where it breaks', () => {
    const error = refusal(fixture('malformed.rss.xml'))
    expect(error.code).toBe('malformed')
    expect(error.message).toMatch(/line 7/)
  })

  it('refuses a document that is not a feed, naming what it is', () => {
    const error = refusal(fixture('not-a-feed.xml'))
    expect(error.code).toBe('not-a-feed')
    expect(error.message).toMatch(/<html>/)
  })

  it('refuses text that is not UTF-8, and another declared encoding', () => {
    expect(refusal(Buffer.from([0x3c, 0x72, 0x73, 0x73, 0xff, 0xfe, 0x3e])).code).toBe('encoding')
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel/></rss>',
    )
    expect(refusal(latin).code).toBe('encoding')
  })

  it('refuses nesting deeper than any feed needs', () => {
    const deep = `<rss version="2.0"><channel>${'<x>'.repeat(200)}${'</x>'.repeat(200)}</channel></rss>`
    expect(refusal(Buffer.from(deep)).code).toBe('malformed')
  })
})

import type { DocumentFeedEntry } from '@playlists/schemas/items'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { feedBody, feedFixture } from '../helpers/feeds'
import { closeLoopbackServers, type LoopbackServer, listenLoopback } from '../helpers/loopback-server'
import { makeJpeg } from '../helpers/media'

/**
 * A feed item on a screen (issue 19 point 1): the screen's document carries the entries the
 * source's approved policy lets on air, as text, their images in the asset manifest; approving
 * the source, new entries and a withdrawal publish again exactly the screens that show it.
 */

const NOW = Date.UTC(2026, 11, 5, 1, 0, 0)
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
  await closeLoopbackServers()
})

const EXTRA = `<item>
      <title>Mở thêm làn xe khách tại cửa khẩu Tân Thanh</title>
      <guid isPermaLink="false">ls-2026-12-05-0002</guid>
      <pubDate>Sat, 05 Dec 2026 07:50:00 +0700</pubDate>
      <description>Từ 6/12.</description>
    </item>
    <item>`

interface Setup {
  a: TestApp
  server: LoopbackServer
  /** Serve the feed with one more entry, the newest. */
  addEntry: () => void
}

/** A portal on loopback (its images too), the source registered and fetched, a screen showing a feed item and another not. */
async function setup(style: 'ticker' | 'cards' = 'cards'): Promise<Setup> {
  const a = await createTestApp({ clock: () => NOW, outbound: { allow: ['127.0.0.1'] } })
  t = a
  const jpeg = await makeJpeg(64, 48)
  let extra = false
  const server = await listenLoopback((res, req) => {
    if (req.url === '/anh/xe-hang.jpg') return res.end(jpeg)
    if (req.url?.startsWith('/anh/')) return res.writeHead(404).end()
    let rss = feedFixture('portal-vi.rss.xml')
      .toString('utf8')
      .replaceAll('https://langson.example.gov.vn/anh/', server.url('/anh/'))
    if (extra) rss = rss.replace('<item>', EXTRA)
    res.end(rss)
  })
  await succeed(a.app, 'POST', '/api/feeds', feedBody('portal', server.url('/rss'), { words: ['bão'] }))
  await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
  await succeed(a.app, 'POST', '/api/sites', siteBody())
  const item = { id: 'news', kind: 'feed', durationMs: 30_000, sourceId: 'portal', style }
  await succeed(a.app, 'POST', '/api/playlists', {
    id: 'with-feed',
    name: 'News',
    items: [slide('s1', 'Gate'), item],
  })
  await succeed(a.app, 'POST', '/api/playlists', {
    id: 'plain',
    name: 'Plain',
    items: [slide('s2', 'Other')],
  })
  await approveAndPublish(a.app, 'playlist', 'with-feed')
  await approveAndPublish(a.app, 'playlist', 'plain')
  await succeed(a.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'with-feed' }))
  await succeed(a.app, 'POST', '/api/screens', screenBody('kiosk', 'gate', { defaultPlaylistId: 'plain' }))
  return { a, server, addEntry: () => (extra = true) }
}

interface Doc {
  version: number
  assets: { url: string; sha256: string }[]
  playlists: Record<string, { items: { id: string; kind: string; entries?: DocumentFeedEntry[] }[] }>
}
const documentOf = async (a: TestApp, screen: string): Promise<Doc> =>
  succeed(a.app, 'GET', `/api/screens/${screen}/document`)
const feedItem = (doc: Doc) => doc.playlists['with-feed']!.items.find((i) => i.kind === 'feed')
const titles = (doc: Doc) => feedItem(doc)?.entries?.map((e) => e.title)

describe('a feed item in a screen’s document', () => {
  it('carries nothing while the source is not approved: its screen shows the rest of the playlist', async () => {
    const { a } = await setup()
    const doc = await documentOf(a, 'led')
    expect(doc.playlists['with-feed']!.items.map((i) => i.id)).toEqual(['s1'])
  })

  it('carries the entries the approved policy allows once the source is approved, republishing its screens only', async () => {
    const { a } = await setup()
    const before = { led: await documentOf(a, 'led'), kiosk: await documentOf(a, 'kiosk') }
    await approveAndPublish(a.app, 'feed', 'portal')
    const led = await documentOf(a, 'led')
    expect(led.version).toBe(before.led.version + 1)
    expect((await documentOf(a, 'kiosk')).version).toBe(before.kiosk.version)
    // "bão" is a listed word: the storm warning stays off the air.
    expect(titles(led)).toEqual([
      'Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày',
      'Thông báo lịch làm việc dịp Tết Dương lịch 2027',
    ])
    const [withImage, textOnly] = feedItem(led)!.entries!
    expect(withImage).toMatchObject({ language: 'vi', summary: expect.stringContaining('Lạng Sơn') })
    expect(withImage!.media).toMatchObject({ contentType: 'image/jpeg', width: 64, height: 48 })
    expect(textOnly!.media).toBeNull()
    // The picture is in the manifest: the player caches it with the document.
    expect(led.assets.map((x) => x.url)).toContain(withImage!.media!.url)
    expect(feedItem(led)).toMatchObject({ sourceId: 'portal', style: 'cards', languages: 'grouped' })
  })

  it('takes a withdrawn entry off its screens by publishing them again', async () => {
    const { a } = await setup()
    await approveAndPublish(a.app, 'feed', 'portal')
    const before = await documentOf(a, 'led')
    const kiosk = await documentOf(a, 'kiosk')
    const [first] = feedItem(before)!.entries!
    await succeed(
      a.app,
      'POST',
      `/api/feeds/portal/entries/${first!.entryId}/withdraw`,
      undefined,
      a.team.approver,
    )
    const after = await documentOf(a, 'led')
    expect(after.version).toBe(before.version + 1)
    expect(titles(after)).toEqual(['Thông báo lịch làm việc dịp Tết Dương lịch 2027'])
    // Its picture is no longer needed on the screen.
    expect(after.assets.map((x) => x.url)).not.toContain(first!.media!.url)
    expect((await documentOf(a, 'kiosk')).version).toBe(kiosk.version)
  })

  it('brings a new entry to its screens at the next fetch', async () => {
    const { a, addEntry } = await setup()
    await approveAndPublish(a.app, 'feed', 'portal')
    addEntry()
    await succeed(a.app, 'POST', '/api/feeds/portal/refresh')
    expect(titles(await documentOf(a, 'led'))?.[0]).toBe('Mở thêm làn xe khách tại cửa khẩu Tân Thanh')
  })

  it('lists its news entries in the site’s on-air Atom feed, each in its own language only', async () => {
    const { a } = await setup()
    await approveAndPublish(a.app, 'feed', 'portal')
    await succeed(a.app, 'PUT', '/api/sites/gate/on-air-feed', { access: 'public' })
    const atom = async (query: string) => {
      const res = await a.anonymous({ method: 'GET', url: `/feeds/sites/gate/on-air.atom${query}` })
      expect(res.statusCode).toBe(200)
      return res.body
    }
    const news = 'Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày'
    // An entry in one language is given as plain text, marked with that language, in every feed.
    const all = await atom('')
    expect(all).toMatch(
      /<entry xml:lang="vi">\s*<id>[^<]*\/item\/news\/entry\/[^<]*<\/id>\s*<title type="text">/,
    )
    expect(all).toContain(`<title type="text">${news}</title>`)
    expect(await atom('?lang=vi')).toContain(`<title type="text">${news}</title>`)
    // A Chinese reader is not given Vietnamese headlines; the slide still falls back to Vietnamese.
    const zh = await atom('?lang=zh')
    expect(zh).not.toContain(news)
    expect(zh).not.toContain('/entry/')
    expect(zh).toContain('/item/s1')
  })

  it('shows no more entries than the item asks for, and nothing once the source is withdrawn', async () => {
    const { a } = await setup()
    await approveAndPublish(a.app, 'feed', 'portal')
    const item = { id: 'news', kind: 'feed', durationMs: 30_000, sourceId: 'portal', count: 1 }
    await succeed(a.app, 'PUT', '/api/playlists/with-feed', {
      name: 'News',
      items: [slide('s1', 'Gate'), item],
    })
    await approveAndPublish(a.app, 'playlist', 'with-feed')
    const led = await documentOf(a, 'led')
    expect(titles(led)).toEqual(['Cửa khẩu Hữu Nghị thông quan hơn 1.200 xe hàng trong ngày'])
    expect(feedItem(led)).toMatchObject({ style: 'ticker', languages: 'grouped' })

    const { number } = await succeed(a.app, 'POST', '/api/feeds/portal/submit', { withdraw: true })
    await succeed(a.app, 'POST', `/api/feeds/portal/versions/${number}/approve`, {}, a.team.approver)
    await succeed(a.app, 'POST', '/api/feeds/portal/publish', { version: number }, a.team.approver)
    expect(feedItem(await documentOf(a, 'led'))).toBeUndefined()
  })
})

describe('saving a feed item', () => {
  it('refuses a source that does not exist with a 400 naming the field', async () => {
    const { a } = await setup()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'x', items: [{ kind: 'feed', durationMs: 10_000, sourceId: 'nowhere' }] },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toMatchObject({ code: 'playlist.feed-unknown', params: { sourceId: 'nowhere' } })
  })

  it.each([
    ['a count of zero', { count: 0 }],
    ['more entries than a document carries', { count: 21 }],
    ['an unknown style', { style: 'marquee' }],
    ['an unknown order', { languages: 'random' }],
  ])('refuses %s with a 400', async (_what, over) => {
    const { a } = await setup()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'x', items: [{ kind: 'feed', durationMs: 10_000, sourceId: 'portal', ...over }] },
    })
    expect(res.statusCode, res.body).toBe(400)
  })
})

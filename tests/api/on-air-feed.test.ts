import { instantOf } from '@playlists/time/zone'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish, sendEmergency } from '../helpers/approval'

/**
 * A site's on-air Atom feed (issue 19 point 5): off, public or token-protected as an admin
 * chooses, what the site's screens show today (in its time zone), in one language or three.
 */
const ZONE = 'Asia/Ho_Chi_Minh'
const at = (day: number, minute: number) => instantOf(ZONE, { year: 2026, month: 12, day }, minute)
const NOW = at(5, 9 * 60)
let now = NOW
let t: TestApp

beforeEach(async () => {
  now = NOW
  t = await createTestApp({ clock: () => now })
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'day',
    name: 'Day',
    items: [
      slide('s1', 'Opening hours'),
      { ...slide('s2', 'Queue'), text: { vi: { title: '<b>Hàng & xe</b>', body: '' } } },
    ],
  })
  await approveAndPublish(t.app, 'playlist', 'day')
  await succeed(t.app, 'POST', '/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'day' }))
})
afterEach(() => t.close())

const FEED = '/feeds/sites/gate/on-air.atom'
const fetchFeed = (url = FEED, headers: Record<string, string> = {}) =>
  t.anonymous({ method: 'GET', url, headers })
const setAccess = (access: string) => succeed(t.app, 'PUT', '/api/sites/gate/on-air-feed', { access })

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'span', 'div', 'p'].includes(name),
})
interface Text {
  '#text'?: string
  '@type'?: string
  '@xml:lang'?: string
  div?: { span?: Text[]; div?: { p: string[]; '@xml:lang': string }[] }[]
}
interface Entry {
  id: string
  title: Text
  updated: string
  published: string
  content: Text
  '@xml:lang'?: string
}
/** The feed parsed back, after checking it is well-formed XML with Atom's required elements. */
function parse(body: string) {
  expect(XMLValidator.validate(body)).toBe(true)
  const { feed } = parser.parse(body) as {
    feed: {
      '@xmlns': string
      id: string
      title: Text
      updated: string
      author: { name: string }
      entry?: Entry[]
    }
  }
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
  expect(feed.id).toMatch(/^tag:/)
  expect(feed.title['#text']).toBeTruthy()
  expect(Number.isNaN(Date.parse(feed.updated))).toBe(false)
  expect(feed.author.name).toBe('Gatecast')
  const entries = feed.entry ?? []
  for (const e of entries) {
    expect(e.id).toMatch(/^tag:localhost,\d{4}-\d{2}-\d{2}:site\/gate\//)
    expect(e.title).toBeTruthy()
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false)
    expect(Number.isNaN(Date.parse(e.published))).toBe(false)
  }
  return { feed, entries }
}
/** The entry's title in each language, from the XHTML parts of a three-language feed. */
const titles = (e: Entry) =>
  Object.fromEntries((e.title.div?.[0]?.span ?? []).map((s) => [s['@xml:lang'], s['#text']]))

describe('on-air feed access', () => {
  it('is off until an admin opens it: a 404 with a code, as for a site that does not exist', async () => {
    const off = await fetchFeed()
    expect(off.statusCode).toBe(404)
    expect(off.json()).toMatchObject({ code: 'on-air.off', params: { id: 'gate' } })
    const unknown = await fetchFeed('/feeds/sites/nowhere/on-air.atom')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('site.not-found')
    expect((await succeed(t.app, 'GET', '/api/sites/gate')).onAirFeed).toBe('off')
  })

  it('is set by admins only, audited with the site before and after', async () => {
    const byApprover = await t.app.inject({
      method: 'PUT',
      url: '/api/sites/gate/on-air-feed',
      payload: { access: 'public' },
      headers: t.team.approver.headers,
    })
    expect(byApprover.statusCode).toBe(403)
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/sites/gate/on-air-feed',
      payload: { access: 'open' },
    })
    expect(bad.statusCode).toBe(400)
    expect((await setAccess('public')).onAirFeed).toBe('public')
    expect(t.app.repos.audit.query({ action: 'site.on-air-feed', limit: 1 })[0]).toMatchObject({
      objectType: 'site',
      objectId: 'gate',
      actor: { id: t.team.admin.id },
      before: expect.objectContaining({ onAirFeed: 'off' }),
      after: expect.objectContaining({ onAirFeed: 'public' }),
    })
    // Editing the site's name (the CAP page's location form) keeps the choice.
    await succeed(t.app, 'PUT', '/api/sites/gate', { ...siteBody('gate'), location: null })
    expect((await succeed(t.app, 'GET', '/api/sites/gate')).onAirFeed).toBe('public')
    expect((await fetchFeed()).statusCode).toBe(200)
    await setAccess('off')
    expect((await fetchFeed()).statusCode).toBe(404)
  })

  it('asks for an API token when protected: in the Authorization header or the token parameter', async () => {
    await setAccess('token')
    const none = await fetchFeed()
    expect(none.statusCode).toBe(401)
    expect(none.json().code).toBe('on-air.token-required')
    const wrong = await fetchFeed(`${FEED}?token=gct_${'x'.repeat(43)}`)
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().code).toBe('on-air.token-invalid')
    expect((await fetchFeed(FEED, { authorization: 'Bearer nonsense' })).json().code).toBe(
      'on-air.token-invalid',
    )
    const { token } = t.team.viewer
    const header = await fetchFeed(FEED, { authorization: `Bearer ${token}` })
    expect(header.statusCode).toBe(200)
    expect(header.headers['cache-control']).toBe('private, no-cache')
    const query = await fetchFeed(`${FEED}?token=${token}`)
    expect(query.statusCode).toBe(200)
    expect(query.body).toBe(header.body)
  })
})

describe('on-air feed content', () => {
  beforeEach(() => setAccess('public'))

  it('lists each slide on air in three languages, escaped, with its screen and hours', async () => {
    const res = await fetchFeed()
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, no-cache')
    const { feed, entries } = parse(res.body)
    expect(feed.title['#text']).toBe('Đang phát hôm nay tại Cửa khẩu thử')
    expect(entries.map((e) => e.id)).toEqual([
      'tag:localhost,2026-12-05:site/gate/playlist/day/item/s1',
      'tag:localhost,2026-12-05:site/gate/playlist/day/item/s2',
    ])
    expect(titles(entries[0]!)).toEqual({
      vi: 'Opening hours (vi)',
      zh: 'Opening hours (中文)',
      en: 'Opening hours (en)',
    })
    // Markup in a slide is text in the feed: escaped by the builder, read back unchanged.
    expect(res.body).toContain('&lt;b&gt;Hàng &amp; xe&lt;/b&gt;')
    // A slide in Vietnamese alone is a plain entry in that language.
    expect(entries[1]).toMatchObject({ '@xml:lang': 'vi', title: { '#text': '<b>Hàng & xe</b>' } })
    const parts = entries[0]!.content.div![0]!.div!
    expect(parts.map((p) => p['@xml:lang'])).toEqual(['vi', 'zh', 'en'])
    expect(parts[2]!.p).toEqual(['English text', 'Screens and times: Screen a (00:00–24:00)'])
    expect(entries[0]!.published).toBe(new Date(at(5, 0)).toISOString())
    // Ids hold across fetches of the day.
    expect(parse((await fetchFeed()).body).entries.map((e) => e.id)).toEqual(entries.map((e) => e.id))
  })

  it('gives one language with ?lang: entries carry it in xml:lang, plain text', async () => {
    const { feed, entries } = parse((await fetchFeed(`${FEED}?lang=zh`)).body)
    expect(feed.title['#text']).toBe('测试口岸今日播出')
    expect(entries[0]).toMatchObject({ '@xml:lang': 'zh', title: { '#text': 'Opening hours (中文)' } })
    expect(entries[0]!.content['#text']).toBe('中文内容\n\n屏幕及播出时间: Screen a (00:00–24:00)')
    // The slide with Vietnamese only is said in Vietnamese, and marked so.
    expect(entries[1]).toMatchObject({ '@xml:lang': 'vi', title: { '#text': '<b>Hàng & xe</b>' } })
    const bad = await fetchFeed(`${FEED}?lang=fr`)
    expect(bad.statusCode).toBe(400)
  })

  it('answers 304 to a reader that has this version, by ETag or by date, and 200 once it changes', async () => {
    const first = await fetchFeed()
    const etag = first.headers.etag as string
    const lastModified = first.headers['last-modified'] as string
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    expect(Date.parse(lastModified)).toBeGreaterThan(0)
    const byTag = await fetchFeed(FEED, { 'if-none-match': etag })
    expect(byTag.statusCode).toBe(304)
    expect(byTag.body).toBe('')
    expect((await fetchFeed(FEED, { 'if-modified-since': lastModified })).statusCode).toBe(304)
    expect((await fetchFeed(FEED, { 'if-none-match': '"other"' })).statusCode).toBe(200)
    // Another language is another representation.
    expect((await fetchFeed(`${FEED}?lang=en`, { 'if-none-match': etag })).statusCode).toBe(200)

    now = at(5, 10 * 60)
    await succeed(t.app, 'PUT', '/api/playlists/day', { name: 'Day', items: [slide('s1', 'Closing hours')] })
    await approveAndPublish(t.app, 'playlist', 'day')
    const changed = await fetchFeed(FEED, { 'if-none-match': etag })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect((await fetchFeed(FEED, { 'if-modified-since': lastModified })).statusCode).toBe(200)
    expect(titles(parse(changed.body).entries[0]!).en).toBe('Closing hours (en)')
  })

  it('lists an emergency message in force', async () => {
    await sendEmergency(t.app, {
      text: {
        vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu tạm đóng.' },
        zh: { title: '暂停通关', body: '口岸暂时关闭。' },
        en: { title: 'Clearance suspended', body: 'The gate is closed.' },
      },
      targets: { sites: ['gate'] },
      expiresAt: new Date(at(5, 11 * 60)).toISOString(),
    })
    const { entries } = parse((await fetchFeed()).body)
    const emergency = entries.find((e) => e.id.includes('/emergency/'))!
    expect(titles(emergency)).toEqual({
      vi: 'Thông báo khẩn cấp: Tạm dừng thông quan',
      zh: '紧急通知: 暂停通关',
      en: 'Emergency message: Clearance suspended',
    })
    expect(emergency.content.div![0]!.div![2]!.p).toEqual([
      'The gate is closed.',
      'Screens and times: Screen a (09:00–11:00)',
    ])
  })

  it('leaves out a schedule entry for tomorrow, and lists it when tomorrow comes', async () => {
    await succeed(t.app, 'POST', '/api/playlists', {
      id: 'fair',
      name: 'Fair',
      items: [slide('f1', 'Trade fair')],
    })
    await approveAndPublish(t.app, 'playlist', 'fair')
    const entry = await succeed(t.app, 'POST', '/api/schedules', {
      name: 'Fair day',
      playlistId: 'fair',
      target: { type: 'site', id: 'gate' },
      from: '2026-12-06T08:00',
      until: '2026-12-06T17:00',
    })
    await approveAndPublish(t.app, 'schedule', entry.id)
    const ids = (body: string) => parse(body).entries.map((e) => e.id.split(':site/gate/')[1])
    expect(ids((await fetchFeed()).body)).toEqual(['playlist/day/item/s1', 'playlist/day/item/s2'])

    now = at(6, 7 * 60)
    const tomorrow = await fetchFeed(`${FEED}?lang=en`)
    expect(ids(tomorrow.body)).toEqual([
      'playlist/day/item/s1',
      'playlist/day/item/s2',
      'playlist/fair/item/f1',
    ])
    const fair = parse(tomorrow.body).entries[2]!
    expect(fair.id).toBe('tag:localhost,2026-12-06:site/gate/playlist/fair/item/f1')
    expect(fair.content['#text']).toBe('English text\n\nScreens and times: Screen a (08:00–17:00)')
  })
})

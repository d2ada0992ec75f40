import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TICKER_SPEED_DEFAULT, TICKER_SPEED_MAX, TICKER_SPEED_MIN } from '@playlists/limits'
import { ROOT } from '@server/paths'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { makePng, multipart } from '../helpers/files'

let t: TestApp

interface Media {
  id: string
  url: string
  contentType: string
  sha256: string
  bytes: number
  width: number | null
  height: number | null
  durationMs: number | null
}
let image: Media
let video: Media

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) })

const ok = (method: 'POST' | 'PUT', url: string, payload: unknown = {}) =>
  succeed(t.app, method, url, payload)

async function upload(filename: string, data: Buffer): Promise<Media> {
  const res = await t.app.inject({ method: 'POST', url: '/api/media', ...multipart([{ filename, data }]) })
  if (res.statusCode !== 201) throw new Error(`upload ${filename}: ${res.body}`)
  return res.json()
}

beforeEach(async () => {
  t = await createTestApp()
  await ok('POST', '/api/sites', siteBody())
  image = await upload('gate.png', makePng(64, 32))
  video = await upload(
    'border-clouds.mp4',
    readFileSync(join(ROOT, 'server', 'seed', 'content', 'media', 'border-clouds.mp4')),
  )
})
afterEach(() => t.close())

const GOV = 'https://www.langson.gov.vn'
const allow = (...origins: string[]) => ok('PUT', '/api/web-origins', { origins })
const documentOf = async (screen: string) => (await inject('GET', `/api/screens/${screen}/document`)).json()

/** What a player receives for a medium: enough to fetch it and check it, nothing to look up. */
const ref = (m: Media) => ({
  id: m.id,
  url: m.url,
  contentType: m.contentType,
  sha256: m.sha256,
  bytes: m.bytes,
  width: m.width,
  height: m.height,
  durationMs: m.durationMs,
})

const viText = { vi: { title: 'Chào mừng', body: 'Cửa khẩu Tân Thanh' } }
const CHINA = { vi: 'Trung Quốc', zh: '中国', en: 'China' }

describe('content kinds: every kind round-trips with its defaults filled in', () => {
  /** Each kind with only what is required: the server fills in the rest. */
  const minimal = () => [
    { id: 'img', kind: 'image', mediaId: image.id, durationMs: 5_000 },
    { id: 'vid', kind: 'video', mediaId: video.id, durationMs: 6_000 },
    { id: 'sld', kind: 'slide', durationMs: 5_000, text: viText },
    { id: 'web', kind: 'web', durationMs: 10_000, url: `${GOV}/tin-tuc?page=1` },
    { id: 'tick', kind: 'ticker', durationMs: 20_000, text: { vi: 'Xin chào', zh: '欢迎' } },
    { id: 'clk', kind: 'clock', durationMs: 5_000 },
  ]
  const stored = () => [
    { id: 'img', kind: 'image', durationMs: 5_000, mediaId: image.id, fit: 'contain' },
    { id: 'vid', kind: 'video', durationMs: 6_000, mediaId: video.id, fit: 'contain', sound: false },
    { id: 'sld', kind: 'slide', durationMs: 5_000, text: viText, mediaId: null, display: 'stacked' },
    { id: 'web', kind: 'web', durationMs: 10_000, url: `${GOV}/tin-tuc?page=1` },
    {
      id: 'tick',
      kind: 'ticker',
      durationMs: 20_000,
      text: { vi: 'Xin chào', zh: '欢迎' },
      speed: TICKER_SPEED_DEFAULT,
    },
    { id: 'clk', kind: 'clock', durationMs: 5_000, seconds: false, secondZone: null, lunarDate: false },
  ]

  it('stores each kind with every setting filled in, and nothing else', async () => {
    await allow(GOV)
    const created = await inject('POST', '/api/playlists', { id: 'kinds', name: 'Kinds', items: minimal() })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().items).toEqual(stored())
    expect((await inject('GET', '/api/playlists/kinds')).json().items).toEqual(stored())
    const listed = (await inject('GET', '/api/playlists')).json()
    expect(listed[0].items).toEqual(stored())
  })

  it('keeps settings an operator chose over the defaults', async () => {
    await allow(GOV)
    const chosen = [
      { id: 'img', kind: 'image', mediaId: image.id, durationMs: 5_000, fit: 'cover' },
      { id: 'vid', kind: 'video', mediaId: video.id, durationMs: 6_000, fit: 'stretch', sound: true },
      { id: 'sld', kind: 'slide', durationMs: 5_000, text: viText, mediaId: image.id, display: 'rotating' },
      { id: 'tick', kind: 'ticker', durationMs: 20_000, text: { vi: 'Xin chào' }, speed: TICKER_SPEED_MAX },
      {
        id: 'clk',
        kind: 'clock',
        durationMs: 5_000,
        seconds: true,
        secondZone: { timeZone: 'Asia/Shanghai', label: { vi: 'Trung Quốc', zh: '中国', en: 'China' } },
        lunarDate: true,
      },
    ]
    const created = await inject('POST', '/api/playlists', { id: 'kinds', name: 'Kinds', items: chosen })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().items).toEqual(chosen)
    // The stored draft is what comes back, not an echo of the request.
    expect((await inject('GET', '/api/playlists/kinds')).json().items).toEqual(chosen)
  })

  it('publishes each kind to the document with media resolved to URLs and no stored ids', async () => {
    await allow(GOV)
    await ok('POST', '/api/playlists', {
      id: 'kinds',
      name: 'Kinds',
      items: [
        ...minimal(),
        {
          id: 'sld-img',
          kind: 'slide',
          durationMs: 5_000,
          text: viText,
          mediaId: image.id,
          display: 'rotating',
        },
      ],
    })
    await approveAndPublish(t.app, 'playlist', 'kinds')
    await ok('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'kinds' }))
    const doc = await documentOf('led')
    expect(doc.playlists.kinds.items).toEqual([
      { id: 'img', kind: 'image', durationMs: 5_000, fit: 'contain', media: ref(image) },
      { id: 'vid', kind: 'video', durationMs: 6_000, fit: 'contain', sound: false, media: ref(video) },
      { id: 'sld', kind: 'slide', durationMs: 5_000, text: viText, display: 'stacked', media: null },
      { id: 'web', kind: 'web', durationMs: 10_000, url: `${GOV}/tin-tuc?page=1` },
      {
        id: 'tick',
        kind: 'ticker',
        durationMs: 20_000,
        text: { vi: 'Xin chào', zh: '欢迎' },
        speed: TICKER_SPEED_DEFAULT,
      },
      { id: 'clk', kind: 'clock', durationMs: 5_000, seconds: false, secondZone: null, lunarDate: false },
      {
        id: 'sld-img',
        kind: 'slide',
        durationMs: 5_000,
        text: viText,
        display: 'rotating',
        media: ref(image),
      },
    ])
    expect(video.durationMs).toBe(6_000)
    expect(doc.assets).toEqual(
      [image, video]
        .map((m) => ({ url: m.url, sha256: m.sha256, bytes: m.bytes, contentType: m.contentType }))
        .sort((a, b) => a.url.localeCompare(b.url)),
    )
  })
})

describe('content kinds: bad items get a 400 naming the problem, and change nothing', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'a ticker slower than the minimum',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { vi: 'x' }, speed: TICKER_SPEED_MIN - 1 }),
      new RegExp(`items\\[0\\]\\.speed must be at least ${TICKER_SPEED_MIN}`),
    ],
    [
      'a ticker faster than the maximum',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { vi: 'x' }, speed: TICKER_SPEED_MAX + 1 }),
      new RegExp(`items\\[0\\]\\.speed must be at most ${TICKER_SPEED_MAX}`),
    ],
    [
      'a fractional ticker speed',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { vi: 'x' }, speed: 100.5 }),
      /items\[0\]\.speed must be a whole number/,
    ],
    [
      'a ticker with empty Vietnamese text',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { vi: '' } }),
      /items\[0\]\.text\.vi must not be empty/,
    ],
    [
      'a ticker whose Vietnamese text is only spaces',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { vi: '  \t ' } }),
      /items\[0\]\.text\.vi does not have the expected form/,
    ],
    [
      'a ticker whose Chinese text is only spaces',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { vi: 'Xin chào', zh: ' \n ' } }),
      /items\[0\]\.text\.zh does not have the expected form/,
    ],
    [
      'a ticker without Vietnamese',
      () => ({ kind: 'ticker', durationMs: 5_000, text: { en: 'Welcome' } }),
      /items\[0\]\.text needs the field "vi"/,
    ],
    [
      'a web page that is not http(s)',
      () => ({ kind: 'web', durationMs: 5_000, url: 'ftp://www.langson.gov.vn/file' }),
      /items\[0\]\.url does not have the expected form/,
    ],
    [
      'a javascript: address',
      () => ({ kind: 'web', durationMs: 5_000, url: 'javascript:alert(1)' }),
      /items\[0\]\.url/,
    ],
    [
      'a web page whose origin is not on the allow-list',
      () => ({ kind: 'web', durationMs: 5_000, url: 'https://evil.example.com/page' }),
      /items\[0\]: https:\/\/evil\.example\.com is not on the web-page allow-list/,
    ],
    [
      'a web page on an allowed host but over plain http',
      () => ({ kind: 'web', durationMs: 5_000, url: 'http://www.langson.gov.vn/' }),
      /http:\/\/www\.langson\.gov\.vn is not on the web-page allow-list/,
    ],
    [
      'a web page on an allowed host but another port',
      () => ({ kind: 'web', durationMs: 5_000, url: 'https://www.langson.gov.vn:8443/' }),
      /https:\/\/www\.langson\.gov\.vn:8443 is not on the web-page allow-list/,
    ],
    [
      'a web page on a subdomain of an allowed host',
      () => ({ kind: 'web', durationMs: 5_000, url: 'https://evil.www.langson.gov.vn/' }),
      /not on the web-page allow-list/,
    ],
    [
      'a web address carrying a password',
      () => ({ kind: 'web', durationMs: 5_000, url: 'https://admin:secret@www.langson.gov.vn/' }),
      /items\[0\]: .*user name or password/,
    ],
    [
      'a clock with an unknown setting',
      () => ({ kind: 'clock', durationMs: 5_000, timeZone: 'UTC' }),
      /items\[0\] has an unknown field "timeZone"/,
    ],
    [
      'a clock whose seconds setting is text',
      () => ({ kind: 'clock', durationMs: 5_000, seconds: 'yes' }),
      /items\[0\]\.seconds must be true or false/,
    ],
    [
      'a clock whose second zone is not a time zone',
      () => ({ kind: 'clock', durationMs: 5_000, secondZone: { timeZone: 'Mars/Olympus', label: CHINA } }),
      /items\[0\]: secondZone\.timeZone "Mars\/Olympus" is not a known IANA time zone/,
    ],
    [
      'a clock whose second zone has no Chinese label',
      () => ({
        kind: 'clock',
        durationMs: 5_000,
        secondZone: { timeZone: 'Asia/Shanghai', label: { vi: 'TQ', en: 'China' } },
      }),
      /items\[0\]\.secondZone\.label.*zh/,
    ],
    [
      'a clock whose second zone label is a sentence',
      () => ({
        kind: 'clock',
        durationMs: 5_000,
        secondZone: { timeZone: 'Asia/Shanghai', label: { ...CHINA, en: 'The People’s Republic of China' } },
      }),
      /items\[0\]\.secondZone\.label\.en must have at most 24 characters/,
    ],
    [
      'a slide whose picture is a video',
      () => ({ kind: 'slide', durationMs: 5_000, text: viText, mediaId: video.id }),
      /items\[0\]: medium ".*" is a video, but a slide item needs an image/,
    ],
    [
      'a video item showing an image',
      () => ({ kind: 'video', durationMs: 5_000, mediaId: image.id }),
      /items\[0\]: medium ".*" is an image, but a video item needs a video/,
    ],
    [
      'a slide with an unknown display',
      () => ({ kind: 'slide', durationMs: 5_000, text: viText, display: 'marquee' }),
      /items\[0\]\.display must be one of "stacked", "rotating"/,
    ],
    [
      'a video whose sound setting is text',
      () => ({ kind: 'video', durationMs: 5_000, mediaId: video.id, sound: 'on' }),
      /items\[0\]\.sound must be true or false/,
    ],
    [
      'an unknown kind',
      () => ({ kind: 'hologram', durationMs: 5_000 }),
      /items\[0\] has an unknown "kind"; use image, video, slide, web, ticker, clock/,
    ],
    [
      'a web item with a medium',
      () => ({ kind: 'web', durationMs: 5_000, url: `${GOV}/`, mediaId: image.id }),
      /items\[0\] has an unknown field "mediaId"/,
    ],
  ]

  for (const [what, item, message] of cases) {
    it(`refuses ${what}`, async () => {
      await allow(GOV)
      const res = await inject('POST', '/api/playlists', { id: 'bad', name: 'Bad', items: [item()] })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().message).toMatch(message)
      expect((await inject('GET', '/api/playlists')).json()).toEqual([])
    })
  }

  it('refuses a bad item in a replacement, keeping the draft as it was', async () => {
    await allow(GOV)
    await ok('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
    for (const [, item, message] of cases) {
      const res = await inject('PUT', '/api/playlists/loop', { name: 'Loop', items: [item()] })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(message)
    }
    expect((await inject('GET', '/api/playlists/loop')).json()).toMatchObject({
      draftRevision: 1,
      items: [{ id: 's1', kind: 'slide' }],
    })
  })
})

describe('web-page allow-list', () => {
  it('starts empty, and refuses every web item until an origin is added', async () => {
    expect((await inject('GET', '/api/web-origins')).json()).toEqual({ origins: [] })
    const res = await inject('POST', '/api/playlists', {
      name: 'Web',
      items: [{ kind: 'web', durationMs: 5_000, url: `${GOV}/` }],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/https:\/\/www\.langson\.gov\.vn is not on the web-page allow-list/)
    expect(res.json().message).toMatch(/PUT \/api\/web-origins/)
  })

  it('normalises entries: trailing slash, host case, default ports, duplicates', async () => {
    const res = await inject('PUT', '/api/web-origins', {
      origins: [
        'https://WWW.LangSon.gov.vn/',
        'https://www.langson.gov.vn',
        'https://tourism.example.com:443',
        'http://Intranet.Gate:8080/',
        '  https://padded.example.com  ',
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const expected = [
      'http://intranet.gate:8080',
      'https://padded.example.com',
      'https://tourism.example.com',
      'https://www.langson.gov.vn',
    ]
    expect(res.json()).toEqual({ origins: expected })
    expect((await inject('GET', '/api/web-origins')).json()).toEqual({ origins: expected })
  })

  it('matches a web item’s address by its origin, whatever the host’s case or a default port', async () => {
    await allow(GOV)
    const items = [
      { id: 'upper', kind: 'web', durationMs: 5_000, url: 'https://WWW.LANGSON.GOV.VN/tin-tuc' },
      { id: 'port', kind: 'web', durationMs: 5_000, url: 'https://www.langson.gov.vn:443/lich' },
    ]
    const res = await inject('POST', '/api/playlists', { id: 'web', name: 'Web', items })
    expect(res.statusCode, res.body).toBe(201)
    await approveAndPublish(t.app, 'playlist', 'web')
    await ok('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'web' }))
    expect((await documentOf('led')).playlists.web.items.map((i: { url: string }) => i.url)).toEqual([
      'https://WWW.LANGSON.GOV.VN/tin-tuc',
      'https://www.langson.gov.vn:443/lich',
    ])
  })

  it('replaces the list whole', async () => {
    await allow(GOV, 'https://a.example.com')
    expect(await allow('https://b.example.com')).toEqual({ origins: ['https://b.example.com'] })
    expect(await allow()).toEqual({ origins: [] })
  })

  const bad: [string, string, RegExp][] = [
    ['a path', 'https://www.langson.gov.vn/tin-tuc', /without a path or query/],
    ['a query', 'https://www.langson.gov.vn/?lang=vi', /without a path or query/],
    ['a fragment', 'https://www.langson.gov.vn/#top', /without a path or query/],
    ['credentials', 'https://user:pw@www.langson.gov.vn', /user name or password/],
    ['a user name alone', 'https://user@www.langson.gov.vn', /user name or password/],
    ['an ftp scheme', 'ftp://files.langson.gov.vn', /only http and https/],
    ['a file scheme', 'file:///etc/passwd', /only http and https/],
    ['a javascript scheme', 'javascript:alert(1)', /only http and https/],
    ['garbage', 'not an address', /is not an address/],
    ['a host without a scheme', 'www.langson.gov.vn', /is not an address/],
    ['a port out of range', 'https://www.langson.gov.vn:99999', /is not an address/],
  ]
  for (const [what, entry, problem] of bad) {
    it(`refuses an entry with ${what}, naming it, and keeps the list`, async () => {
      await allow(GOV)
      const res = await inject('PUT', '/api/web-origins', { origins: ['https://ok.example.com', entry] })
      expect(res.statusCode).toBe(400)
      const message = res.json().message as string
      expect(message.startsWith('origins[1]: ')).toBe(true)
      expect(message).toContain(`"${entry}"`)
      expect(message).toMatch(problem)
      expect((await inject('GET', '/api/web-origins')).json()).toEqual({ origins: [GOV] })
    })
  }

  it('refuses an empty entry and an unknown field through the schema', async () => {
    await allow(GOV)
    const empty = await inject('PUT', '/api/web-origins', { origins: [''] })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().message).toMatch(/origins\[0\] must not be empty/)
    const extra = await inject('PUT', '/api/web-origins', { origins: [], note: 'x' })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().message).toMatch(/unknown field "note"/)
    expect((await inject('GET', '/api/web-origins')).json()).toEqual({ origins: [GOV] })
  })

  it('lets a web item through once its origin is allowed, and takes it off screens when removed', async () => {
    await allow(GOV)
    await ok('POST', '/api/playlists', {
      id: 'loop',
      name: 'Loop',
      items: [
        slide('s1', 'One'),
        { id: 'news', kind: 'web', durationMs: 10_000, url: `${GOV}/tin-tuc` },
        { id: 'clk', kind: 'clock', durationMs: 5_000 },
      ],
    })
    await approveAndPublish(t.app, 'playlist', 'loop')
    await ok('POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
    await ok('POST', '/api/screens', screenBody('elsewhere', 'gate'))
    const before = await documentOf('led')
    const elsewhere = (await documentOf('elsewhere')).version
    expect(before.playlists.loop.items.map((i: { id: string }) => i.id)).toEqual(['s1', 'news', 'clk'])
    expect(before.playlists.loop.items[1]).toEqual({
      id: 'news',
      kind: 'web',
      durationMs: 10_000,
      url: `${GOV}/tin-tuc`,
    })

    // Removing the origin recompiles at once: the page leaves the screen, the rest stays.
    await allow('https://other.example.com')
    const after = await documentOf('led')
    expect(after.version).toBe(before.version + 1)
    expect(after.playlists.loop.items.map((i: { id: string }) => i.id)).toEqual(['s1', 'clk'])
    expect(after.playlists.loop.revision).toBe(before.playlists.loop.revision)
    // A screen that never showed the page gets no new version.
    expect((await documentOf('elsewhere')).version).toBe(elsewhere)
    // The draft keeps the item, so adding the origin back brings it back.
    const draft = (await inject('GET', '/api/playlists/loop')).json()
    expect(draft.items.map((i: { id: string }) => i.id)).toEqual(['s1', 'news', 'clk'])

    await allow('https://other.example.com', `${GOV}/`)
    const restored = await documentOf('led')
    expect(restored.version).toBe(after.version + 1)
    expect(restored.playlists.loop.items).toEqual(before.playlists.loop.items)
    expect(restored.hash).toBe(before.hash)
  })
})

describe('screen audio', () => {
  it('carries the screen’s audio flag into its document, off unless set', async () => {
    await ok('POST', '/api/playlists', { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
    await approveAndPublish(t.app, 'playlist', 'loop')
    const quiet = await ok('POST', '/api/screens', screenBody('quiet', 'gate', { defaultPlaylistId: 'loop' }))
    const loud = await ok(
      'POST',
      '/api/screens',
      screenBody('loud', 'gate', { defaultPlaylistId: 'loop', audio: true }),
    )
    expect(quiet.audio).toBe(false)
    expect(loud.audio).toBe(true)
    expect((await inject('GET', '/api/screens/loud')).json().audio).toBe(true)
    expect((await documentOf('quiet')).screen.audio).toBe(false)
    const doc = await documentOf('loud')
    expect(doc.screen.audio).toBe(true)

    await ok(
      'PUT',
      '/api/screens/loud',
      screenBody('loud', 'gate', { defaultPlaylistId: 'loop', audio: false }),
    )
    const muted = await documentOf('loud')
    expect(muted.version).toBe(doc.version + 1)
    expect(muted.screen.audio).toBe(false)
  })

  it('refuses an audio flag that is not true or false', async () => {
    const res = await inject('POST', '/api/screens', screenBody('led', 'gate', { audio: 'yes' }))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/audio must be true or false/)
  })
})

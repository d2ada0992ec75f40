import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import type { Page } from 'playwright-core'
import { screenBody, siteBody } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { waitForPlayer } from '../helpers/player'

/**
 * The text that breaks when a screen lacks fonts: Vietnamese with horned ư/ơ and stacked marks (a
 * circumflex or breve plus a tone), and Chinese whose glyphs differ between SC and JP forms (直, 海, 关).
 */
const TEXT = {
  vi: {
    title: 'Cửa khẩu Quốc tế Hữu Nghị — Lạng Sơn',
    body: 'Ưu đãi đầu tư, Tân Thanh, Chi Ma: ậ ẫ ệ ổ ợ ữ ỹ Ậ Ẫ Ệ Ổ Ợ Ữ Ỹ',
  },
  zh: { title: '谅山省友谊国际口岸', body: '欢迎 贸易 投资 旅游 凭祥 海关 直' },
  en: { title: 'Huu Nghi International Border Gate', body: 'Trade, investment, tourism' },
}
const SCREEN = { id: 'fonts-led', width: 1920, height: 960 }
const ITEM_ID = 'fonts-slide'
const BUNDLED = ['Gatecast Sans', 'Gatecast Sans SC']

/** The rendered text blocks, by language and part. */
const BLOCKS = {
  'vi title': '.layer.showing [data-lang="vi"] h1',
  'vi body': '.layer.showing [data-lang="vi"] p',
  'zh title': '.layer.showing [data-lang="zh"] h1',
  'zh body': '.layer.showing [data-lang="zh"] p',
} as const

const served = serveApp({}, async (t) => {
  const ok = (r: { statusCode: number; body: string }) => {
    if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`)
  }
  ok(await t.app.inject({ method: 'POST', url: '/api/sites', payload: siteBody() }))
  ok(
    await t.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: {
        id: 'fonts',
        name: 'Fonts',
        items: [{ id: ITEM_ID, kind: 'slide', durationMs: 60_000, text: TEXT }],
      },
    }),
  )
  await approveAndPublish(t.app, 'playlist', 'fonts')
  ok(
    await t.app.inject({
      method: 'POST',
      url: '/api/screens',
      payload: screenBody(SCREEN.id, 'gate', { ...SCREEN, defaultPlaylistId: 'fonts' }),
    }),
  )
})

interface Traffic {
  /** Every http(s) URL the page asked for. */
  requests: string[]
  /** Font responses: URL, status and the headers that matter. */
  fonts: { url: string; status: number; type: string | undefined; cache: string | undefined }[]
}

/** Opens the screen's player on the font slide and waits until its fonts have settled. */
async function openSlide(page: Page): Promise<Traffic> {
  const traffic: Traffic = { requests: [], fonts: [] }
  page.on('request', (r) => {
    if (/^https?:/.test(r.url())) traffic.requests.push(r.url())
  })
  page.on('response', (r) => {
    if (r.url().includes('/player/fonts/')) {
      const h = r.headers()
      traffic.fonts.push({
        url: r.url(),
        status: r.status(),
        type: h['content-type'],
        cache: h['cache-control'],
      })
    }
  })
  await page.goto(playerUrl(served.base, screenToken(served.t.app, SCREEN.id)))
  await waitForPlayer(page)
  await expect(page.locator('#stage')).toHaveAttribute('data-item-id', ITEM_ID)
  await page.evaluate(() => document.fonts.ready)
  return traffic
}

/** The font shorthand the player's CSS gives an element: its own weight, size and family list. */
const fontOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el)
    return `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`
  })

/**
 * The fonts Chromium actually drew an element's text with (DevTools' "Rendered Fonts"): a web font
 * from an @font-face rule is a custom font, a system one is not.
 */
async function renderedFonts(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts.map((f) => ({ family: f.familyName, custom: f.isCustomFont, glyphs: f.glyphCount }))
  } finally {
    await cdp.detach()
  }
}

const unquote = (family: string) => family.replace(/^["']|["']$/g, '')

test.describe('player fonts', () => {
  test('serves every bundled font file itself, typed font/woff2 and cached as immutable', async () => {
    const manifest = (await (await fetch(`${served.base}/player/fonts.json`)).json()) as {
      css: string
      bytes: number
      files: { url: string; bytes: number }[]
    }
    const css = await fetch(`${served.base}/player/${manifest.css}`)
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
    expect(css.headers.get('cache-control')).toBe('no-cache')
    const cssText = await css.text()
    // Every face of fonts.css points at a file of the manifest, and the manifest holds nothing else.
    const urls = [...cssText.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!)
    expect(new Set(urls)).toEqual(new Set(manifest.files.map((f) => f.url)))
    // A signage screen shows nothing for a moment rather than flash fallback glyphs.
    expect(cssText.match(/font-display:[^;]*/g)).toEqual(urls.map(() => 'font-display: block'))
    // Latin and Vietnamese from Noto Sans, and every Noto Sans SC chunk.
    const scFaces = readFileSync(
      join(ROOT, 'node_modules/@fontsource-variable/noto-sans-sc/wght.css'),
      'utf8',
    )
    expect(urls.filter((u) => u.includes('/noto-sans-sc-')).length).toBe(scFaces.match(/@font-face/g)!.length)
    expect(urls.some((u) => u.endsWith('noto-sans-vietnamese-wght-normal.woff2'))).toBe(true)
    expect(manifest.bytes).toBe(manifest.files.reduce((n, f) => n + f.bytes, 0))

    for (const file of manifest.files) {
      const res = await fetch(`${served.base}/player/${file.url}`)
      expect(res.status, file.url).toBe(200)
      expect(res.headers.get('content-type'), file.url).toBe('font/woff2')
      expect(res.headers.get('cache-control'), file.url).toMatch(/immutable/)
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect(bytes.length, file.url).toBe(file.bytes)
      expect(new TextDecoder().decode(bytes.subarray(0, 4)), file.url).toBe('wOF2')
    }
  })

  test('loads the bundled faces for Vietnamese and Chinese text, from the Gatecast server only', async ({
    browser,
  }) => {
    const page = await browser.newPage({ viewport: { width: SCREEN.width, height: SCREEN.height } })
    const traffic = await openSlide(page)

    for (const [block, selector] of Object.entries(BLOCKS)) {
      const font = await fontOf(page, selector)
      const faces = await page.locator(selector).evaluate(async (el, f) => {
        const loaded = await document.fonts.load(f, el.textContent ?? '')
        return loaded.map((face) => ({ family: face.family, status: face.status }))
      }, font)
      expect(faces.length, `${block}: faces for ${font}`).toBeGreaterThan(0)
      for (const face of faces) {
        expect(BUNDLED, block).toContain(unquote(face.family))
        expect(face.status, block).toBe('loaded')
      }
      const expected = block.startsWith('zh') ? 'Gatecast Sans SC' : 'Gatecast Sans'
      expect(
        faces.map((f) => unquote(f.family)),
        block,
      ).toContain(expected)
      // The player's CSS names the right bundled family first for the language of the block.
      expect(unquote(font.split(/px /)[1]!.split(',')[0]!.trim()), block).toBe(expected)
    }

    const fontRequests = traffic.requests.filter((u) => u.includes('/player/fonts/'))
    expect(fontRequests.some((u) => u.endsWith('/noto-sans-vietnamese-wght-normal.woff2'))).toBe(true)
    expect(fontRequests.some((u) => /\/noto-sans-sc-\d+-wght-normal\.woff2$/.test(u))).toBe(true)
    // Only the chunks the page needs, not all hundred.
    expect(fontRequests.length).toBeLessThan(40)
    // Nothing from anywhere but the Gatecast server: a screen has no internet.
    expect(traffic.requests.filter((u) => !u.startsWith(`${served.base}/`))).toEqual([])
    for (const r of traffic.fonts) {
      expect(r.status, r.url).toBe(200)
      expect(r.type, r.url).toBe('font/woff2')
      expect(r.cache, r.url).toMatch(/immutable/)
    }

    // The slide was fitted with the bundled faces' metrics: nothing overflows once they are in.
    const overflows = await page
      .locator('.layer.showing .slide-text')
      .evaluate((box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)
    expect(overflows).toBe(false)
    await page.screenshot({ path: join(ARTIFACTS, 'fonts-vi-zh.png') })
    await page.close()
  })

  test('reports the text as renderable once loaded, and not before', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: SCREEN.width, height: SCREEN.height } })
    await openSlide(page)
    for (const [block, selector] of Object.entries(BLOCKS)) {
      const font = await fontOf(page, selector)
      const ready = await page.locator(selector).evaluate(async (el, f) => {
        const text = el.textContent ?? ''
        await document.fonts.load(f, text)
        return document.fonts.check(f, text)
      }, font)
      expect(ready, `${block}: document.fonts.check(${font})`).toBe(true)
    }
    // check() is also true for text no face covers, so show it can say no: a Chinese chunk the
    // page has not needed is reported unready until it is loaded.
    const unneeded = await page.evaluate(async () => {
      const face = [...document.fonts].find(
        (f) => f.family.includes('Gatecast Sans SC') && f.status === 'unloaded',
      )
      if (!face) return null
      const first = Number.parseInt(/U\+([0-9a-f]+)/i.exec(face.unicodeRange)![1]!, 16)
      const text = String.fromCodePoint(first)
      const font = '400 40px "Gatecast Sans SC"'
      const before = document.fonts.check(font, text)
      await document.fonts.load(font, text)
      return { text, before, after: document.fonts.check(font, text) }
    })
    expect(unneeded).not.toBeNull()
    expect(unneeded).toMatchObject({ before: false, after: true })
    await page.close()
  })

  test('draws every glyph with the bundled faces, and with system fonts once they are blocked', async ({
    browser,
  }) => {
    const page = await browser.newPage({ viewport: { width: SCREEN.width, height: SCREEN.height } })
    await openSlide(page)
    for (const [block, selector] of Object.entries(BLOCKS)) {
      const fonts = await renderedFonts(page, selector)
      expect(fonts.length, block).toBeGreaterThan(0)
      // Every glyph from a web font: no diacritic or Han character fell back to a system font.
      expect(
        fonts.filter((f) => !f.custom),
        block,
      ).toEqual([])
      // The SC font for Chinese (not a Japanese one); Noto Sans for Vietnamese.
      for (const f of fonts) {
        expect(f.family, block).toMatch(block.startsWith('zh') ? /^Noto Sans SC\b/ : /^Noto Sans(?! SC)\b/)
      }
    }
    await page.close()

    // The same slide with the font files unreachable: Chromium falls back to system fonts, so the
    // check above would fail if fonts.css were not linked or its files not served.
    const blocked = await browser.newPage({ viewport: { width: SCREEN.width, height: SCREEN.height } })
    const aborted: string[] = []
    await blocked.route('**/player/fonts/**', (route) => {
      aborted.push(route.request().url())
      return route.abort()
    })
    await openSlide(blocked)
    expect(aborted.length).toBeGreaterThan(0)
    for (const [block, selector] of Object.entries(BLOCKS)) {
      const fonts = await renderedFonts(blocked, selector)
      expect(
        fonts.filter((f) => f.custom),
        block,
      ).toEqual([])
    }
    await blocked.screenshot({ path: join(ARTIFACTS, 'fonts-vi-zh-blocked.png') })
    await blocked.close()
  })
})

import { PAGES } from '@console/pages/index'
import type { Language } from '@playlists/schemas/common'
import type { Page } from 'playwright-core'
import { expect, serveApp, test } from '../helpers/fixtures'
import { pageTexts, untranslated } from '../helpers/untranslated'

/**
 * Every word in the reader's language: an admin on the seeded server visits every console page
 * and the pages behind them (a playlist, a layout, a new layout from a preset, a screen's preview
 * and each of its tabs, a version under approval) in Vietnamese, Chinese and English, and no
 * text a person sees is in another language than the one chosen, people's own data aside.
 * Names Gatecast wrote itself (a preset's "Main" zone, the seeded screens and layouts) are not
 * data: they must be translated too.
 */

const LANGUAGES: Language[] = ['vi', 'zh', 'en']
const ROUTES = [
  ...PAGES.map((p) => p.id as string),
  'playlists/welcome',
  'layouts/wide-led',
  'layouts/new?preset=portrait-kiosk',
  'preview/tan-thanh-led',
  'approvals/playlist/welcome/1',
]
/** What people typed or uploaded: their names, texts and ids are shown as they are. */
const DATA_SOURCES = [
  '/api/playlists',
  '/api/media',
  '/api/users',
  '/api/schedules',
  '/api/emergencies',
  '/api/web-origins',
  '/api/media/tags',
  // Datasets' names and cells are what their editors typed (the seeded samples' too).
  '/api/datasets',
]
/** Fields that hold a code the console translates, not words a person typed. */
const CODES = new Set(['kind', 'fit', 'state', 'status', 'role', 'type', 'display', 'transition', 'align'])
const TIMESTAMP = /^\d{4}-\d\d-\d\dT/

const data = new Set<string>()

function collect(value: unknown, key = ''): void {
  if (typeof value === 'string') {
    if (!CODES.has(key) && !TIMESTAMP.test(value)) data.add(value)
  } else if (Array.isArray(value)) for (const v of value) collect(v, key)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (!/(screens|sites|layouts)$/i.test(k)) collect(v, k)
}

const served = serveApp({ seed: true })
test.beforeAll(async () => {
  for (const url of DATA_SOURCES) {
    const res = await served.t.app.inject({ method: 'GET', url })
    expect(res.statusCode, url).toBe(200)
    collect(res.json())
  }
  const playlists = (await served.t.app.inject({ method: 'GET', url: '/api/playlists' })).json() as {
    id: string
  }[]
  for (const { id } of playlists)
    collect((await served.t.app.inject({ method: 'GET', url: `/api/playlists/${id}` })).json())
})

async function visit(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    location.hash = `#/${r}`
  }, route)
  await page.locator('main h1').first().waitFor()
  // Lists load after the heading: read the page once nothing is loading any more.
  await page.waitForFunction(() => !document.querySelector('main .loading, main [aria-busy="true"]'))
}

test.describe('every word in the reader’s language', () => {
  for (const language of LANGUAGES) {
    test(`shows no text in another language on any console page in ${language}`, async ({ consoleAs }) => {
      test.setTimeout(240_000)
      const s = await consoleAs('admin', { language })
      // Sites, screens, playlists and layouts answer last, as on a slow link: a page must not show one by its id meanwhile.
      await s.page.route(/\/api\/(sites|screens|playlists|layouts)(\/[^?]*)?(\?.*)?$/, async (route) => {
        await new Promise((r) => setTimeout(r, 400))
        await route.continue()
      })
      const found: string[] = []
      const check = async (where: string) => {
        for (const p of untranslated(await pageTexts(s.page), language, [...data]))
          found.push(`${where}: “${p.text}” (${p.why})`)
      }
      for (const route of ROUTES) {
        await visit(s.page, route)
        await check(route)
        const tabs = s.page.locator('main [role="tab"]')
        for (let i = 0; i < (await tabs.count()); i++) {
          await tabs.nth(i).click()
          await s.page.waitForFunction(() => !document.querySelector('main .loading'))
          await check(`${route} (tab ${i + 1})`)
        }
      }
      expect(found).toEqual([])
      await s.close()
    })
  }
})

import { INCIDENT_PAGE_SIZES } from '@playlists/schemas/alerts'
import { QUEUE_PAGE_SIZES } from '@playlists/schemas/approval-queue'
import { AUDIT_PAGE_SIZES } from '@playlists/schemas/audit'
import { MEDIA_PAGE_SIZES } from '@playlists/schemas/media'
import { PAGE_NUMBER_MAX, type PageSizes } from '@playlists/schemas/paging'
import { PLAYS_LIST_SIZES } from '@playlists/schemas/plays'
import { REPORT_PAGE_SIZES, UPTIME_PAGE_SIZES } from '@playlists/schemas/reports'
import { SCREENSHOT_PAGE_SIZES } from '@playlists/schemas/screenshots'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * Every route that pages reads its paging fields through one schema and one helper
 * (playlists/schemas/paging.ts, server/routes/paging.ts): bad paging input is a 400 naming the
 * field on each of them, never a 500 and never quietly clamped. The list of routes is checked
 * against the API's own description, so a new paged route cannot be left out.
 */

/** Query fields that page an answer, in the API description's parameters. */
const PAGING_FIELDS = ['page', 'pageSize', 'limit', 'before']

interface PagedRoute {
  /** The path as the OpenAPI description writes it. */
  path: string
  /** Where to send requests, with the other fields the route needs. */
  url: string
  /** Each paging field (before aside: a cursor, not a count) and its largest accepted value. */
  fields: Record<string, number>
  /** A good query's status: 404 where the route's object does not exist in this test. */
  ok: number
}

const numbered = (sizes: PageSizes) => ({ page: PAGE_NUMBER_MAX, pageSize: sizes.max })

const ROUTES: PagedRoute[] = [
  { path: '/api/media/library', url: '/api/media/library?', fields: numbered(MEDIA_PAGE_SIZES), ok: 200 },
  {
    path: '/api/alerts/incidents',
    url: '/api/alerts/incidents?state=all&',
    fields: numbered(INCIDENT_PAGE_SIZES),
    ok: 200,
  },
  {
    // Paging is read before the webhook is looked up: the bounds hold even for one that is gone.
    path: '/api/alerts/webhooks/{id}/deliveries',
    url: '/api/alerts/webhooks/no-such-hook/deliveries?',
    fields: numbered(INCIDENT_PAGE_SIZES),
    ok: 404,
  },
  { path: '/api/approvals', url: '/api/approvals?view=all&', fields: numbered(QUEUE_PAGE_SIZES), ok: 200 },
  {
    // A screen's screenshots: the bounds hold before the screen is looked up.
    path: '/api/screens/{id}/screenshots',
    url: '/api/screens/no-such-screen/screenshots?',
    fields: numbered(SCREENSHOT_PAGE_SIZES),
    ok: 404,
  },
  {
    path: '/api/reports/plays',
    url: '/api/reports/plays?from=2026-12-01&to=2026-12-31&by=day&',
    fields: numbered(REPORT_PAGE_SIZES),
    ok: 200,
  },
  {
    path: '/api/reports/uptime',
    url: '/api/reports/uptime?from=2026-12-01&to=2026-12-31&',
    fields: numbered(UPTIME_PAGE_SIZES),
    ok: 200,
  },
  { path: '/api/audit', url: '/api/audit?', fields: { limit: AUDIT_PAGE_SIZES.max }, ok: 200 },
  {
    path: '/api/plays',
    url: '/api/plays?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&',
    fields: { limit: PLAYS_LIST_SIZES.max },
    ok: 200,
  },
]

/** Values no paging field accepts: negative, zero, not a number, not whole, huge, empty. */
const ALWAYS_BAD = ['-1', '0', 'abc', '1.5', '1e3', '0x10', ' 1', '99999999999999999999', '']

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.close()
})

describe('paging', () => {
  it('walks every route whose query pages, as the API description lists them', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>
    }
    const paged = Object.entries(spec.paths)
      .filter(([, operations]) =>
        Object.values(operations).some((op) =>
          (op.parameters ?? []).some((p) => p.in === 'query' && PAGING_FIELDS.includes(p.name)),
        ),
      )
      .map(([path]) => path)
    // The CSV exports take the same query as their listing, and answer every row (limit ignored).
    const listings = paged.filter((path) => !path.endsWith('.csv'))
    expect(listings.sort()).toEqual(ROUTES.map((r) => r.path).sort())
  })

  for (const route of ROUTES) {
    describe(route.path, () => {
      it('answers the first page, and the largest page and size it accepts', async () => {
        expect((await t.app.inject({ method: 'GET', url: route.url })).statusCode).toBe(route.ok)
        for (const [field, max] of Object.entries(route.fields)) {
          for (const value of ['1', String(max)]) {
            const res = await t.app.inject({ method: 'GET', url: `${route.url}${field}=${value}` })
            expect(res.statusCode, `${field}=${value}: ${res.body}`).toBe(route.ok)
          }
        }
      })

      it('refuses bad paging input with a 400 naming the field', async () => {
        for (const [field, max] of Object.entries(route.fields)) {
          for (const value of [...ALWAYS_BAD, String(max + 1)]) {
            const url = `${route.url}${field}=${encodeURIComponent(value)}`
            const res = await t.app.inject({ method: 'GET', url })
            expect(res.statusCode, `${field}=${JSON.stringify(value)}: ${res.body}`).toBe(400)
            expect(res.json().message).toMatch(new RegExp(`^querystring\\.${field} `))
          }
        }
      })
    })
  }

  it('pages the same way everywhere: the envelope names the page and size it answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/approvals?view=all&page=3&pageSize=7' })
    expect(res.json()).toEqual({ items: [], total: expect.any(Number), page: 3, pageSize: 7 })
    const media = await t.app.inject({ method: 'GET', url: '/api/media/library' })
    expect(media.json()).toMatchObject({ page: 1, pageSize: MEDIA_PAGE_SIZES.default })
  })
})

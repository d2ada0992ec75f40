import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'

/** The CAP fixtures of tests/fixtures/cap (see its README for where each comes from). */
export const CAP_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap')

export const capFixture = (name: string): string => readFileSync(join(CAP_FIXTURES, name), 'utf8')

const HOUR = 3_600_000

/** A CAP instant (seconds and an offset, as the schema's pattern wants) at the gates' UTC+7. */
export const capTime = (ms: number): string => `${new Date(ms + 7 * HOUR).toISOString().slice(0, 19)}+07:00`

/** The trilingual flood warning of the fixtures, its times moved to `now`: sent an hour ago, expiring in six. */
export const floodWarningNow = (now = Date.now()): string =>
  capFixture('lang-son-trilingual.xml')
    .replaceAll('2026-12-05T08:00:00+07:00', capTime(now - HOUR))
    .replaceAll('2026-12-05T20:00:00+07:00', capTime(now + 6 * HOUR))

/** The province's weather station as a push source (admin request), with the sites it always reaches. */
export async function stationSource(
  app: FastifyInstance,
  sites: string[] = [],
): Promise<{ source: { id: string }; token: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/cap-sources',
    payload: {
      name: 'Đài KTTV Lạng Sơn',
      mode: 'push',
      policy: { exercises: 'mark', sites, geocodes: [], defaultMinutes: 60, breakGlass: null },
    },
  })
  if (created.statusCode !== 201)
    throw new Error(`POST /api/cap-sources: ${created.statusCode} ${created.body}`)
  return created.json()
}

/** Pushes a CAP document to a push source with its token, as the station's system does. */
export const pushAlert = (
  app: FastifyInstance,
  station: { source: { id: string }; token: string },
  xml: string,
) =>
  app.inject({
    method: 'POST',
    url: `/api/cap-sources/${station.source.id}/alerts`,
    headers: { authorization: `Bearer ${station.token}`, 'content-type': 'application/cap+xml' },
    payload: xml,
  })

import { RequestBudget } from '@server/auth/request-budget'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/** The ceiling on /api requests per client (plugins/rate-limit.ts), with a low limit. */

const LIMIT = 5
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ seed: true, rateLimitPerMinute: LIMIT })
})
afterAll(async () => {
  await t?.close()
})

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client passes the limit, and says why', async () => {
    const codes: number[] = []
    for (let i = 0; i <= LIMIT; i++)
      codes.push((await t.app.inject({ url: '/api/sites', headers: t.team.editor.headers })).statusCode)
    expect(codes.slice(0, LIMIT).every((c) => c === 200)).toBe(true)
    const refused = await t.app.inject({ url: '/api/sites', headers: t.team.editor.headers })
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.json().message).toMatch(/More than 5 requests in a minute/)
  })

  it('counts each credential on its own, so one busy client does not block another', async () => {
    expect((await t.app.inject({ url: '/api/sites', headers: t.team.viewer.headers })).statusCode).toBe(200)
  })

  it("never limits players' files and media", async () => {
    const [medium] = t.app.repos.media.list()
    for (let i = 0; i < LIMIT * 2; i++) {
      expect((await t.anonymous({ url: medium!.url })).statusCode).toBe(200)
      expect((await t.anonymous({ url: '/player/' })).statusCode).toBeLessThan(400)
    }
  })
})

describe('RequestBudget', () => {
  it('counts each key within a minute, says how long to wait, and starts again at the next minute', () => {
    let now = Date.parse('2026-11-27T08:00:10Z')
    const budget = new RequestBudget(() => now, 3, 60_000)
    expect([budget.spend('a'), budget.spend('a'), budget.spend('a')]).toEqual([0, 0, 0])
    expect(budget.spend('a')).toBe(50_000) // until 08:01:00
    expect(budget.spend('b')).toBe(0)
    now += 49_999
    expect(budget.spend('a')).toBe(1)
    now += 1
    expect(budget.spend('a')).toBe(0)
    // The map holds only the clients of the current minute.
    expect(budget.clients).toBe(1)
  })
})

import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'
import { expectCatalogued } from '../helpers/error-codes'
import { ODD_NUMBERS, OUT_OF_RANGE } from '../helpers/numbers'
import { screenToken } from '../helpers/pairing'
import { sqliteStore } from '../helpers/sqlite'

/**
 * The agent's upload (POST /api/agent/screenshots) takes a raw picture and two headers, so the
 * JSON fuzz (api.fuzz.test.ts, which calls it as the admin) never reaches its handler. Here it is
 * called with the screen's own token and hostile bodies, types and headers: cut and corrupted
 * pictures, random bytes, numbers of every extreme as the capture instant. Never a 5xx, every
 * refusal catalogued, and the database intact afterwards.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
const NOW = Date.UTC(2026, 11, 5, 3, 0, 0)

let t: TestApp
let token: string
let pictures: Buffer[]

beforeAll(async () => {
  t = await createTestApp({ seed: true, clock: () => NOW })
  token = screenToken(t.app, 'chi-ma-led')
  const png = await sharp({ create: { width: 48, height: 24, channels: 3, background: '#204080' } })
    .png()
    .toBuffer()
  const jpeg = await sharp(png).jpeg().toBuffer()
  pictures = [png, jpeg]
})
afterAll(async () => {
  await t?.close()
})

/** A real picture, cut, with bytes flipped, or not a picture at all. */
const body = fc.oneof(
  fc.nat({ max: 1 }).map((i) => pictures[i] as Buffer),
  fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 2000 })).map(([i, n]) => (pictures[i] as Buffer).subarray(0, n)),
  fc
    .tuple(
      fc.nat({ max: 1 }),
      fc.array(fc.tuple(fc.nat({ max: 5000 }), fc.nat({ max: 255 })), { maxLength: 8 }),
    )
    .map(([i, flips]) => {
      const copy = Buffer.from(pictures[i] as Buffer)
      for (const [at, value] of flips) if (at < copy.length) copy[at] = value
      return copy
    }),
  fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
)

const instant = fc.oneof(
  fc.constantFrom(
    String(NOW),
    String(NOW - 1000),
    String(NOW + 2000),
    ...OUT_OF_RANGE,
    ...ODD_NUMBERS,
    '',
    ' ',
    'NaN',
  ),
  fc.integer().map(String),
  fc.string({ maxLength: 30 }),
)

const REASONS = ['scheduled', 'on-demand', 'healing'] as const

/** A whole hostile upload: any body, type, instant and reason. */
const hostile = fc.tuple(
  body,
  fc.constantFrom(
    'image/png',
    'image/jpeg',
    'image/png; charset=x',
    'application/octet-stream',
    'text/plain',
  ),
  instant,
  fc.oneof(fc.constantFrom(...REASONS), fc.string({ maxLength: 20 })),
)
/** An upload the agent would send, so that the fuzz also reaches the verdicts, not only the door. */
const valid = fc
  .tuple(
    fc.nat({ max: 1 }).map((i) => pictures[i] as Buffer),
    fc.constant(''),
    fc.integer({ min: -60_000, max: 4_000 }).map((d) => String(NOW + d)),
    fc.constantFrom(...REASONS),
  )
  .map(([picture, , at, reason]) => {
    const type = picture === pictures[0] ? 'image/png' : 'image/jpeg'
    return [picture, type, at, reason] as [Buffer, string, string, string]
  })

describe('the screenshot upload, fuzzed', () => {
  it(`answers hostile pictures and headers with 201 or a catalogued 4xx (${RUNS} cases)`, async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: hostile, weight: 4 }),
        async ([payload, type, at, reason]) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/agent/screenshots',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': type,
              'x-gatecast-captured-at': at,
              'x-gatecast-reason': reason,
            },
            payload,
          })
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
          if (res.statusCode >= 500) throw new Error(`${res.statusCode}: ${res.body.slice(0, 300)}`)
          if (res.statusCode >= 400) expectCatalogued(res.statusCode, res.json(), `${type} ${at} ${reason}`)
          else expect(res.statusCode).toBe(201)
        },
      ),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    )
    // Some uploads got through to a verdict, not only refused at the door.
    expect(statuses.get(201) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0)
    expect(sqliteStore(t.app.db).pragma('integrity_check', { simple: true })).toBe('ok')
  }, 300_000)
})

import {
  PAIRING_CODE_TTL_MS,
  PAIRING_FAILURE_WINDOW_MS,
  PAIRING_FAILURES_MAX,
  PAIRING_OPEN_PER_ADDRESS_MAX,
} from '@playlists/limits'
import type { PairingStarted } from '@playlists/schemas/pairing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, onPostgres, screenBody, siteBody, succeed, type TestApp } from '../helpers/app'
import { pairScreen, pollPairing, startPairing } from '../helpers/pairing'

let t: TestApp
let clockMs: number

beforeEach(async () => {
  clockMs = Date.UTC(2026, 10, 26, 3, 0, 0)
  t = await createTestApp({ clock: () => clockMs })
  await succeed(t.app, 'POST', '/api/sites', siteBody())
  await succeed(t.app, 'POST', '/api/screens', screenBody('screen-a'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('screen-b'))
})
afterEach(() => t.close())

const pair = (screenId: string, code: string, as = t.team.editor) =>
  t.app.inject({
    method: 'POST',
    url: `/api/screens/${screenId}/pair`,
    payload: { code },
    headers: as.headers,
  })

const asScreen = (token: string, url = '/api/player/screen', method: 'GET' | 'POST' = 'GET') =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } })

const audit = (action: string) => t.app.repos.audit.query({ action, limit: 100 })

/** Every text the audit log holds, to check that no secret ever reached it. */
const auditText = () => JSON.stringify(t.app.repos.audit.query({ limit: 10_000 }))

describe('pairing a screen', () => {
  it('shows a short code, binds it to a screen, and hands the player its token once', async () => {
    const started = await startPairing(t.app)
    expect(started.code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/)
    expect(started.secret).toMatch(/^gcp_/)
    expect(Date.parse(started.expiresAt) - clockMs).toBe(PAIRING_CODE_TTL_MS)

    const waiting = await pollPairing(t.app, started)
    expect(waiting.statusCode).toBe(200)
    expect(waiting.json()).toEqual({ status: 'pending', code: started.code, expiresAt: started.expiresAt })

    // Operators type what they see, in any case and spacing.
    const bound = await pair('screen-a', started.code.toLowerCase().replace('-', ' '))
    expect(bound.statusCode).toBe(200)
    expect(bound.json()).toMatchObject({ pairingId: started.id, screenId: 'screen-a', code: started.code })

    const collected = await pollPairing(t.app, started)
    expect(collected.statusCode).toBe(200)
    const state = collected.json()
    expect(state).toMatchObject({ status: 'paired', screenId: 'screen-a', screenName: 'Screen screen-a' })
    expect(state.token).toMatch(/^gcd_[A-Za-z0-9_-]{43}$/)
    expect((await asScreen(state.token)).json()).toEqual({ screenId: 'screen-a', name: 'Screen screen-a' })

    // Once: a second collection is refused and recorded, since the first may have been a thief's.
    const again = await pollPairing(t.app, started)
    expect(again.statusCode).toBe(410)
    expect(again.json().message).toMatch(/already collected/)
    expect(audit('pairing.collect-refused')).toHaveLength(1)

    expect(audit('screen.pair')).toEqual([
      expect.objectContaining({
        outcome: 'ok',
        objectId: 'screen-a',
        actor: expect.objectContaining({ name: 'editor' }),
      }),
    ])
    expect(audit('screen.token-issue')).toEqual([expect.objectContaining({ objectId: 'screen-a' })])
    // The token and the pairing secret are in no entry.
    expect(auditText()).not.toContain(state.token.slice(4))
    expect(auditText()).not.toContain(started.secret.slice(4))
    // Nor in the database: only digests are stored.
    const dump = JSON.stringify(t.app.db.prepare('SELECT * FROM screen_tokens, pairing_requests').all())
    expect(dump).not.toContain(state.token.slice(4))
    expect(dump).not.toContain(started.secret.slice(4))
  })

  it('refuses a stolen code used a second time, keeps the first binding, and records it', async () => {
    const started = await startPairing(t.app)
    expect((await pair('screen-a', started.code)).statusCode).toBe(200)

    const replay = await pair('screen-b', started.code, t.team.editor2)
    expect(replay.statusCode).toBe(409)
    expect(replay.json().message).toMatch(/already used/)
    expect(audit('pairing.reused')).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        objectId: 'screen-b',
        actor: expect.objectContaining({ name: 'editor2' }),
        detail: expect.stringContaining('already used for screen screen-a'),
      }),
    ])

    // Nothing changed: the player still gets screen-a's token, screen-b has none.
    expect((await pollPairing(t.app, started)).json()).toMatchObject({
      status: 'paired',
      screenId: 'screen-a',
    })
    expect(t.app.repos.screenTokens.list('screen-b')).toEqual([])
  })

  it('lets a code expire: binding it is refused with 410, and the player is told to ask again', async () => {
    const started = await startPairing(t.app)
    clockMs += PAIRING_CODE_TTL_MS
    const late = await pair('screen-a', started.code)
    expect(late.statusCode).toBe(410)
    expect(late.json().message).toMatch(/expired/)
    const polled = await pollPairing(t.app, started)
    expect(polled.statusCode).toBe(410)
    expect(polled.json().message).toMatch(/expired.*ask for a new one/)
    expect(t.app.repos.screenTokens.list('screen-a')).toEqual([])
  })

  it('locks out an account guessing codes (429, audited) and lets it try again after the window', async () => {
    const started = await startPairing(t.app)
    const wrong = started.code.startsWith('2') ? '333-333' : '222-222'
    for (let i = 0; i < PAIRING_FAILURES_MAX; i++) {
      const res = await pair('screen-a', wrong)
      expect(res.statusCode).toBe(404)
      expect(res.json().message).toMatch(/No player is waiting with the code [2-9A-Z]{3}-[2-9A-Z]{3}/)
    }
    // Even the right code is refused now: a lock-out that a lucky guess could lift is none.
    const locked = await pair('screen-a', started.code)
    expect(locked.statusCode).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    expect(locked.json().message).toMatch(/Too many wrong pairing codes/)
    expect(audit('pairing.failed')).toHaveLength(PAIRING_FAILURES_MAX)
    expect(audit('pairing.throttled')).toEqual([expect.objectContaining({ outcome: 'denied' })])
    expect((await pollPairing(t.app, started)).json()).toMatchObject({ status: 'pending' })

    // Another operator is not locked out by this account's guesses.
    expect((await pair('screen-a', started.code, t.team.admin)).statusCode).toBe(200)
    // And the account may try again once the window has passed.
    clockMs += PAIRING_FAILURE_WINDOW_MS
    const next = await startPairing(t.app)
    expect((await pair('screen-b', next.code)).statusCode).toBe(200)
  })

  it('answers a malformed code with 400 saying what a code looks like, without counting it as a guess', async () => {
    for (let i = 0; i < PAIRING_FAILURES_MAX + 1; i++) {
      const res = await pair('screen-a', 'K7Q-M2')
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(/6 letters and digits/)
    }
    const started = await startPairing(t.app)
    expect((await pair('screen-a', started.code)).statusCode).toBe(200)
  })

  it('lets only operators bind codes', async () => {
    const started = await startPairing(t.app)
    expect((await pair('screen-a', started.code, t.team.viewer)).statusCode).toBe(403)
    const anonymous = await t.anonymous({
      method: 'POST',
      url: '/api/screens/screen-a/pair',
      payload: { code: started.code },
    })
    expect(anonymous.statusCode).toBe(401)
    expect((await pair('ghost', started.code)).statusCode).toBe(404)
    expect((await pollPairing(t.app, started)).json()).toMatchObject({ status: 'pending' })
  })

  it('needs the pairing secret to poll, and records a wrong one', async () => {
    const started = await startPairing(t.app)
    const bare = await t.anonymous({ method: 'GET', url: `/api/pairing/${started.id}` })
    expect(bare.statusCode).toBe(401)
    expect(bare.json().message).toMatch(/pairing secret/)
    const other: PairingStarted = { ...(await startPairing(t.app)), id: started.id }
    const wrong = await pollPairing(t.app, other)
    expect(wrong.statusCode).toBe(401)
    expect(audit('pairing.collect-refused')).toEqual([
      expect.objectContaining({ outcome: 'denied', detail: 'wrong pairing secret' }),
    ])
  })

  it('bounds the codes waiting per address', async () => {
    for (let i = 0; i < PAIRING_OPEN_PER_ADDRESS_MAX; i++) await startPairing(t.app)
    const refused = await t.anonymous({ method: 'POST', url: '/api/pairing' })
    expect(refused.statusCode).toBe(429)
    expect(refused.json().message).toMatch(/Too many pairing codes are waiting/)
    expect(audit('pairing.throttled')).toHaveLength(1)
    // Expired codes no longer count.
    clockMs += PAIRING_CODE_TTL_MS
    expect((await t.anonymous({ method: 'POST', url: '/api/pairing' })).statusCode).toBe(201)
  })

  it('replaces the old player when a screen is paired again', async () => {
    const first = await pairScreen(t.app, 'screen-a', t.team.editor)
    const second = await pairScreen(t.app, 'screen-a', t.team.editor)
    expect((await asScreen(first)).statusCode).toBe(401)
    expect((await asScreen(second)).statusCode).toBe(200)
  })
})

describe('pairing requests in the database', () => {
  const plan = (sql: string, ...params: unknown[]) =>
    JSON.stringify(t.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params))

  // SQLite's own query planner (EXPLAIN QUERY PLAN and its wording): on PostgreSQL, whose plans
  // for a test's few rows are sequential scans whatever the indexes, this is skipped.
  it.skipIf(onPostgres())(
    'finds codes, counts open requests per address and purges old ones through indexes',
    () => {
      expect(plan('SELECT * FROM pairing_requests WHERE code = ?', 'K7QM2P')).toMatch(/USING INDEX/)
      expect(
        plan(
          'SELECT count(*) FROM pairing_requests WHERE ip IS ? AND claimed_at IS NULL AND expires_at > ?',
          '127.0.0.1',
          '2026',
        ),
      ).toMatch(/pairing_requests_ip/)
      expect(plan('DELETE FROM pairing_requests WHERE expires_at < ?', '2026')).toMatch(
        /pairing_requests_expiry/,
      )
    },
  )

  it('forgets requests a day after they expired', async () => {
    const old = await startPairing(t.app)
    clockMs += PAIRING_CODE_TTL_MS + 86_400_000 + 1
    await startPairing(t.app)
    expect(t.app.repos.pairing.find(old.id)).toBeUndefined()
  })
})

describe("screens' tokens", () => {
  it('refuses malformed and unknown tokens with 401 saying what is wrong', async () => {
    const malformed = await asScreen('gcd_short')
    expect(malformed.statusCode).toBe(401)
    expect(malformed.json().message).toMatch(/malformed/)
    const unknown = await asScreen(`gcd_${'A'.repeat(43)}`)
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json().message).toMatch(/unknown or revoked: pair the screen again/)
  })

  it("opens none of the console's routes to a screen's token", async () => {
    const token = await pairScreen(t.app, 'screen-a')
    for (const [method, url] of [
      ['GET', '/api/screens'],
      ['GET', '/api/screens/screen-a/document'],
      ['GET', '/api/screens/screen-a/tokens'],
      ['POST', '/api/screens/screen-b/tokens/rotate'],
    ] as const) {
      const res = await asScreen(token, url, method)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json().message).toMatch(/screen's token/)
    }
    expect(audit('access.denied').length).toBeGreaterThanOrEqual(4)
  })

  it('lists tokens without secrets for admins only, and revokes them all at once', async () => {
    const token = await pairScreen(t.app, 'screen-a')
    const list = await succeed(t.app, 'GET', '/api/screens/screen-a/tokens')
    expect(list).toEqual([expect.objectContaining({ screenId: 'screen-a', revokedAt: null })])
    expect(JSON.stringify(list)).not.toContain(token.slice(4))
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/screens/screen-a/tokens',
          headers: t.team.editor.headers,
        })
      ).statusCode,
    ).toBe(403)

    const revoked = await succeed(t.app, 'DELETE', '/api/screens/screen-a/tokens')
    expect(revoked).toEqual({ revoked: [list[0].id], disconnected: 0 })
    expect((await asScreen(token)).statusCode).toBe(401)
    expect(audit('screen.tokens-revoke')).toEqual([expect.objectContaining({ objectId: 'screen-a' })])
  })

  it('refuses to rotate when no player of the screen is connected', async () => {
    await pairScreen(t.app, 'screen-a')
    const res = await t.app.inject({ method: 'POST', url: '/api/screens/screen-a/tokens/rotate' })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/no player connected/)
    expect(t.app.repos.screenTokens.list('screen-a').filter((x) => !x.revokedAt)).toHaveLength(1)
  })
})

import { PLAYERS_PER_SCREEN_MAX } from '@server/realtime/players'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { heartbeat } from '../helpers/heartbeat'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { playEvent } from '../helpers/plays'
import { until } from '../helpers/wait'

/**
 * What one screen's token can cost the server (issue 16, SECURITY.md "A stolen screen token"):
 * a budget of messages per connection, and a ceiling of players per screen.
 */

let t: TestApp
let base: string
const players: TestPlayer[] = []
const player = () => {
  const p = connectPlayer(base, screenToken(t.app, 'screen-a'))
  players.push(p)
  return p
}

beforeEach(async () => {
  t = await createTestApp({ socketMessagesPerMinute: 12 })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  base = await listen(t)
})
afterEach(async () => {
  vi.useRealTimers()
  for (const p of players.splice(0)) p.close()
  await t.close()
})

const plays = (n: number) => Array.from({ length: n }, () => playEvent())

describe('a connection’s message budget', () => {
  it('refuses messages past the budget with 429, counting a batch of plays by its size', async () => {
    // The budget's windows are whole minutes of the wall clock: start the test a second into the
    // next one (only Date moves; the clock keeps running), so it cannot end mid-test.
    const nextMinute = (Math.floor(Date.now() / 60_000) + 1) * 60_000
    vi.useFakeTimers({ toFake: ['Date'], now: nextMinute + 1_000, shouldAdvanceTime: true })
    const p = player()
    await until(() => p.documents.length === 1, 5_000, 'document')
    // 500 plays weigh 6 messages; with 5 heartbeats that is 11 of 12.
    expect(await p.timeout(5_000).emitWithAck('plays', plays(500))).toMatchObject({ ok: true })
    for (let i = 0; i < 5; i++)
      expect(await p.timeout(5_000).emitWithAck('heartbeat', heartbeat(1))).toMatchObject({ ok: true })
    expect(await p.timeout(5_000).emitWithAck('heartbeat', heartbeat(1))).toMatchObject({ ok: true })
    expect(await p.timeout(5_000).emitWithAck('heartbeat', heartbeat(1))).toMatchObject({
      ok: false,
      statusCode: 429,
      code: 'rate-limit.messages',
      msg: expect.stringMatching(/^Too many messages on this connection: wait \d+ s\.$/),
    })
    // The channel stays open; another connection has its own budget.
    expect(p.connected).toBe(true)
    const q = player()
    await until(() => q.connected, 5_000, 'second player')
    expect(await q.timeout(5_000).emitWithAck('heartbeat', heartbeat(1))).toMatchObject({ ok: true })
  })
})

describe('players per screen', () => {
  it(`refuses a screen’s ${PLAYERS_PER_SCREEN_MAX + 1}th player with 429, and takes one again once another leaves`, async () => {
    const first = Array.from({ length: PLAYERS_PER_SCREEN_MAX }, () => player())
    await until(() => first.every((p) => p.connected), 10_000, 'players connected')
    const extra = player()
    const error = await new Promise<Error & { data?: { statusCode?: number } }>((resolve) =>
      extra.once('connect_error', resolve),
    )
    expect(error.data?.statusCode).toBe(429)
    expect(error.message).toMatch(/already has 8 players connected/)
    first[0]!.close()
    await until(
      () => t.app.screenStatus.playersOf('screen-a') === PLAYERS_PER_SCREEN_MAX - 1,
      5_000,
      'one left',
    )
    const again = player()
    await until(() => again.connected, 5_000, 'a player again')
  })
})

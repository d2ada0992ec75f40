import { randomUUID } from 'node:crypto'
import { type Ack, PLAY_BATCH_MAX, type PlayEvent, type PlaysAck } from '@playlists/events'
import { PLAY_FUTURE_MS_MAX, type Play, type PlaySummaryRow } from '@playlists/schemas/plays'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, onPostgres, seedMinimal, type TestApp } from '../helpers/app'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

/** Noon UTC on 2 December 2026: the server's clock throughout. */
const NOW = Date.UTC(2026, 11, 2, 12)
const SECOND = 1_000

let t: TestApp
let base: string
const sockets: TestPlayer[] = []

beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  await seedMinimal(t.app, 'screen-b', 'pl-b')
  base = await listen(t)
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await t.close()
})

async function player(screenId: string): Promise<TestPlayer> {
  const s = connectPlayer(base, screenToken(t.app, screenId))
  sockets.push(s)
  await until(() => s.connected, 5_000, `${screenId} connected`)
  return s
}

const play = (startMs: number, seconds: number, extra: Partial<PlayEvent> = {}): PlayEvent => ({
  id: randomUUID(),
  zoneId: 'main',
  itemId: 's1',
  playlistId: 'pl-a',
  documentVersion: 1,
  startMs,
  endMs: startMs + seconds * SECOND,
  ...extra,
})

const send = (s: TestPlayer, batch: unknown): Promise<Ack<PlaysAck>> =>
  s.timeout(2_000).emitWithAck('plays', batch as PlayEvent[])

const stored = (): { id: string; screen_id: string }[] =>
  t.app.db.prepare('SELECT id, screen_id FROM plays ORDER BY start_ms, id').all() as never

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method: 'GET', url })
  return { status: res.statusCode, body: res.json() as T }
}

describe('proof of play: storing batches', () => {
  it('stores a batch once however often it is sent, and acknowledges every id each time', async () => {
    const a = await player('screen-a')
    const batch = [play(NOW - 60 * SECOND, 10), play(NOW - 50 * SECOND, 10), play(NOW - 40 * SECOND, 5)]
    const ids = batch.map((e) => e.id)

    expect(await send(a, batch)).toEqual({ ok: true, stored: ids, refused: [] })
    // The acknowledgement was lost: the player sends the same batch again, plus a new event.
    const later = play(NOW - 30 * SECOND, 5)
    expect(await send(a, [...batch, later])).toEqual({ ok: true, stored: [...ids, later.id], refused: [] })
    expect(await send(a, batch)).toEqual({ ok: true, stored: ids, refused: [] })

    expect(stored().map((r) => r.id)).toEqual([...ids, later.id])
  })

  it('files plays under the screen of the connection, whatever the events say', async () => {
    const b = await player('screen-b')
    const event = play(NOW - 60 * SECOND, 10, { playlistId: 'pl-a' })
    expect(await send(b, [event])).toMatchObject({ ok: true, stored: [event.id] })
    expect(stored()).toEqual([{ id: event.id, screen_id: 'screen-b' }])

    // An event naming a screen is not a play event: refused, and nothing is filed under it.
    const forged = { ...play(NOW - 30 * SECOND, 5), screenId: 'screen-a' }
    const ack = await send(b, [forged])
    expect(ack).toMatchObject({ ok: true, stored: [], refused: [{ id: forged.id }] })
    expect(stored()).toHaveLength(1)
  })

  it('refuses a malformed batch whole, stores nothing of it, and keeps the connection', async () => {
    const a = await player('screen-a')
    const valid = play(NOW - 60 * SECOND, 10)
    const tooMany = Array.from({ length: PLAY_BATCH_MAX + 1 }, (_, i) => play(NOW - 600 * SECOND + i, 1))
    for (const [what, batch] of [
      ['an object', valid],
      ['an empty list', []],
      [`${PLAY_BATCH_MAX + 1} events`, tooMany],
      ['an event without an id', [valid, { ...valid, id: undefined }]],
      ['a non-object', [valid, 42]],
    ] as const) {
      const ack = await send(a, batch)
      expect(ack, what).toMatchObject({
        ok: false,
        code: expect.stringMatching(/^plays\.(batch|event-id)$/),
        msg: expect.stringMatching(/plays/),
      })
    }
    expect(stored()).toEqual([])
    expect(a.connected).toBe(true)
    expect(await send(a, [valid])).toMatchObject({ ok: true, stored: [valid.id] })
  })

  it('refuses nonsense events one by one and stores the rest of the batch', async () => {
    const a = await player('screen-a')
    const good = play(NOW - 60 * SECOND, 10)
    const bad: [PlayEvent | Record<string, unknown>, RegExp][] = [
      [{ ...play(NOW, 1), startMs: NOW + 0.5 }, /startMs.*integer/],
      [{ ...play(NOW, 1), id: 'not-a-uuid' }, /id.*uuid/],
      [{ ...play(NOW, 1), documentVersion: 0 }, /documentVersion/],
      [play(NOW, 1, { endMs: NOW - 1 }), /ends before it starts/],
      [play(NOW - 90_000_000, 86_401), /longer than a day/],
      // Stamped five minutes ahead: a player that did not correct a guessed clock offset.
      [play(NOW + 5 * 60 * SECOND, 2), /more than 2 minutes after the server clock/],
      [play(NOW + PLAY_FUTURE_MS_MAX - SECOND, 2), /more than 2 minutes after the server clock/],
      [play(Date.UTC(2000, 0, 1), 10), /clock was not set/],
    ]
    const ack = await send(a, [bad[0]![0], good, ...bad.slice(1).map(([e]) => e)])
    if (!ack.ok) throw new Error(ack.msg)
    expect(ack.stored).toEqual([good.id])
    expect(ack.refused).toHaveLength(bad.length)
    for (const [event, reason] of bad) {
      expect(ack.refused?.find((r) => r.id === event.id)?.msg, String(event.id)).toMatch(reason)
    }
    expect(stored().map((r) => r.id)).toEqual([good.id])
    // Up to PLAY_FUTURE_MS_MAX ahead is a corrected clock's error and drift, not nonsense.
    const ahead = play(NOW + PLAY_FUTURE_MS_MAX - 10 * SECOND, 10)
    expect(await send(a, [ahead])).toMatchObject({ ok: true, stored: [ahead.id], refused: [] })
  })
})

describe('proof of play: feed entries', () => {
  it('keeps the ids of the entries a feed item showed, and lists them with the play', async () => {
    const a = await player('screen-a')
    const shown = play(NOW - 60 * SECOND, 30, { itemId: 'news', entries: ['fe-portal-1', 'fe-portal-2'] })
    expect(await send(a, [shown])).toMatchObject({ ok: true, stored: [shown.id] })
    const { body } = await get<{ plays: Play[] }>(
      `/api/plays?screenId=screen-a&from=${new Date(NOW - 3_600_000).toISOString()}&to=${new Date(NOW).toISOString()}`,
    )
    expect(body.plays.find((x) => x.id === shown.id)?.entries).toEqual(['fe-portal-1', 'fe-portal-2'])
  })

  it('refuses a play naming more entries than a document carries, or an empty list, and stores the rest', async () => {
    const a = await player('screen-a')
    const many = play(NOW - 60 * SECOND, 30, { entries: Array.from({ length: 21 }, (_, i) => `fe-${i}`) })
    const none = play(NOW - 90 * SECOND, 30, { entries: [] })
    const fine = play(NOW - 120 * SECOND, 30)
    const ack = await send(a, [many, none, fine])
    expect(ack).toMatchObject({ ok: true, stored: [fine.id] })
    expect(ack.ok && ack.refused?.map((r) => r.id)).toEqual([many.id, none.id])
    expect(stored().map((p) => p.id)).toEqual([fine.id])
  })
})

describe('proof of play: the REST API', () => {
  /** Three plays on screen-a and one on screen-b, around local midnight (UTC+7) of 1–2 December. */
  async function fourPlays() {
    const a = await player('screen-a')
    const b = await player('screen-b')
    const plays = {
      // 23:59:50 on 1 December at the gate (16:59:50 UTC): 20 s, over local midnight.
      lateA: play(Date.UTC(2026, 11, 1, 16, 59, 50), 20),
      // 00:00:10 and 00:00:22 on 2 December: the same item twice, then another.
      earlyA: play(Date.UTC(2026, 11, 1, 17, 0, 10), 12),
      againA: play(Date.UTC(2026, 11, 1, 17, 0, 22), 7.5, { itemId: 's2' }),
      earlyB: play(Date.UTC(2026, 11, 1, 17, 0, 0), 30, { playlistId: 'pl-b' }),
    }
    const moreA = play(Date.UTC(2026, 11, 1, 18), 8)
    expect(await send(a, [plays.againA, plays.lateA, plays.earlyA, moreA])).toMatchObject({ ok: true })
    expect(await send(b, [plays.earlyB])).toMatchObject({ ok: true })
    return { ...plays, moreA }
  }

  it('lists a screen’s plays in a range by start, with ISO instants and the local day', async () => {
    const p = await fourPlays()
    const { status, body } = await get<{ plays: Play[]; truncated: boolean }>(
      '/api/plays?screenId=screen-a&from=2026-12-01T16:00:00Z&to=2026-12-01T18:00:00Z',
    )
    expect(status).toBe(200)
    expect(body.truncated).toBe(false)
    // moreA starts at `to`: outside [from, to).
    expect(body.plays.map((x) => x.id)).toEqual([p.lateA.id, p.earlyA.id, p.againA.id])
    expect(body.plays[0]).toEqual({
      id: p.lateA.id,
      screenId: 'screen-a',
      zoneId: 'main',
      itemId: 's1',
      playlistId: 'pl-a',
      documentVersion: 1,
      start: '2026-12-01T16:59:50.000Z',
      end: '2026-12-01T17:00:10.000Z',
      day: '2026-12-01',
      receivedAt: new Date(NOW).toISOString(),
      entries: null,
    })
    expect(body.plays[1]!.day).toBe('2026-12-02')

    const all = await get<{ plays: Play[] }>('/api/plays?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z')
    expect(all.body.plays.map((x) => x.id)).toEqual([
      p.lateA.id,
      p.earlyB.id,
      p.earlyA.id,
      p.againA.id,
      p.moreA.id,
    ])

    const two = await get<{ plays: Play[]; truncated: boolean }>(
      '/api/plays?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&limit=2',
    )
    expect(two.body).toMatchObject({ truncated: true, plays: [{ id: p.lateA.id }, { id: p.earlyB.id }] })
  })

  it('sums plays and seconds on air per local day, screen, playlist and item', async () => {
    await fourPlays()
    const { status, body } = await get<{ rows: PlaySummaryRow[] }>(
      '/api/plays/summary?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&by=day',
    )
    expect(status).toBe(200)
    // By hand: lateA counts on 1 December (its start); earlyA + moreA are s1 on 2 December.
    expect(body.rows).toEqual([
      { day: '2026-12-01', screenId: 'screen-a', playlistId: 'pl-a', itemId: 's1', plays: 1, seconds: 20 },
      { day: '2026-12-02', screenId: 'screen-a', playlistId: 'pl-a', itemId: 's1', plays: 2, seconds: 20 },
      { day: '2026-12-02', screenId: 'screen-a', playlistId: 'pl-a', itemId: 's2', plays: 1, seconds: 7.5 },
      { day: '2026-12-02', screenId: 'screen-b', playlistId: 'pl-b', itemId: 's1', plays: 1, seconds: 30 },
    ])
    const onlyB = await get<{ rows: PlaySummaryRow[] }>(
      '/api/plays/summary?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&screenId=screen-b',
    )
    expect(onlyB.body.rows).toEqual([body.rows[3]])
  })

  it('refuses reversed and overlong ranges with a message', async () => {
    for (const url of [
      '/api/plays?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
      '/api/plays?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z',
      '/api/plays/summary?from=2025-01-01T00:00:00Z&to=2026-12-01T00:00:00Z',
      '/api/plays?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&limit=0',
      '/api/plays/summary?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&by=week',
    ]) {
      const res = await get<{ message: string }>(url)
      expect(res.status, url).toBe(400)
      expect(res.body.message, url).toMatch(/to must be after|too long|limit|by/)
    }
  })

  // SQLite's own query planner (EXPLAIN QUERY PLAN and its wording): on PostgreSQL, whose plans
  // for a test's few rows are sequential scans whatever the indexes, this is skipped.
  it.skipIf(onPostgres())('answers reports from the indexes, never by scanning every play', () => {
    const plan = (sql: string) =>
      (t.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ')
    const range = 'start_ms >= 0 AND start_ms < 1'
    expect(plan(`SELECT * FROM plays WHERE ${range} AND screen_id = 'a' ORDER BY start_ms, id`)).toMatch(
      /USING INDEX plays_screen_start/,
    )
    expect(plan(`SELECT count(*) FROM plays WHERE ${range} GROUP BY local_day, screen_id`)).toMatch(
      /USING INDEX plays_start/,
    )
    expect(plan(`SELECT count(*) FROM plays WHERE playlist_id = 'p' AND item_id = 'i' AND ${range}`)).toMatch(
      /USING (COVERING )?INDEX plays_playlist_item_start/,
    )
  })
})

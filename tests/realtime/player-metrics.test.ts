import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import type { Heartbeat } from '@playlists/events'
import { loggerOptions } from '@server/logging'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'
import { connectPlayer, listen, type TestPlayer } from '../helpers/listen'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * What players tell the server's operators (issue 8, items 1 and 6): how long a publication
 * takes to reach the screen, how many plays came in, and whether a player's clock and the
 * server's disagree by more than a second — in the log, the metrics and the console's status.
 */

let clockMs = Date.UTC(2026, 10, 26, 3, 0, 0)
let t: TestApp
let base: string
let player: TestPlayer
const logs: { level: number; msg: string; screenId?: string }[] = []

beforeEach(async () => {
  logs.length = 0
  const sink = new Writable({
    write(chunk, _e, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line))
      done()
    },
  })
  t = await createTestApp({ clock: () => clockMs, logger: loggerOptions('info', sink) })
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  base = await listen(t)
  player = connectPlayer(base, screenToken(t.app, 'screen-a'))
  await until(() => player.documents.length === 1, 5_000, 'the first document')
})
afterEach(async () => {
  player.close()
  await t.close()
})

const metric = async (series: string) => {
  const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const report = (clockOffsetMs: number): Heartbeat => ({
  version: player.documents[0]?.version ?? null,
  zones: [],
  uptimeMs: 1_000,
  memory: null,
  resolution: { width: 1920, height: 960, pixelRatio: 1 },
  errors: [],
  clockOffsetMs,
})

describe('players, seen from the server', () => {
  it('warns in the log, the metrics and the console status when a clock disagrees by more than a second', async () => {
    const status = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/screens/screen-a/status' })).json()
    expect(await player.timeout(2_000).emitWithAck('heartbeat', report(-300))).toMatchObject({ ok: true })
    expect((await status()).clockDisagrees).toBe(false)
    expect(await metric('gatecast_clock_disagreements')).toBe(0)

    for (let i = 0; i < 3; i++) await player.timeout(2_000).emitWithAck('heartbeat', report(2_500))
    expect((await status()).clockDisagrees).toBe(true)
    expect(await metric('gatecast_clock_disagreements')).toBe(1)
    expect(await metric('gatecast_player_clock_offset_seconds{screen="screen-a"}')).toBe(2.5)
    const warnings = logs.filter((l) => l.level === 40 && /clock/.test(l.msg))
    expect(warnings).toEqual([
      expect.objectContaining({
        screenId: 'screen-a',
        msg: "the server's clock and screen screen-a's disagree by 2.5 s: check NTP on both",
      }),
    ])

    await player.timeout(2_000).emitWithAck('heartbeat', report(120))
    expect((await status()).clockDisagrees).toBe(false)
    expect(logs.some((l) => l.msg === 'clocks agree again')).toBe(true)
  })

  it('measures publication to screen, and counts new plays but not resent ones', async () => {
    const [document] = player.documents
    clockMs += 1_500
    const applied = await player.timeout(2_000).emitWithAck('document:applied', {
      version: document!.version,
      hash: document!.hash,
    })
    expect(applied).toMatchObject({ ok: true })
    expect(await metric('gatecast_document_push_to_apply_seconds_count')).toBe(1)
    expect(await metric('gatecast_document_push_to_apply_seconds_bucket{le="1"}')).toBe(0)
    expect(await metric('gatecast_document_push_to_apply_seconds_bucket{le="2.5"}')).toBe(1)

    const play = {
      id: randomUUID(),
      zoneId: 'main',
      itemId: 's1',
      playlistId: 'pl-a',
      documentVersion: document!.version,
      startMs: clockMs - 6_000,
      endMs: clockMs - 1_000,
    }
    const before = (await metric('gatecast_plays_ingested_total')) ?? 0
    await player.timeout(2_000).emitWithAck('plays', [play])
    await player.timeout(2_000).emitWithAck('plays', [play]) // a resend after a lost acknowledgement
    expect(await metric('gatecast_plays_ingested_total')).toBe(before + 1)
    expect(await metric('gatecast_socket_connections{namespace="/player"}')).toBe(1)
  })

  it('sums the plays players still hold unacknowledged, per site, from their heartbeats', async () => {
    expect(await metric('gatecast_plays_pending{site="gate"}')).toBe(0)
    await player.timeout(2_000).emitWithAck('heartbeat', { ...report(0), pendingPlays: 7 })
    expect(await metric('gatecast_plays_pending{site="gate"}')).toBe(7)
    await player.timeout(2_000).emitWithAck('heartbeat', { ...report(0), pendingPlays: 0 })
    expect(await metric('gatecast_plays_pending{site="gate"}')).toBe(0)
  })
})

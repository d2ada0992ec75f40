import {
  type Ack,
  DocumentApplied,
  Heartbeat,
  PLAYER_NAMESPACE,
  PlayerHandshake,
  type PlayerToServerEvents,
  type ServerToPlayerEvents,
  screenRoom,
  syncGroupRoom,
} from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { FastifyInstance } from 'fastify'
import type { Namespace, Socket } from 'socket.io'
import { Compile } from 'typebox/compile'
import { disagrees } from '../repositories/status'
import { guardNamespace, refused } from './access'
import { everyNode, onClusterMessage } from './cluster'
import { playsHandler } from './plays'
import { rawJson } from './raw-json'

interface PlayerData {
  screenId: string
  syncGroupId: string | null
  /** The version the player said it holds when it connected. */
  heldVersion: number | null
  /** The newest player error already written to the log. */
  errorsLoggedUntil: number
  /** Whether the last report's clock disagreed with the server's (logged on each change only). */
  clockDisagrees: boolean
}

type PlayerSocket = Socket<PlayerToServerEvents, ServerToPlayerEvents, Record<string, never>, PlayerData>
type PlayerNamespace = Namespace<
  PlayerToServerEvents,
  ServerToPlayerEvents,
  Record<string, never>,
  PlayerData
>

/**
 * A screen has one player; a second one for a moment while a kiosk restarts, a few while an
 * installer tries browsers. More is a stolen token opening channels, each costing the server
 * memory and a share of every publish.
 */
export const PLAYERS_PER_SCREEN_MAX = 8

const checkHandshake = Compile(PlayerHandshake)
const checkApplied = Compile(DocumentApplied)
const checkHeartbeat = Compile(Heartbeat)

/** socket.io passes whatever the client sent as the last argument; only a function can be called. */
const replier = <T>(ack: unknown): ((result: T) => void) =>
  typeof ack === 'function' ? (ack as (result: T) => void) : () => {}

/**
 * The players' namespace. A player connects with its screen's token (from pairing), which names
 * its screen: it joins that screen's room and its sync group's, and no other, and receives the
 * current document at once; later documents arrive through the room.
 */
export function registerPlayerNamespace(app: FastifyInstance): void {
  // The shared server is untyped (it also hosts other namespaces); this one has its own contract.
  const players = app.io.of(PLAYER_NAMESPACE) as unknown as PlayerNamespace
  // Who may connect: a screen's own live token, and nothing else (access.ts). Every handler
  // below runs behind the guard: whatever it throws is logged, never the end of the process.
  const guarded = guardNamespace<PlayerSocket>(app, players as unknown as Namespace)

  guarded.use((socket, next) => {
    const actor = socket.actor
    const screen = actor?.kind === 'screen' ? app.repos.screens.find(actor.screenId) : undefined
    if (!screen) return next(new Error('This token names no screen: pair the player again.'))
    if (app.screenStatus.playersOf(screen.id) >= PLAYERS_PER_SCREEN_MAX) {
      return next(
        refused(
          429,
          'screen.players-full',
          `Screen ${screen.id} already has ${PLAYERS_PER_SCREEN_MAX} players connected: close one, or revoke its token if they are not yours.`,
          { id: screen.id, limit: PLAYERS_PER_SCREEN_MAX },
        ),
      )
    }
    const auth = socket.handshake.auth as unknown
    if (!checkHandshake.Check(auth)) {
      return next(
        refused(
          400,
          'socket.handshake',
          'Send { token, version } in the connection handshake (auth); version is an integer or null.',
        ),
      )
    }
    socket.data.screenId = screen.id
    socket.data.syncGroupId = screen.syncGroupId
    socket.data.heldVersion = auth.version ?? null
    socket.data.errorsLoggedUntil = 0
    socket.data.clockDisagrees = false
    next()
  })

  // The handlers are made once and shared by every player's socket (they run with it as
  // `this`): a closure per socket and event was about a kilobyte per connected player
  // (bench `fanout`, memory per connection, heap snapshots at 2,000 players).
  function onDisconnect(this: PlayerSocket) {
    app.screenStatus.disconnected(this.data.screenId)
  }

  function onApplied(this: PlayerSocket, payload: unknown, ack: unknown) {
    const { screenId } = this.data
    const reply = replier<Ack>(ack)
    if (!checkApplied.Check(payload)) {
      reply({ ok: false, code: 'socket.payload', msg: 'document:applied needs { version, hash }.' })
      return
    }
    app.log.info({ screenId, version: payload.version }, 'player applied document')
    const receivedAt = app.clock()
    app.screenStatus.applied(screenId, payload.version).then(
      () => {
        const publishedAt = app.publisher.publishedAtMs(screenId, payload.version)
        if (publishedAt !== undefined)
          app.metrics.pushToApply.observe(Math.max(0, receivedAt - publishedAt) / 1000)
        reply({ ok: true })
      },
      (error: unknown) => {
        app.log.error({ err: error, screenId }, 'could not record an applied document')
        reply({
          ok: false,
          code: 'socket.not-recorded',
          msg: 'The server could not record it; send it again.',
        })
      },
    )
  }

  function onClockSync(ack: unknown) {
    replier<number>(ack)(app.clock())
  }

  function onHeartbeat(this: PlayerSocket, payload: unknown, ack: unknown) {
    const { screenId } = this.data
    const reply = replier<Ack<{ version: number | null }>>(ack)
    if (!checkHeartbeat.Check(payload)) {
      const first = [...checkHeartbeat.Errors(payload)][0]
      reply({
        ok: false,
        code: 'socket.payload',
        msg: `heartbeat: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`,
      })
      return
    }
    app.screenStatus.heartbeat(screenId, payload)
    warnOnClockChange(this, payload.clockOffsetMs)
    // Each report repeats the recent errors; log only those not logged before.
    for (const e of payload.errors) {
      if (e.atMs <= this.data.errorsLoggedUntil) continue
      app.log.warn({ screenId, atMs: e.atMs }, `player error: ${e.message}`)
      this.data.errorsLoggedUntil = e.atMs
    }
    const current = app.repos.documents.latestVersion(screenId)?.version ?? null
    // The version check on each heartbeat: a push the player missed is sent again.
    if (current !== null && current !== payload.version && current !== payload.pendingVersion)
      sendLatest(this)
    reply({ ok: true, version: current })
  }

  const onPlays = playsHandler(app)

  guarded.onConnection((socket) => {
    const { screenId, syncGroupId } = socket.data
    void socket.join(syncGroupId ? [screenRoom(screenId), syncGroupRoom(syncGroupId)] : screenRoom(screenId))
    app.screenStatus.connected(screenId)
    socket.on('disconnect', onDisconnect)
    socket.on('plays', onPlays)

    // The version check on (re)connect: a player holding the current version gets nothing.
    const latest = app.repos.documents.latestVersion(screenId)
    if (!latest) socket.emit('document:none')
    else if (latest.version !== socket.data.heldVersion) sendLatest(socket)

    socket.on('document:applied', onApplied)
    socket.on('clock:sync', onClockSync)
    socket.on('heartbeat', onHeartbeat)
  })

  /** Logs when a player's clock starts or stops disagreeing with the server's, not on every report. */
  function warnOnClockChange(socket: PlayerSocket, offsetMs: number): void {
    const now = disagrees({ clockOffsetMs: offsetMs })
    if (now === socket.data.clockDisagrees) return
    socket.data.clockDisagrees = now
    const { screenId } = socket.data
    if (now) {
      app.log.warn(
        { screenId, clockOffsetMs: Math.round(offsetMs) },
        `the server's clock and screen ${screenId}'s disagree by ${(Math.abs(offsetMs) / 1000).toFixed(1)} s: check NTP on both`,
      )
    } else app.log.info({ screenId, clockOffsetMs: Math.round(offsetMs) }, 'clocks agree again')
  }

  function sendLatest(socket: PlayerSocket): void {
    // The stored text as it is: a server restart reconnects every screen at once.
    const json = app.repos.documents.latestJson(socket.data.screenId)
    if (json) socket.emit('document', rawJson(json) as unknown as ScreenDocument)
  }
}

/** A screen moved to another sync group (or out of one): its connected players follow it, on every node. */
export function followSyncGroup(
  app: FastifyInstance,
  screen: { id: string; syncGroupId: string | null },
): void {
  everyNode(app, { type: 'follow-sync-group', screenId: screen.id, syncGroupId: screen.syncGroupId })
}

onClusterMessage('follow-sync-group', (app, { screenId, syncGroupId }) => {
  const want = syncGroupId ? syncGroupRoom(syncGroupId) : null
  let moved = 0
  for (const socket of app.io.of(PLAYER_NAMESPACE).sockets.values()) {
    if (socket.actor?.kind !== 'screen' || socket.actor.screenId !== screenId) continue
    for (const room of socket.rooms)
      if (room.startsWith(syncGroupRoom('')) && room !== want) void socket.leave(room)
    if (want) void socket.join(want)
    socket.data.syncGroupId = syncGroupId
    moved++
  }
  return moved
})

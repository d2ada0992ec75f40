import { CONSOLE_NAMESPACE, PLAYER_NAMESPACE, screenRoom } from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import type { ScreenStatus } from '@playlists/schemas/status'
import type { FastifyInstance } from 'fastify'
import { type PublishedDocument, programmeTail } from '../repositories/documents'
import { everyNode, onClusterMessage, otherNodes } from './cluster'
import { rawJsonWithTail, type SharedTail, sharedTail } from './raw-json'

/**
 * How stored documents and screens' statuses reach sockets on every node. With several nodes
 * each node is sent one message per slice of a publish (or per batch of statuses) and writes to
 * its own sockets, instead of one Redis broadcast per screen: a publish to 10,000 screens was
 * 10,000 stream entries, each a document that every node decoded, and each node's own delivery
 * waited for Redis to take each one (socket.io's cluster adapter publishes a broadcast before it
 * writes to local sockets). Two nodes, 10,000 players: bench `fanout --nodes=2`.
 */

/** Programmes' wire bytes kept per node, by id (a programme never changes: its id is its text's hash). */
const TAILS_KEPT = 64

const tailsByApp = new WeakMap<FastifyInstance, Map<string, SharedTail>>()

function tailOf(app: FastifyInstance, programmeId: string, json: string): SharedTail {
  let tails = tailsByApp.get(app)
  if (!tails) {
    tails = new Map()
    tailsByApp.set(app, tails)
  }
  let tail = tails.get(programmeId)
  if (!tail) {
    // Bounded: a long-running node meets many programmes; a publish uses a few.
    if (tails.size >= TAILS_KEPT) tails.clear()
    tail = sharedTail(programmeTail(json))
    tails.set(programmeId, tail)
  }
  return tail
}

/** A screen's document to push: its own start ("{…," up to the programme) and its programme's id. */
interface Push {
  screenId: string
  start: string
  programmeId: string
}

/**
 * Hands a slice of stored documents to their screens' players on every node; returns how many
 * this node reached. The other nodes are told first, so that they push while this one does, and
 * are sent only which version of which screen (and the programmes' texts, a few for a publish):
 * each reads the heads of its own screens from the store. The heads themselves made a publish to
 * ten thousand screens a 4 MB message, which this node encoded before its own push and every
 * node decoded (bench `fanout --nodes=2`).
 */
export function deliverDocuments(app: FastifyInstance, documents: readonly PublishedDocument[]): number {
  const programmes: Record<string, string> = {}
  for (const d of documents) programmes[d.programme.id] = d.programme.json
  otherNodes(app, {
    type: 'deliver-stored',
    programmes,
    documents: documents.map((d) => ({
      screenId: d.screenId,
      version: d.version,
      programmeId: d.programme.id,
    })),
  })
  return pushHere(
    app,
    programmes,
    documents.map((d) => ({ screenId: d.screenId, start: d.head, programmeId: d.programme.id })),
  )
}

onClusterMessage('deliver-stored', (app, { programmes, documents }) => {
  const rooms = app.io.of(PLAYER_NAMESPACE).adapter.rooms
  // Only this node's screens: the others' players are on another node, or offline.
  const here = documents.filter((d) => (rooms.get(screenRoom(d.screenId))?.size ?? 0) > 0)
  if (here.length === 0) return 0
  const starts = app.repos.documents.starts(here)
  const pushes: Push[] = []
  for (const d of here) {
    const start = starts.get(d.screenId)
    // Missing: the screen already has a newer version, whose own message brings it.
    if (start !== undefined) pushes.push({ screenId: d.screenId, start, programmeId: d.programmeId })
  }
  return pushHere(app, programmes, pushes)
})

/** Pushes documents to the players of their screens connected to this node; returns how many it reached. */
function pushHere(app: FastifyInstance, programmes: Record<string, string>, pushes: readonly Push[]): number {
  const players = app.io.of(PLAYER_NAMESPACE)
  let pushed = 0
  for (const d of pushes) {
    const room = screenRoom(d.screenId)
    const here = players.adapter.rooms.get(room)?.size ?? 0
    if (here === 0) continue // this screen's players are on another node, or offline
    // Sent as the JSON stored a moment ago: the programme serialised and encoded once, however many screens.
    const raw = rawJsonWithTail(d.start, tailOf(app, d.programmeId, programmes[d.programmeId]!))
    players.to(room).local.emit('document', raw as unknown as ScreenDocument)
    pushed += here
  }
  // Counted once per slice: a counter's increment costs a few microseconds, a thousand of them a
  // few milliseconds of a publish's delivery (bench `fanout`).
  app.metrics.documentsPushed.inc(pushed)
  return pushed
}

/**
 * Screens' statuses for the consoles of every node, in one message: a publish brings an
 * acknowledgement from each of its players, which each node records in batches. Alone, with no
 * console open, nobody is told (a publish to ten thousand screens would be ten thousand
 * statuses encoded for no one).
 */
export function broadcastStatuses(app: FastifyInstance, statuses: readonly ScreenStatus[]): void {
  if (statuses.length > 0) everyNode(app, { type: 'screen-statuses', statuses })
}

onClusterMessage('screen-statuses', (app, { statuses }) => {
  const consoles = app.io.of(CONSOLE_NAMESPACE)
  if (consoles.sockets.size === 0) return 0
  for (const status of statuses) consoles.local.emit('screen:status', status)
  return statuses.length
})

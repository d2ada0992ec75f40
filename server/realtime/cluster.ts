import type { ScreenStatus } from '@playlists/schemas/status'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../auth/actor'

/**
 * Changes to live sockets that every server process must make to its own: with several nodes
 * sharing delivery through Redis, a player may be connected to a node other than the one that
 * revoked its token or moved its screen. Each message is applied here at once and sent to the
 * other nodes with socket.io's `serverSideEmit` (a no-op with one process). Messages are plain
 * data, since they cross processes.
 */

/** Which actors a change concerns; every field given must match. */
export type ActorMatch =
  | { kind: 'user'; userId?: string; sessionId?: string; tokenId?: string; exceptSessionId?: string }
  /** A screen's players: those of `screenId`, or holding one of `tokenIds`. */
  | { kind: 'screen'; screenId?: string; tokenIds?: readonly string[] }

export type ClusterMessage =
  | { type: 'disconnect-actors'; match: ActorMatch }
  | { type: 'follow-sync-group'; screenId: string; syncGroupId: string | null }
  /** Players that confirmed a rotated token now act with it (server/auth/pairing.ts). */
  | { type: 'retoken'; socketIds: readonly string[]; screenId: string; tokenId: string }
  /**
   * A slice of a publish, stored a moment ago, for the other nodes' players: programmes' texts by
   * id, and which version of which screen to push (each node reads its own screens' heads:
   * delivery.ts).
   */
  | {
      type: 'deliver-stored'
      programmes: Record<string, string>
      documents: readonly { screenId: string; version: number; programmeId: string }[]
    }
  /** Screens' changed statuses for each node's own consoles (delivery.ts). */
  | { type: 'screen-statuses'; statuses: readonly ScreenStatus[] }

type Handler<T extends ClusterMessage['type']> = (
  app: FastifyInstance,
  message: Extract<ClusterMessage, { type: T }>,
) => number

const EVENT = 'gatecast:cluster'
const handlers = new Map<string, (app: FastifyInstance, message: ClusterMessage) => number>()

export function onClusterMessage<T extends ClusterMessage['type']>(type: T, handler: Handler<T>): void {
  handlers.set(type, handler as unknown as (app: FastifyInstance, message: ClusterMessage) => number)
}

function apply(app: FastifyInstance, message: ClusterMessage): number {
  const handler = handlers.get(message.type)
  if (!handler) throw new Error(`No handler for cluster message ${message.type}`)
  return handler(app, message)
}

/**
 * The socket.io servers that share sockets with other nodes (by server: every encapsulated
 * Fastify context sees the same one). Alone, there is nobody to tell: socket.io's
 * in-memory adapter answers `serverSideEmit` with a warning printed as text, outside the log.
 */
const clustered = new WeakSet<FastifyInstance['io']>()

/**
 * Sends the message to every other node (none when alone). It never throws: Redis gone, this
 * node's own work still goes on (the other nodes' players catch up by their heartbeats' version
 * check).
 */
export function otherNodes(app: FastifyInstance, message: ClusterMessage): void {
  if (!clustered.has(app.io)) return
  try {
    app.io.serverSideEmit(EVENT, message)
  } catch (error) {
    app.log.error({ err: error, type: message.type }, 'could not tell the other nodes')
  }
}

/**
 * Sends the message to every other node, then applies it on this one; returns what this node's
 * handler counted. Sent first: the other nodes apply it meanwhile, where they waited for this
 * node's own work before (a publish's delivery to its players: bench `fanout --nodes=2`).
 */
export function everyNode(app: FastifyInstance, message: ClusterMessage): number {
  otherNodes(app, message)
  return apply(app, message)
}

/** Listens for the other nodes' messages (registered once per app, when there are other nodes). */
export function listenToCluster(app: FastifyInstance): void {
  clustered.add(app.io)
  app.io.on(
    EVENT as 'connection',
    ((message: ClusterMessage) => {
      try {
        apply(app, message)
      } catch (error) {
        app.log.error({ err: error, message }, 'cluster message failed')
      }
    }) as never,
  )
}

export function actorMatches(actor: Actor, match: ActorMatch): boolean {
  if (match.kind === 'user') {
    if (actor.kind !== 'user') return false
    if (match.userId !== undefined && actor.user.id !== match.userId) return false
    if (match.sessionId !== undefined && actor.sessionId !== match.sessionId) return false
    if (match.tokenId !== undefined && actor.tokenId !== match.tokenId) return false
    if (match.exceptSessionId !== undefined && actor.sessionId === match.exceptSessionId) return false
    return true
  }
  if (actor.kind !== 'screen') return false
  return actor.screenId === match.screenId || (match.tokenIds ?? []).includes(actor.tokenId)
}

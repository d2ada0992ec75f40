import {
  type Ack,
  PLAY_BATCH_MAX,
  PlayEvent,
  type PlayerToServerEvents,
  type PlaysAck,
  type ServerToPlayerEvents,
} from '@playlists/events'
import type { ErrorCode } from '@playlists/schemas/error-codes'
import type { FastifyInstance } from 'fastify'
import type { Socket } from 'socket.io'
import { Compile } from 'typebox/compile'

type PlaysSocket = Socket<
  PlayerToServerEvents,
  ServerToPlayerEvents,
  Record<string, never>,
  { screenId: string }
>

const checkEvent = Compile(PlayEvent)

/** Ids the player made are UUIDs; anything much longer is not an id worth echoing back. */
const ID_CHARS_MAX = 64

type Checked =
  | { ok: true; events: PlayEvent[]; refused: NonNullable<PlaysAck['refused']> }
  | { ok: false; code: ErrorCode; msg: string }

/**
 * Two levels of refusal, so that the player's queue can never jam:
 *  - a batch that is not a list of 1…PLAY_BATCH_MAX objects each carrying a string id is refused
 *    whole (ok: false): the player cannot tell which of its events was meant, nothing is stored,
 *    and it retries with backoff (a newer server may accept it);
 *  - an event with an id but wrong fields (or nonsense instants, see playEventProblem) is refused
 *    alone and named in the acknowledgement, so the player drops it and the rest is stored.
 */
function checkBatch(batch: unknown): Checked {
  if (!Array.isArray(batch) || batch.length < 1 || batch.length > PLAY_BATCH_MAX) {
    return {
      ok: false,
      code: 'plays.batch',
      msg: `plays: send a list of 1 to ${PLAY_BATCH_MAX} play events.`,
    }
  }
  const events: PlayEvent[] = []
  const refused: NonNullable<PlaysAck['refused']> = []
  for (const [index, event] of batch.entries()) {
    const id = (event as { id?: unknown } | null)?.id
    if (typeof id !== 'string' || id.length === 0 || id.length > ID_CHARS_MAX) {
      return {
        ok: false,
        code: 'plays.event-id',
        msg: `plays: event ${index} has no id; nothing was stored.`,
      }
    }
    if (checkEvent.Check(event)) events.push(event)
    else {
      const first = [...checkEvent.Errors(event)][0]
      refused.push({ id, msg: first ? `${first.instancePath || '/'} ${first.message}` : 'invalid event' })
    }
  }
  return { ok: true, events, refused }
}

/**
 * Proof of play from a player's socket, made once and shared by every player's socket (it runs
 * with the socket as `this`). The screen is the socket's (from the handshake), never the
 * payload's, so a player cannot file plays for another screen.
 */
export function playsHandler(
  app: FastifyInstance,
): (this: PlaysSocket, batch: unknown, ack: unknown) => void {
  return function (this: PlaysSocket, batch: unknown, ack: unknown) {
    const { screenId } = this.data
    const reply = (typeof ack === 'function' ? ack : () => {}) as (result: Ack<PlaysAck>) => void
    const checked = checkBatch(batch)
    if (!checked.ok) {
      reply(checked)
      return
    }
    let result: ReturnType<typeof app.repos.plays.insert>
    try {
      result = app.repos.plays.insert(screenId, checked.events)
    } catch (error) {
      // The transaction rolled back: nothing of this batch is stored; the player sends it again.
      app.log.error({ err: error, screenId }, 'could not store plays')
      reply({
        ok: false,
        code: 'plays.not-stored',
        msg: 'The server could not store these plays now; they will be sent again.',
      })
      return
    }
    app.metrics.playsIngested.inc(result.inserted)
    const refused = [...checked.refused, ...result.refused]
    if (refused.length > 0) {
      app.log.warn({ screenId, refused: refused.slice(0, 10), count: refused.length }, 'refused plays')
    }
    reply({ ok: true, stored: result.stored, refused })
  }
}

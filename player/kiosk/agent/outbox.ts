import type { Ack } from '@playlists/events'

/** A bound on what waits for the server: a month offline must not grow the agent without end. */
export const OUTBOX_MAX = 200

/** Sends one message and calls back with the server's acknowledgement (never, if it is lost). */
export type Send<T> = (message: T, ack: (reply: Ack) => void) => void

interface Entry<T> {
  message: T
  /** Sent on the connection now open and not answered yet: not sent twice on it. */
  inFlight: boolean
}

/**
 * What the agent has told the server and the server has not yet acknowledged: a healing step, a
 * recovery, a command's result. socket.io sends an event once, on the socket it was emitted on;
 * when that socket is closed (the player's token changed, so the agent connects again with the
 * new one) or the connection drops before the packet left, the event is gone, and an incident
 * the agent opened would never be resolved. Here each message stays until the server answers:
 * `ok`, or a refusal that sending again cannot change (the payload itself); a busy server's
 * refusal is sent again on the next flush. Oldest first; at the bound the oldest are dropped.
 */
export class Outbox<T> {
  private entries: Entry<T>[] = []

  constructor(private readonly max = OUTBOX_MAX) {}

  get size(): number {
    return this.entries.length
  }

  add(message: T): void {
    this.entries.push({ message, inFlight: false })
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max)
  }

  /** A new connection: whatever was in flight on the old one may never have arrived. */
  reset(): void {
    for (const entry of this.entries) entry.inFlight = false
  }

  /** Sends, in order, every message not already on its way on the current connection. */
  flush(send: Send<T>): void {
    for (const entry of this.entries) {
      if (entry.inFlight) continue
      entry.inFlight = true
      send(entry.message, (reply) => {
        const kept = reply.ok || reply.code === 'socket.payload' ? false : this.entries.includes(entry)
        if (kept) entry.inFlight = false
        else this.entries = this.entries.filter((e) => e !== entry)
      })
    }
  }
}

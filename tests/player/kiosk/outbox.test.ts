import type { Ack } from '@playlists/events'
import { describe, expect, it } from 'vitest'
import { Outbox } from '../../../player/kiosk/agent/outbox'

/** A connection that records what was sent and holds each acknowledgement until the test answers. */
function connection() {
  const sent: { message: string; ack: (reply: Ack) => void }[] = []
  return { sent, send: (message: string, ack: (reply: Ack) => void) => sent.push({ message, ack }) }
}

describe("the kiosk agent's outbox", () => {
  it('keeps a message the old connection never acknowledged and sends it again on the new one', () => {
    const box = new Outbox<string>()
    const old = connection()
    box.add('recovered')
    box.flush(old.send)
    expect(old.sent.map((s) => s.message)).toEqual(['recovered'])
    // Flushing again on the same connection does not send it twice.
    box.flush(old.send)
    expect(old.sent).toHaveLength(1)
    // The token changed: the old socket closed with the packet unacknowledged.
    box.reset()
    const next = connection()
    box.flush(next.send)
    expect(next.sent.map((s) => s.message)).toEqual(['recovered'])
    next.sent[0]!.ack({ ok: true })
    expect(box.size).toBe(0)
    // A late acknowledgement from the old connection is harmless.
    old.sent[0]!.ack({ ok: true })
    expect(box.size).toBe(0)
  })

  it("sends a busy server's refusal again, drops a refused payload, and keeps the order", () => {
    const box = new Outbox<string>()
    const link = connection()
    box.add('healing reload')
    box.add('malformed')
    box.add('recovered')
    box.flush(link.send)
    expect(link.sent.map((s) => s.message)).toEqual(['healing reload', 'malformed', 'recovered'])
    link.sent[0]!.ack({ ok: false, code: 'server.busy', msg: 'busy' })
    link.sent[1]!.ack({ ok: false, code: 'socket.payload', msg: 'bad' })
    link.sent[2]!.ack({ ok: true })
    expect(box.size).toBe(1)
    box.flush(link.send)
    expect(link.sent.map((s) => s.message).slice(3)).toEqual(['healing reload'])
  })

  it('drops the oldest beyond its bound', () => {
    const box = new Outbox<number>(3)
    for (const n of [1, 2, 3, 4, 5]) box.add(n)
    const link = connection()
    box.flush(link.send as never)
    expect(link.sent.map((s) => s.message)).toEqual([3, 4, 5])
  })
})

import { AGENT_NAMESPACE, AgentHandshake, AgentResult, AgentState } from '@playlists/agent'
import { DocumentApplied, Heartbeat, PlayBatch, PlayEvent, PlayerHandshake } from '@playlists/events'
import { INTEGER_MAX, unboundedNumbers } from '@playlists/schemas/numbers'
import { requireBoundedNumbers } from '@server/plugins/number-bounds'
import { SOCKET_ACCESS } from '@server/realtime/access'
import Fastify from 'fastify'
import Type from 'typebox'
import { describe, expect, it } from 'vitest'

/**
 * Every number a client sends has bounds that fit the database (issue 16): a heartbeat whose
 * version was 1e19 passed its schema and ended the server at the SQLite write.
 */

describe('unboundedNumbers', () => {
  it('names every integer and number without both bounds, wherever it sits', () => {
    const schema = Type.Object({
      fine: Type.Integer({ minimum: 0, maximum: 10 }),
      noMax: Type.Integer({ minimum: 1 }),
      tooBig: Type.Number({ minimum: 0, maximum: 2 ** 63 }),
      list: Type.Array(Type.Integer()),
      either: Type.Union([Type.Null(), Type.Number({ maximum: 1 })]),
      map: Type.Record(Type.String(), Type.Integer({ exclusiveMinimum: 0, exclusiveMaximum: 5 })),
    })
    expect(unboundedNumbers(schema)).toEqual(['/noMax', '/tooBig', '/list/items', '/either/anyOf/1'])
  })

  it('accepts bounds up to 2^53 − 1 either way and nothing past them', () => {
    expect(unboundedNumbers(Type.Integer({ minimum: -INTEGER_MAX, maximum: INTEGER_MAX }))).toEqual([])
    expect(unboundedNumbers(Type.Integer({ minimum: 0, maximum: INTEGER_MAX + 1 }))).toEqual(['/'])
    expect(unboundedNumbers(Type.Integer({ minimum: Number.NEGATIVE_INFINITY, maximum: 1 }))).toEqual(['/'])
  })

  it('finds none in what a player may send', () => {
    const inbound = { PlayerHandshake, DocumentApplied, Heartbeat, PlayEvent, PlayBatch }
    for (const [name, schema] of Object.entries(inbound)) expect(unboundedNumbers(schema), name).toEqual([])
    // Every event a player may send is among them (clock:sync carries nothing).
    expect(Object.keys(SOCKET_ACCESS['/player']!.events).sort()).toEqual([
      'clock:sync',
      'document:applied',
      'heartbeat',
      'plays',
    ])
  })

  it('finds none in what a kiosk agent may send', () => {
    const inbound = { AgentHandshake, AgentResult, AgentState }
    for (const [name, schema] of Object.entries(inbound)) expect(unboundedNumbers(schema), name).toEqual([])
    expect(Object.keys(SOCKET_ACCESS[AGENT_NAMESPACE]!.events).sort()).toEqual([
      'agent:result',
      'agent:state',
    ])
  })
})

describe('a route taking an unbounded number', () => {
  it('stops the server from starting, naming the route and the field', async () => {
    const app = Fastify()
    requireBoundedNumbers(app)
    expect(() =>
      app.post(
        '/api/things',
        { schema: { body: Type.Object({ count: Type.Integer({ minimum: 0 }) }) } },
        () => ({}),
      ),
    ).toThrow(/POST \/api\/things: the body schema accepts numbers without bounds at \/count/)
    await app.close()
  })

  it('is not a problem in an answer: only what clients send is checked', async () => {
    const app = Fastify()
    requireBoundedNumbers(app)
    app.get('/api/count', { schema: { response: { 200: Type.Object({ n: Type.Integer() }) } } }, () => ({
      n: 1,
    }))
    await app.ready()
    await app.close()
  })
})

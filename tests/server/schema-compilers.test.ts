import { sharedCompilers } from '@server/schema-compilers'
import { Type } from 'typebox'
import { describe, expect, it } from 'vitest'

/** Fastify's route definition, as it hands one to a compiler. */
const route = (schema: object, httpPart?: string) => ({
  schema,
  method: 'GET',
  url: '/x',
  httpStatus: '200',
  httpPart,
})
const AJV = { customOptions: { removeAdditional: false as const, coerceTypes: false } }

describe('route schemas compiled once per process', () => {
  it('hands a second app the serialiser it compiled for the first, for an equal schema', () => {
    const first = sharedCompilers().buildSerializer?.({}, {})
    const second = sharedCompilers().buildSerializer?.({}, {})
    const a = first?.(route(Type.Object({ id: Type.String(), n: Type.Number() })))
    const b = second?.(route(Type.Object({ id: Type.String(), n: Type.Number() })))
    expect(a).toBeTypeOf('function')
    expect(b).toBe(a)
    // What it writes is what the schema says: unknown fields left out.
    expect(a?.({ id: 'x', n: 2, secret: 'no' })).toBe('{"id":"x","n":2}')
  })

  it('compiles a schema that differs, or the same schema under other options, anew', () => {
    const build = sharedCompilers().buildSerializer
    const a = build?.({}, {})(route(Type.Object({ id: Type.String() })))
    const b = build?.({}, {})(route(Type.Object({ id: Type.Number() })))
    const c = build?.({}, { rounding: 'ceil' })(route(Type.Object({ id: Type.String() })))
    expect(b).not.toBe(a)
    expect(c).not.toBe(a)
    expect(b?.({ id: 7 })).toBe('{"id":7}')
  })

  it('hands a second app the validator it compiled, keeping each part and option set apart', () => {
    const schema = () => Type.Object({ id: Type.String() }, { additionalProperties: false })
    const a = sharedCompilers().buildValidator?.({}, AJV)(route(schema(), 'body'))
    const b = sharedCompilers().buildValidator?.({}, AJV)(route(schema(), 'body'))
    const q = sharedCompilers().buildValidator?.({}, AJV)(route(schema(), 'querystring'))
    const coercing = sharedCompilers().buildValidator?.(
      {},
      { customOptions: { coerceTypes: true } },
    )(route(Type.Object({ n: Type.Number() }), 'body'))
    expect(b).toBe(a)
    expect(q).not.toBe(a)
    expect(a?.({ id: 'x' })).toBe(true)
    expect(a?.({ id: 'x', extra: 1 })).toBe(false)
    expect(coercing?.({ n: '3' })).toBe(true)
  })

  it('reads a headers schema by the lower-case names Node gives headers, as Fastify does itself', () => {
    const validate = sharedCompilers().buildValidator?.(
      {},
      AJV,
    )(route(Type.Object({ 'X-Screen-Token': Type.String() }), 'headers'))
    expect(validate?.({ 'x-screen-token': 'abc' })).toBe(true)
    expect(validate?.({})).toBe(false)
  })
})

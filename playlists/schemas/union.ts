import Type, { type Static, type TLiteral, type TSchema, type TUnion } from 'typebox'

/**
 * A tagged union emitted as `oneOf` + `discriminator` (OpenAPI style). With Ajv's discriminator
 * support the server validates only the branch named by the tag, so a bad item reports
 * "items/0 must have required property 'mediaId'" instead of every branch's failure.
 */
export function TaggedUnion<T extends TSchema[]>(tag: string, variants: [...T]) {
  return Type.Unsafe<Static<T[number]>>({
    type: 'object',
    required: [tag],
    discriminator: { propertyName: tag },
    oneOf: variants,
  })
}

/** One literal per value of a list; a plain `.map` would type the union as `never` (see schemas/status.ts). */
export const LiteralUnion = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [TLiteral<T[number]>]) as TUnion<
    [TLiteral<T[number]>]
  >

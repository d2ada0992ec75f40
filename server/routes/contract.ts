import type { Route } from '@playlists/api/route'
import type { TSchema } from 'typebox'

/**
 * A route's Fastify schema from its contract entry (playlists/api/): the contract's own schema
 * objects (params, querystring, body, success answers), the refusals this route may give, and
 * what only the documentation reads (tags, summary). Taking the schemas from the contract rather
 * than writing them here is what keeps the console's typed client true to the server;
 * tests/api/contract.test.ts checks every entry is registered this way.
 */
export function schemaOf<R extends Route, E extends Record<number, TSchema>, X extends object = object>(
  entry: R,
  errors: E,
  docs?: X,
): Omit<R['schema'], 'response'> & X & { response: R['schema']['response'] & E } {
  const schema = { ...docs, ...entry.schema, response: { ...errors, ...entry.schema.response } }
  // The spread holds exactly these members; the compiler cannot follow a spread of a generic.
  return schema as unknown as Omit<R['schema'], 'response'> & X & { response: R['schema']['response'] & E }
}

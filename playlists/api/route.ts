import type { Static, TSchema } from 'typebox'

/**
 * One route of the REST API as both sides see it: the server registers it with these very
 * schema objects (validation, serialisation, OpenAPI), the console's client takes its types
 * from them. A response shape changed here changes both, so the console stops compiling where
 * it reads a field that is gone. Only the success answers are named: the refusals all share
 * `ErrorBody`, which the server adds per route and the client reads as an ApiError.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RouteSchema {
  params?: TSchema
  querystring?: TSchema
  body?: TSchema
  /** The 2xx answers by status: 200, 201, 202, or 204 (`Deleted`, no body). */
  response: Record<number, TSchema>
}

export interface Route<
  M extends Method = Method,
  P extends string = string,
  S extends RouteSchema = RouteSchema,
> {
  readonly method: M
  /** Fastify's pattern, `/api/playlists/:id`: what the server registers and the client fills in. */
  readonly path: P
  readonly schema: S
}

export const route = <const M extends Method, const P extends string, const S extends RouteSchema>(
  method: M,
  path: P,
  schema: S,
): Route<M, P, S> => ({ method, path, schema })

/** The body of a route's success answer (a union where it has several; undefined for a 204). */
export type ResponseOf<R extends Route> = {
  [K in keyof R['schema']['response']]: K extends 204
    ? undefined
    : R['schema']['response'][K] extends infer S extends TSchema
      ? Static<S>
      : never
}[keyof R['schema']['response']]

export type ParamsOf<R extends Route> = R['schema'] extends { params: infer P extends TSchema }
  ? Static<P>
  : never
export type QueryOf<R extends Route> = R['schema'] extends { querystring: infer Q extends TSchema }
  ? Static<Q>
  : never
export type BodyOf<R extends Route> = R['schema'] extends { body: infer B extends TSchema }
  ? Static<B>
  : never

import type { ApiRoute } from '@playlists/api/contract'
import type { BodyOf, Method, ParamsOf, QueryOf, ResponseOf, Route } from '@playlists/api/route'

/**
 * The console's calls typed from the route contract (playlists/api/): a path must be one the
 * server declares for that method, the params, query and body must match its schemas, and the
 * answer has the type of its success schema. Types only: the console's bundle carries none of
 * the schemas.
 */

/** The contract's routes for a method and a path pattern (several when the path is a union). */
export type RouteAt<M extends Method, P extends string> = ApiRoute extends infer R
  ? R extends Route
    ? R['method'] extends M
      ? P extends R['path']
        ? R
        : never
      : never
    : never
  : never

/** The path patterns the contract declares for a method: `/api/playlists/:id`. */
export type PathOf<M extends Method> = Extract<ApiRoute, { method: M }>['path']

/**
 * Path segments and query values travel as text: where the schema takes any string (a version
 * number checked by a digits pattern, a page), a number is written as its digits.
 */
type Text<V> = string extends NonNullable<V> ? V | number : V

type PathParams<T> = { [K in keyof T]: Text<T[K]> }

/** An optional query value may also be left out as null or '': `withQuery` drops them. */
type QueryValues<T> = { [K in keyof T]: undefined extends T[K] ? Text<T[K]> | null | '' : Text<T[K]> }

type ParamsPart<R extends Route> = [ParamsOf<R>] extends [never]
  ? { params?: never }
  : { params: PathParams<ParamsOf<R>> }
type QueryPart<R extends Route> = [QueryOf<R>] extends [never]
  ? { query?: never }
  : object extends QueryOf<R>
    ? { query?: QueryValues<QueryOf<R>> }
    : { query: QueryValues<QueryOf<R>> }
type BodyPart<R extends Route> = [BodyOf<R>] extends [never]
  ? { body?: never }
  : object extends BodyOf<R>
    ? { body?: BodyOf<R> }
    : { body: BodyOf<R> }

/** What a call to a route takes beside its path. */
export type OptionsOf<R extends Route> = ParamsPart<R> & QueryPart<R> & BodyPart<R>

export type OptionsAt<M extends Method, P extends string> =
  RouteAt<M, P> extends infer R ? (R extends Route ? OptionsOf<R> : never) : never

/** The options argument: left out when the route needs none. */
export type Args<M extends Method, P extends string> =
  object extends OptionsAt<M, P> ? [options?: OptionsAt<M, P>] : [options: OptionsAt<M, P>]

/** The answer of a call: the body of the route's success response. */
export type AnswerAt<M extends Method, P extends string> =
  RouteAt<M, P> extends infer R ? (R extends Route ? ResponseOf<R> : never) : never

/** The loose shape the client reads options as at run time. */
export interface SentOptions {
  params?: Record<string, string | number>
  query?: Record<string, string | number | boolean | undefined | null>
  body?: unknown
}

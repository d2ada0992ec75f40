import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>
type Compiled = (...args: never[]) => unknown

/**
 * Fastify's own compilers (Ajv for what comes in, fast-json-stringify for what goes out), with
 * what they compile kept for the life of the process, keyed by the schema's text.
 *
 * Fastify compiles every route's schemas again for each app it builds, and that is most of the
 * cost of building one: about 0.6 s of a second on this machine, nearly all of it the response
 * serialisers. A server builds one app and would not notice; but a process that builds many (the
 * test suite builds one per test, about two thousand in a run) paid it every time. The compiled
 * function depends only on the schema, the shared schemas and the compiler's options, so the key
 * is their JSON: two apps with the same options share it, and an app built with other options
 * (coercion, say) compiles its own. (Ajv plugins are functions and not in the key: the app
 * passes none.)
 */
export function sharedCompilers(): CompilersFactory {
  return { buildValidator: sharedValidators, buildSerializer: sharedSerializers }
}

/** One per process: Ajv's own pool keeps one Ajv instance per set of options. */
const ajvPool = AjvCompiler()
const serializerFactory = SerializerSelector()
const validators = new Map<string, Compiled>()
const serializers = new Map<string, Compiled>()

const keyOf = (...parts: unknown[]): string => JSON.stringify(parts)

/** Fastify's validator compiler, remembering each compiled schema across apps. */
const sharedValidators: BuildValidator = (externalSchemas, options) => {
  const compile = ajvPool(externalSchemas, options)
  const settings = keyOf(externalSchemas, options?.customOptions ?? null)
  return (route) => {
    // Fastify lower-cases a headers schema's names itself only for its default compiler.
    const schema = route.httpPart === 'headers' ? lowerCaseNames(route.schema) : route.schema
    const key = keyOf(settings, route.httpPart ?? null, schema)
    let fn = validators.get(key)
    if (!fn) {
      fn = compile({ ...route, schema }) as Compiled
      validators.set(key, fn)
    }
    return fn as ReturnType<typeof compile>
  }
}

/** A headers schema with its property names as Node gives them: lower case. */
function lowerCaseNames<S>(schema: S): S {
  if (!schema || typeof schema !== 'object') return schema
  const { properties, required } = schema as { properties?: Record<string, unknown>; required?: unknown }
  return {
    ...(schema as object),
    ...(properties && {
      properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v])),
    }),
    ...(Array.isArray(required) && { required: required.map((k) => String(k).toLowerCase()) }),
  } as S
}

/** Fastify's serialiser compiler, remembering each compiled schema across apps. */
const sharedSerializers: BuildSerializer = (externalSchemas, options) => {
  const compile = serializerFactory(externalSchemas, options)
  const settings = keyOf(externalSchemas, options ?? null)
  return (route) => {
    const key = keyOf(settings, route.schema)
    let fn = serializers.get(key)
    if (!fn) {
      fn = compile(route) as Compiled
      serializers.set(key, fn)
    }
    return fn as ReturnType<typeof compile>
  }
}

import { isDeepStrictEqual } from 'node:util'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { SNAPSHOTS } from '../auth/snapshots'
import { badRequest } from '../errors'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Fields of the answer a client could mean to change but this route cannot (an account's
     * username, a source's mode, a dataset's rows, which have their own route): sent back
     * unchanged they are dropped like the others; changed, refused, rather than quietly ignored.
     */
    readOnly?: readonly string[]
  }
}

/**
 * Sending an object back as it was read — GET, change one field, PUT — is how scripts and
 * consoles edit, and what a reader of the API tries first. The answers carry fields a client does
 * not write (when it was made, who approved it, the draft's revision, what uses it); the bodies are
 * closed (`additionalProperties: false`) so that a misspelt field is refused rather than ignored.
 * Both hold here: on every PUT and PATCH, a top-level field that the route's own answer carries
 * but its body does not take is dropped before validation, so it is neither refused nor written;
 * any other unknown field is still refused. An `id` among them must name the object in the URL:
 * the body of another object is refused, not quietly applied to this one; and a field the route
 * names `readOnly` must hold what the object holds. Only the object's own route
 * (`/api/…/:id`, answered with the object) takes a read-back: a part's route (`…/:id/rows`)
 * answers with the whole but is written with the part.
 */
export function acceptReadBack(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (!methods.some((m) => m === 'PUT' || m === 'PATCH') || !route.url.endsWith('/:id')) return
    const dropped = answerOnlyFields(route)
    if (dropped.length === 0) return
    const readOnly = route.config?.readOnly ?? []
    const [objectType] = (route.config?.audit ?? '').split('.')
    const snapshot = objectType ? SNAPSHOTS[objectType] : undefined
    const hook = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
      const body = request.body
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return done()
      const fields = body as Record<string, unknown>
      const urlId = (request.params as Record<string, unknown> | undefined)?.id
      if (dropped.includes('id') && 'id' in fields && typeof urlId === 'string' && fields.id !== urlId) {
        return done(
          badRequest(
            'validation.id-mismatch',
            `The body's id ${JSON.stringify(fields.id)} does not match "${urlId}" in the URL.`,
            undefined,
            { id: urlId, bodyId: String(fields.id) },
          ),
        )
      }
      const fixed = readOnly.filter((name) => name in fields)
      if (fixed.length > 0 && typeof urlId === 'string' && snapshot) {
        const stored = snapshot(request.server.repos, urlId) as Record<string, unknown> | undefined
        const changed = stored && fixed.find((name) => !isDeepStrictEqual(fields[name], stored[name]))
        if (changed) {
          return done(
            badRequest(
              'validation.read-only',
              `The field "${changed}" cannot be changed here; send it as it was read, or leave it out.`,
              undefined,
              { name: changed },
            ),
          )
        }
      }
      for (const name of dropped) delete fields[name]
      done()
    }
    const existing = route.preValidation
    route.preValidation =
      existing === undefined ? hook : [...(Array.isArray(existing) ? existing : [existing]), hook]
  })
}

interface ObjectSchema {
  properties?: Record<string, unknown>
  additionalProperties?: unknown
}

const asObject = (schema: unknown): ObjectSchema | null =>
  typeof schema === 'object' && schema !== null && 'properties' in schema ? (schema as ObjectSchema) : null

/** The fields of the route's success answer (the object, with its `id`) that its closed body does not take. */
export function answerOnlyFields(route: Pick<RouteOptions, 'schema'>): string[] {
  const schema = route.schema as { body?: unknown; response?: Record<string, unknown> } | undefined
  const body = asObject(schema?.body)
  if (!body?.properties || body.additionalProperties !== false) return []
  const answer = asObject(schema?.response?.['200'] ?? schema?.response?.[200])
  // An object answers with its id; a wrapper (a site's alert rules) is not read back.
  if (!answer?.properties || !('id' in answer.properties)) return []
  const taken = new Set(Object.keys(body.properties))
  return Object.keys(answer.properties).filter((name) => !taken.has(name))
}

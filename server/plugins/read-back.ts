import { isDeepStrictEqual } from 'node:util'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { SNAPSHOTS } from '../auth/snapshots'
import { badRequest } from '../errors'

/**
 * Answer fields the server changes by itself as time goes on (when something happened, counters
 * and revisions, what uses the object): one read a moment ago may already differ, so they are
 * dropped whatever they hold. Every other answer-only field is the object's own (an account's
 * username, a medium's size, a source's mode, a dataset's rows, which have their own route): sent
 * back as stored it is dropped; changed, it is refused rather than quietly ignored.
 */
const CHANGES_BY_ITSELF = new Set([
  'draftRevision',
  'publishedRevision',
  'hasUnpublishedChanges',
  'liveVersion',
  'entryCount',
  'lastOutcome',
  'lastError',
  'lastErrorCode',
  'lastErrorParams',
  'failingSince',
  'deliveries',
  'screens',
  'hasSecret',
])
const changesByItself = (name: string) => name.endsWith('At') || CHANGES_BY_ITSELF.has(name)

/**
 * Sending an object back as it was read — GET, change one field, PUT — is how scripts and
 * consoles edit, and what a reader of the API tries first. The answers carry fields a client does
 * not write (when it was made, the draft's revision, what uses it, a medium's measured size); the
 * bodies are closed (`additionalProperties: false`) so that a misspelt field is refused rather
 * than ignored. Both hold here: on every PUT and PATCH of an object, a top-level field that the
 * route's own answer carries but its body does not take is dropped before validation when it
 * holds what the object holds (or is one that changes by itself), and refused when it was
 * changed; any other unknown field is still refused. An `id` among them must name the object in
 * the URL: the body of another object is refused, not applied to this one. Only the object's own
 * route (`/api/…/:id`, answered with the object) takes a read-back: a part's route (`…/:id/rows`)
 * answers with the whole but is written with the part.
 */
export function acceptReadBack(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (!methods.some((m) => m === 'PUT' || m === 'PATCH') || !route.url.endsWith('/:id')) return
    const dropped = answerOnlyFields(route)
    if (dropped.length === 0) return
    const compared = dropped.filter((name) => name !== 'id' && !changesByItself(name))
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
      const sent = compared.filter((name) => name in fields)
      if (sent.length > 0 && typeof urlId === 'string' && snapshot) {
        // The object as stored (what the audit's "before" reads): a field it does not hold is
        // the answer's own making (a medium's URLs) and is only dropped.
        const stored = snapshot(request.server.repos, urlId) as Record<string, unknown> | undefined
        const changed =
          stored && sent.find((name) => name in stored && !isDeepStrictEqual(fields[name], stored[name]))
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

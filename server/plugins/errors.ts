import { ID_PATTERN } from '@playlists/schemas/common'
import type { ErrorCode, ErrorParams } from '@playlists/schemas/error-codes'
import { ITEM_KINDS } from '@playlists/schemas/items'
import { SPECIFICITY } from '@playlists/schemas/schedule'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isBusy } from '../db/errors'
import { DomainError, errorBody, statusOf } from '../errors'

/** A busy database is another writer's moment; a second later it is usually free. */
const BUSY_RETRY_AFTER_S = 1

interface ValidationIssue {
  instancePath: string
  message?: string
  params?: Record<string, unknown>
  keyword?: string
}

/** `/items/0/durationMs` → `items[0].durationMs`: the way people read a field's place. */
export function fieldPath(context: string | undefined, instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  let out = context ?? ''
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part
  return out
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  object: 'a JSON object',
  array: 'a list',
  boolean: 'true or false',
  null: 'null',
}

/** The values each tagged union accepts, for "unknown kind" messages. */
const TAG_VALUES: Record<string, readonly string[]> = {
  kind: ITEM_KINDS,
  type: Object.keys(SPECIFICITY),
}

function describe(issue: ValidationIssue, all: readonly ValidationIssue[] = [issue]): string {
  const p = issue.params ?? {}
  switch (issue.keyword) {
    case 'required':
      return `needs the field "${String(p.missingProperty)}"`
    case 'additionalProperties':
      return `has an unknown field "${String(p.additionalProperty)}"`
    case 'minimum':
      return `must be at least ${String(p.limit)}`
    case 'maximum':
      return `must be at most ${String(p.limit)}`
    case 'minLength':
      return Number(p.limit) === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`
    case 'maxLength':
      return `must have at most ${String(p.limit)} characters`
    case 'maxItems':
      return `must have at most ${String(p.limit)} entries`
    case 'minItems':
      return `must have at least ${String(p.limit)} ${Number(p.limit) === 1 ? 'entry' : 'entries'}`
    case 'const': {
      // A union of literals fails once per literal: name them all.
      const allowed = all
        .filter((i) => i.keyword === 'const' && i.instancePath === issue.instancePath)
        .map((i) => JSON.stringify(i.params?.allowedValue))
      return allowed.length > 1 ? `must be one of ${allowed.join(', ')}` : `must be ${allowed[0]}`
    }
    case 'pattern':
      return p.pattern === ID_PATTERN
        ? 'must be a slug: lower-case letters a–z, digits and dashes, e.g. tan-thanh-led'
        : 'does not have the expected form'
    case 'type':
      return `must be ${TYPE_NAMES[String(p.type)] ?? String(p.type)}`
    case 'discriminator': {
      const tag = String(p.tag)
      const values = TAG_VALUES[tag]
      return `has an unknown "${tag}"${values ? `; use ${values.join(', ')}` : ''}`
    }
    default:
      return issue.message ?? 'is not valid'
  }
}

/** The catalogue's code for a schema keyword, and the values its sentence names. */
function issueCode(issue: ValidationIssue): { code: ErrorCode; params?: ErrorParams } {
  const p = issue.params ?? {}
  const limit = typeof p.limit === 'number' ? { limit: p.limit } : undefined
  switch (issue.keyword) {
    case 'required':
      return { code: 'validation.required', params: { name: String(p.missingProperty) } }
    case 'additionalProperties':
      return { code: 'validation.unknown-field', params: { name: String(p.additionalProperty) } }
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'validation.too-small', params: limit }
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'validation.too-big', params: limit }
    case 'minLength':
      return Number(p.limit) === 1
        ? { code: 'validation.empty' }
        : { code: 'validation.too-short', params: limit }
    case 'maxLength':
      return { code: 'validation.too-long', params: limit }
    case 'minItems':
      return { code: 'validation.too-few', params: limit }
    case 'maxItems':
      return { code: 'validation.too-many', params: limit }
    case 'const':
    case 'enum':
      return { code: 'validation.one-of' }
    case 'pattern':
      return { code: p.pattern === ID_PATTERN ? 'validation.slug' : 'validation.form' }
    case 'format':
      return { code: 'validation.form', params: { format: String(p.format) } }
    case 'type':
      return { code: 'validation.type', params: { type: String(p.type) } }
    case 'discriminator':
      return { code: 'validation.unknown-kind', params: { tag: String(p.tag) } }
    default:
      return { code: 'validation.field' }
  }
}

/** Where a required field is missing, the field is the missing one, not the object around it. */
function issueField(context: string | undefined, issue: ValidationIssue): string {
  const missing = issue.keyword === 'required' ? issue.params?.missingProperty : undefined
  return fieldPath(
    context,
    typeof missing === 'string' ? `${issue.instancePath}/${missing}` : issue.instancePath,
  )
}

/**
 * A union of literals fails once per literal, plus once for the union itself: one line per field
 * and problem, without the union's generic line when a specific one says more.
 */
function distinctProblems(list: { field: string; problem: string }[]) {
  const specific = new Set(
    list.filter((d) => !d.problem.startsWith('must match a schema')).map((d) => d.field),
  )
  const seen = new Set<string>()
  return list.filter((d) => {
    const key = `${d.field}\u0000${d.problem}`
    if (seen.has(key) || (specific.has(d.field) && d.problem.startsWith('must match a schema'))) return false
    seen.add(key)
    return true
  })
}

/** Fastify's and its plugins' own refusals, by their error code. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.content-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too-large',
  FST_REQ_FILE_TOO_LARGE: 'request.too-large',
  FST_ERR_CTP_INVALID_TYPE: 'request.content-type',
}

/** A refusal Fastify or a plugin raised: its own code when known, else the generic one of its status. */
function fastifyCode(error: FastifyError, status: number): ErrorCode {
  const known = error.code ? FASTIFY_CODES[error.code] : undefined
  if (known) return known
  if (error instanceof SyntaxError) return 'request.malformed'
  if (status === 413) return 'request.too-large'
  if (status === 415) return 'request.content-type'
  if (status === 408) return 'request.too-slow'
  return 'request.refused'
}

/**
 * The router's own refusals (a path that does not decode, a parameter past maxParamLength), which
 * Fastify answers before any hook or error handler: given to the Fastify constructor.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'request.url-too-long'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'request.bad-url'
        : 'server.failed'
  const status = code === 'server.failed' ? 500 : (error.statusCode ?? 400)
  void reply.code(status).send(errorBody(status, code, error.message))
}

/**
 * One error shape for the whole API: `{ statusCode, error, message, code, field?, params?, details? }`.
 * `code` comes from the catalogue (playlists/schemas/error-codes.ts) so clients never read the
 * sentence; 4xx messages say what to change; 5xx messages hide internals (the log has them).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const issues = error.validation as ValidationIssue[]
      const context = error.validationContext
      const first = issues[0]
      const where = first ? fieldPath(context, first.instancePath) : (context ?? 'request')
      const message = first ? `${where || context} ${describe(first, issues)}.` : error.message
      const head = first ? issueCode(first) : { code: 'validation.field' as const }
      return reply.code(400).send(
        errorBody(400, head.code, message, {
          field: first ? issueField(context, first) : context,
          params: head.params,
          details: distinctProblems(
            issues.map((i) => ({
              field: fieldPath(context, i.instancePath),
              problem: describe(i, issues),
              ...issueCode(i),
            })),
          ),
        }),
      )
    }
    if (error instanceof DomainError) {
      const status = statusOf(error)
      const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
      if ((status === 429 || status === 503) && retry !== undefined)
        reply.header('Retry-After', String(retry))
      return reply.code(status).send(errorBody(status, error.code, error.message, error))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // Fastify's and plugins' own 4xx (bad JSON, wrong content type, body too large…).
      return reply.code(status).send(errorBody(status, fastifyCode(error, status), error.message))
    }
    if (isBusy(error)) {
      // Another writer (a backup, a maintenance command, another node) held the database past
      // the busy timeout: nothing is wrong with the request, and nothing was written.
      request.log.warn({ err: error }, 'database busy: refused')
      return reply
        .code(503)
        .header('Retry-After', String(BUSY_RETRY_AFTER_S))
        .send(
          errorBody(
            503,
            'server.busy',
            "The server's database is busy; nothing was changed. Try again in a moment.",
          ),
        )
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply
      .code(500)
      .send(
        errorBody(
          500,
          'server.failed',
          'Something went wrong on the server. It has been logged; try again, and tell the administrator if it persists.',
        ),
      )
  })

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(
        errorBody(
          404,
          'route.not-found',
          `Nothing at ${request.method} ${request.url.split('?')[0]}. The API is described at /docs.`,
          { params: { method: request.method } },
        ),
      )
  })
}

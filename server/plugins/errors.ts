import type { FastifyError, FastifyInstance } from 'fastify'
import { ID_PATTERN } from '../../playlists/schemas/common'
import { ITEM_KINDS } from '../../playlists/schemas/items'
import { SPECIFICITY } from '../../playlists/schemas/schedule'
import { isBusy } from '../db/errors'
import { HttpError } from '../errors'

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

/**
 * One error shape for the whole API: `{ statusCode, error, message, details? }`.
 * 4xx messages say what to change; 5xx messages hide internals (the log has them).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const issues = error.validation as ValidationIssue[]
      const context = error.validationContext
      const first = issues[0]
      const where = first ? fieldPath(context, first.instancePath) : (context ?? 'request')
      const message = first ? `${where || context} ${describe(first, issues)}.` : error.message
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message,
        details: distinctProblems(
          issues.map((i) => ({ field: fieldPath(context, i.instancePath), problem: describe(i, issues) })),
        ),
      })
    }
    if (error instanceof HttpError) {
      const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
      if ((error.statusCode === 429 || error.statusCode === 503) && retry !== undefined)
        reply.header('Retry-After', String(retry))
      return reply.code(error.statusCode).send({
        statusCode: error.statusCode,
        error: statusText(error.statusCode),
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // Fastify's and plugins' own 4xx (bad JSON, wrong content type, body too large…).
      return reply
        .code(status)
        .send({ statusCode: status, error: statusText(status), message: error.message })
    }
    if (isBusy(error)) {
      // Another writer (a backup, a maintenance command, another node) held the database past
      // the busy timeout: nothing is wrong with the request, and nothing was written.
      request.log.warn({ err: error }, 'database busy: refused')
      return reply.code(503).header('Retry-After', String(BUSY_RETRY_AFTER_S)).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: "The server's database is busy; nothing was changed. Try again in a moment.",
      })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.code(500).send({
      statusCode: 500,
      error: 'Internal Server Error',
      message:
        'Something went wrong on the server. It has been logged; try again, and tell the administrator if it persists.',
    })
  })

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `Nothing at ${request.method} ${request.url.split('?')[0]}. The API is described at /docs.`,
    })
  })
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
}

const statusText = (code: number): string => STATUS_TEXT[code] ?? 'Error'

import Type from 'typebox'

/**
 * Every number a client sends (an HTTP body, a socket event, a play) has bounds that fit where
 * it is stored. SQLite's INTEGER holds 64 bits, but a JSON number past 2^53 has already lost
 * digits on its way through JavaScript, and one past 2^63 becomes a REAL that a STRICT table
 * refuses: a heartbeat whose `version` was `1e19` passed the socket schema and failed the
 * write. So every integer is at most 2^53 − 1, or the tighter limit of its domain, and
 * `unboundedNumbers` finds any schema that forgot (the server refuses to start with one on a
 * route; a test walks every socket event's schema).
 */

/** The largest integer JavaScript holds exactly (2^53 − 1). */
export const INTEGER_MAX = Number.MAX_SAFE_INTEGER

/**
 * Instants in ms since the Unix epoch end with year 9999: ISO 8601 text, which the database and
 * the API write instants in, has four digits of year.
 */
export const EPOCH_MS_MAX = 253_402_300_799_999

/**
 * Version numbers count submissions and publishes, a few a day; nine digits is what the
 * version routes accept in a URL (`/versions/:n`).
 */
export const VERSION_MAX = 999_999_999

/** A span of time in ms a client reports (uptime, clock offset): a century either way is nonsense. */
export const SPAN_MS_MAX = 100 * 366 * 86_400_000

/** Bytes a client reports (memory, storage): a petabyte is past any screen PC. */
export const BYTES_MAX = 2 ** 50

/** A version number, from 1. */
export const VersionNumber = (options: { minimum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: 1, maximum: VERSION_MAX, ...options })

/** An instant in ms since the Unix epoch. */
export const EpochMs = (options: { description?: string } = {}) =>
  Type.Integer({ minimum: 0, maximum: EPOCH_MS_MAX, ...options })

/** A whole count or size, from 0 up to `maximum`. */
export const Count = (maximum = INTEGER_MAX, options: { minimum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: 0, maximum, ...options })

interface NumberNode {
  type?: unknown
  minimum?: unknown
  maximum?: unknown
  exclusiveMinimum?: unknown
  exclusiveMaximum?: unknown
}

const isNumeric = (type: unknown): boolean =>
  type === 'integer' || type === 'number' || (Array.isArray(type) && type.some(isNumeric))

const within = (bound: unknown): boolean =>
  typeof bound === 'number' && Number.isFinite(bound) && Math.abs(bound) <= INTEGER_MAX

/** Keys whose values are sub-schemas, alone or in a list or a map. */
const SUBSCHEMA_KEYS = [
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$defs',
  'definitions',
] as const

/**
 * The places (JSON pointers) in a JSON schema where a number has no lower or no upper bound
 * within ±(2^53 − 1). An empty list means every number the schema accepts can be stored.
 */
export function unboundedNumbers(schema: unknown, at = ''): string[] {
  if (schema === null || typeof schema !== 'object') return []
  const node = schema as NumberNode & Record<string, unknown>
  const found: string[] = []
  if (isNumeric(node.type)) {
    const low = within(node.minimum) || within(node.exclusiveMinimum)
    const high = within(node.maximum) || within(node.exclusiveMaximum)
    if (!low || !high) found.push(at || '/')
  }
  for (const key of SUBSCHEMA_KEYS) {
    const child = node[key]
    if (child === undefined || typeof child === 'boolean') continue
    if (Array.isArray(child)) {
      for (const [i, c] of child.entries()) found.push(...unboundedNumbers(c, `${at}/${key}/${i}`))
    } else if (
      key === 'properties' ||
      key === 'patternProperties' ||
      key === '$defs' ||
      key === 'definitions'
    )
      for (const [name, c] of Object.entries(child as Record<string, unknown>))
        found.push(...unboundedNumbers(c, `${at}/${name}`))
    else found.push(...unboundedNumbers(child, at + (key === 'items' ? '/items' : `/${key}`)))
  }
  return found
}

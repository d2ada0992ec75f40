/**
 * Numbers that fit no field of Gatecast, as the JSON text an attacker writes (a JSON encoder
 * would never write 1e400, and would round 2^63 + 1): past 2^53, past 2^63, at the ends of the
 * doubles, beyond them (JSON.parse makes them ±Infinity), and in exponent notation.
 */
export const OUT_OF_RANGE = [
  '1e19',
  '1E+19',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '1e400',
  '-1e400',
  '2.5e15',
]

/** Odd numbers some fields accept and some refuse: never a 5xx either way. */
export const ODD_NUMBERS = [
  '-0',
  '0.0',
  '1e-400',
  '4.9e-324',
  '1.5',
  '-1',
  '"NaN"',
  '"Infinity"',
  '"1e19"',
  'null',
]

/** Both kinds, for the random fuzz: raw JSON texts to put where a value goes. */
export const NUMERIC_TEXTS = [...OUT_OF_RANGE, ...ODD_NUMBERS]

const MARK = '\u0000number\u0000'

/** `body` as JSON text with the value at `pointer` (e.g. /items/0/durationMs) replaced by `raw`. */
export function placeRaw(body: object, pointer: string, raw: string): string {
  const copy = structuredClone(body) as Record<string, unknown>
  const parts = pointer.split('/').slice(1)
  let at: Record<string, unknown> = copy
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>
  at[parts.at(-1)!] = MARK
  return JSON.stringify(copy).replace(JSON.stringify(MARK), raw)
}

/** The names of the properties holding a number anywhere in a JSON schema (list entries by their list). */
export function numericLeaves(schema: unknown, name = ''): string[] {
  if (schema === null || typeof schema !== 'object') return []
  const node = schema as Record<string, unknown>
  const found = node.type === 'integer' || node.type === 'number' ? [name] : []
  for (const [key, child] of Object.entries(node.properties ?? {})) found.push(...numericLeaves(child, key))
  if (node.items) found.push(...numericLeaves(node.items, name))
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const child of (node[key] as unknown[] | undefined) ?? []) found.push(...numericLeaves(child, name))
  return [...new Set(found)]
}

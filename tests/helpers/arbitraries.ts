import fc from 'fast-check'
import { NUMERIC_TEXTS } from './numbers'

/**
 * Hostile input for the fuzz tests, as raw JSON text so that keys such as `__proto__` reach the
 * server exactly as an attacker would send them (an object literal would swallow them).
 */

/** Keys that have broken JavaScript servers: prototype pollution and friends. */
export const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    '..\\..\\windows',
    '%00',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    'Cửa khẩu Hữu Nghị',
    '友谊关',
    '🇻🇳',
    '\u202eevil',
    'x'.repeat(10_000),
    'javascript:alert(1)',
    'https://evil.example/',
    '2026-02-30T25:61:00Z',
    '1e400',
  ),
)

const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(
    0,
    -0,
    -1,
    2 ** 31,
    2 ** 53,
    2 ** 63,
    -(2 ** 63),
    1e19,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    1.5,
  ),
  fc.boolean(),
  fc.constant(null),
)

/** JSON text of an arbitrary value, up to a few levels deep, with dangerous keys mixed in. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((v) => JSON.stringify(v)),
    // Numbers as written, not as JSON.stringify would write them: 1e400, 2^63 + 1, -0, "NaN".
    fc.constantFrom(...NUMERIC_TEXTS),
    fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
    fc
      .array(
        fc.tuple(fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 })), tie('value')),
        {
          maxLength: 6,
        },
      )
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value

/** An object with the route's own field names (so validation is passed further) and hostile values. */
export function bodyFor(fields: readonly string[]): fc.Arbitrary<string> {
  const key =
    fields.length > 0
      ? fc.oneof(fc.constantFrom(...fields), fc.constantFrom(...DANGEROUS_KEYS))
      : fc.constantFrom(...DANGEROUS_KEYS)
  return fc
    .array(fc.tuple(key, jsonText), { maxLength: Math.max(2, fields.length + 2) })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)
}

/** Bodies no JSON parser should survive badly: broken syntax, deep nesting, huge documents. */
export const malformedText = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    '{"a":1}}',
    "{'single':'quotes'}",
    'NaN',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '\uFEFF{}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `{"a":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`,
    `{"big":"${'x'.repeat(1_100_000)}"}`,
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
)

/** A value for a path parameter: real ids (so handlers run), and hostile ones. */
export const pathValue = (known: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.string({ maxLength: 20 }).filter((s) => !s.includes('/') && !s.includes('?') && !s.includes('#')),
    fc.constantFrom('..', '%2e%2e', '%2F', 'x'.repeat(500), '0', '-1', '1e9', '__proto__', 'constructor'),
  )

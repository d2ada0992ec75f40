import { ERROR_CODES, isErrorCode } from '@playlists/schemas/error-codes'
import { KIND_STATUS } from '@server/errors'
import { expect } from 'vitest'

/** Codes whose status is whatever Fastify or a plugin chose: the catalogue gives only a nominal kind. */
const ANY_STATUS = new Set(['request.refused'])

/**
 * Checks an error answer carries the catalogue's details beside its message: a known `code` whose
 * kind maps to the status sent, a `field` that is text when present, and `params` of plain values.
 * Returns the code, for a test to count which it saw.
 */
export function expectCatalogued(status: number, body: unknown, where: string): string {
  const b = body as {
    code?: unknown
    message?: unknown
    field?: unknown
    params?: unknown
    statusCode?: unknown
  }
  expect(
    isErrorCode(b.code),
    `${where}: ${status} without a catalogue code: ${JSON.stringify(body)?.slice(0, 300)}`,
  ).toBe(true)
  const code = b.code as keyof typeof ERROR_CODES
  if (!ANY_STATUS.has(code)) expect(status, `${where}: ${code}`).toBe(KIND_STATUS[ERROR_CODES[code]])
  expect(b.statusCode, where).toBe(status)
  expect(typeof b.message, where).toBe('string')
  if (b.field !== undefined) expect(typeof b.field, where).toBe('string')
  if (b.params !== undefined) {
    for (const value of Object.values(b.params as Record<string, unknown>))
      expect(['string', 'number', 'boolean'], `${where}: params`).toContain(typeof value)
  }
  return code
}

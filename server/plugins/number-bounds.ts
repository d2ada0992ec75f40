import { unboundedNumbers } from '@playlists/schemas/numbers'
import type { FastifyInstance } from 'fastify'

/** The parts of a request a client writes. Answers are ours, so their schemas need no bounds. */
const INPUTS = ['body', 'querystring', 'params', 'headers'] as const

/**
 * Refuses to start with a route whose input accepts a number without bounds that fit the
 * database (playlists/schemas/numbers.ts): such a number passes validation and then fails the
 * write, and the class of bug is caught here rather than by an attacker.
 */
export function requireBoundedNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    for (const part of INPUTS) {
      const places = unboundedNumbers(route.schema?.[part])
      if (places.length === 0) continue
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method
      throw new Error(
        `${methods} ${route.url}: the ${part} schema accepts numbers without bounds at ${places.join(', ')}; ` +
          'give each a minimum and a maximum within ±(2^53 − 1) (playlists/schemas/numbers.ts).',
      )
    }
  })
}

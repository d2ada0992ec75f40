import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/**
 * Security headers on every answer, and a Content-Security-Policy per kind of page:
 * - the player may reach only its own origin, and frame only the web pages' allow-listed
 *   origins (read on each load, so a change to the allow-list holds at the next start);
 * - the console only its own origin, framing only the player (the officials' preview);
 * - media files are never run as documents (an SVG opened directly has no script);
 * - JSON answers are not documents at all.
 * Styles set through the DOM (Preact's style props, the player's renderers) need no
 * 'unsafe-inline'; nothing in Gatecast uses inline scripts or eval.
 */

const COMMON: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
}

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')

const BASE = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'media-src': "'self' blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
}

export function playerPolicy(webOrigins: readonly string[]): string {
  return policy({
    ...BASE,
    // Web-page items, and nothing else, in frames.
    'frame-src': webOrigins.length > 0 ? webOrigins.join(' ') : "'none'",
    // The console's preview shows the player in a frame of the same origin; nobody else may.
    'frame-ancestors': "'self'",
  })
}

export const CONSOLE_POLICY = policy({ ...BASE, 'frame-src': "'self'", 'frame-ancestors': "'none'" })
const MEDIA_POLICY = policy({
  'default-src': "'none'",
  'img-src': "'self'",
  'media-src': "'self'",
  sandbox: '',
})
const API_POLICY = policy({ 'default-src': "'none'", 'frame-ancestors': "'none'" })

/** Header sets fixed at start, each set as a whole on every answer of its kind. */
const API_HEADERS = { ...COMMON, 'Content-Security-Policy': API_POLICY, 'X-Frame-Options': 'DENY' }
const CONSOLE_HEADERS = { ...COMMON, 'Content-Security-Policy': CONSOLE_POLICY, 'X-Frame-Options': 'DENY' }
const MEDIA_HEADERS = { ...COMMON, 'Content-Security-Policy': MEDIA_POLICY }

export function registerSecurityHeaders(app: FastifyInstance): void {
  // Synchronous: it runs on every answer, and an async hook costs a promise and a microtask each.
  app.addHook(
    'onSend',
    (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
      const path = request.url
      if (path.startsWith('/api/') || path === '/metrics') reply.headers(API_HEADERS)
      else if (path.startsWith('/player/')) {
        reply.headers(COMMON)
        reply.header('Content-Security-Policy', playerPolicy(app.repos.webOrigins.list()))
      } else if (path.startsWith('/console/')) reply.headers(CONSOLE_HEADERS)
      // The root icon is an SVG: like media, never a document that could run.
      else if (path.startsWith('/media/') || path === '/favicon.ico') reply.headers(MEDIA_HEADERS)
      // /docs: Swagger UI's own page, which needs its inline scripts; no policy is better than a wrong one.
      else reply.headers(COMMON)
      done(null, payload)
    },
  )
}

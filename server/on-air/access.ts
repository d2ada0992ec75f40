import type { Site } from '@playlists/schemas/site'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BadCredentials, resolveCredentials } from '../auth/actor'
import { refuse } from '../domain-error'
import { unauthorized } from '../errors'

/**
 * May this request read the site's on-air feed? Throws the refusal otherwise: 404 while the feed
 * is off (as if there were none), 401 when a token is needed and none, or a bad one, came.
 *
 * The token is an API token, in the Authorization header or, since feed readers rarely let one
 * set a header, the `token` query parameter. A screen's token is refused: screens play, they do
 * not read feeds. A session cookie does not count either: the feed is for readers outside.
 */
export function checkOnAirAccess(app: FastifyInstance, site: Site, request: FastifyRequest, token?: string) {
  const access = app.repos.sites.onAirFeed(site.id)
  if (access === 'off')
    throw refuse('on-air.off', `Site "${site.id}" publishes no on-air feed.`, { params: { id: site.id } })
  if (access === 'public') return
  const authorization = request.headers.authorization ?? (token === undefined ? undefined : `Bearer ${token}`)
  if (authorization === undefined)
    throw unauthorized(
      'on-air.token-required',
      `The on-air feed of site "${site.id}" needs an API token: send it as "Authorization: Bearer …" or in the token query parameter.`,
      { id: site.id },
    )
  try {
    const { actor } = resolveCredentials(app.repos, { authorization })
    if (actor.kind === 'user' && actor.via === 'token') return
  } catch (error) {
    if (!(error instanceof BadCredentials)) throw error
  }
  throw unauthorized(
    'on-air.token-invalid',
    'This token is not a valid Gatecast API token: it may be mistyped, revoked or expired.',
    { id: site.id },
  )
}

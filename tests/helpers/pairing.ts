import type { PairingStarted, PairingState } from '@playlists/schemas/pairing'
import type { FastifyInstance } from 'fastify'
import type { Member } from './app'

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` })

/** A new player's first step, as the player does it: no credentials (an empty cookie stops the admin default). */
export async function startPairing(app: FastifyInstance): Promise<PairingStarted> {
  const res = await app.inject({ method: 'POST', url: '/api/pairing', headers: { cookie: '' } })
  if (res.statusCode !== 201) throw new Error(`POST /api/pairing: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** The player polling its request with its pairing secret. */
export const pollPairing = (app: FastifyInstance, started: Pick<PairingStarted, 'id' | 'secret'>) =>
  app.inject({ method: 'GET', url: `/api/pairing/${started.id}`, headers: bearer(started.secret) })

/**
 * Pairs a screen through the real API, as a player and an operator would: the player asks for a
 * code, `as` (the test's editor by default, else the admin) binds it, the player collects the
 * screen's token. Returns the token.
 */
export async function pairScreen(app: FastifyInstance, screenId: string, as?: Member): Promise<string> {
  const started = await startPairing(app)
  const bound = await app.inject({
    method: 'POST',
    url: `/api/screens/${screenId}/pair`,
    payload: { code: started.code },
    ...(as ? { headers: as.headers } : {}),
  })
  if (bound.statusCode !== 200) throw new Error(`pairing ${screenId}: ${bound.statusCode} ${bound.body}`)
  const collected = await pollPairing(app, started)
  const state = collected.json() as PairingState
  if (state.status !== 'paired')
    throw new Error(`pairing ${screenId}: ${collected.statusCode} ${collected.body}`)
  return state.token
}

/**
 * A screen's token straight from the repository, for tests about something else that need many
 * players fast (pairing itself is tested through the API). Does not revoke the screen's others.
 */
export const screenToken = (app: FastifyInstance, screenId: string): string =>
  app.repos.screenTokens.issue(screenId).secret

/**
 * The address a provisioned player opens: the token travels in the fragment, which the player
 * stores and then removes from the address (and which no server log ever sees).
 */
export const playerUrl = (base: string, token: string, query = ''): string =>
  `${base}/player/${query ? `?${query.replace(/^\?/, '')}` : ''}#token=${token}`

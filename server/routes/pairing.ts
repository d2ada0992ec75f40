import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { screensApi } from '@playlists/api/places'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import {
  PairingStarted,
  PairingState,
  ScreenTokenInfo,
  TokenRotated,
  TokenScreen,
  TokensRevoked,
} from '@playlists/schemas/pairing'
import Type from 'typebox'
import { PairingService } from '../auth/pairing'
import { forbidden } from '../errors'
import { schemaOf } from './contract'

const tags = ['pairing']
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  429: ErrorBody,
}

/**
 * Pairing players with screens, and the screens' tokens. A new player asks for a code and shows
 * it; an operator binds the code to a screen; the player collects the screen's token and uses it
 * for everything after (server/auth/pairing.ts has the rules).
 */
export const pairingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pairing = new PairingService(app)

  app.post(
    '/api/pairing',
    {
      config: { permission: 'public', audit: 'pairing.start' },
      schema: {
        tags,
        summary: 'A new player asks for a pairing code to show',
        description: `Returns the code to show and a secret to poll with. Codes expire; open codes are limited per address.`,
        response: { 201: PairingStarted, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(pairing.start(req)),
  )

  app.get(
    '/api/pairing/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "The player polls its code: pending, or bound (then the screen's token, once)",
        description:
          'Needs the pairing secret as "Authorization: Bearer gcp_…". 410 once the code has expired or the token was collected.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 63 }) }),
        response: { 200: PairingState, ...errors },
      },
    },
    async (req) => pairing.collect(req, req.params.id),
  )

  app.post(
    screensApi.pair.path,
    {
      config: { permission: 'screens:operate', audit: 'screen.pair' },
      schema: schemaOf(screensApi.pair, errors, {
        tags,
        summary: 'Bind the code a player shows to this screen',
        description:
          "The player then collects the screen's token, and the screen's older tokens are revoked: re-pairing replaces the old player.",
      }),
    },
    async (req) => pairing.pair(req, req.params.id, req.body.code),
  )

  app.get(
    '/api/screens/:id/tokens',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: "The screen's tokens, revoked ones included (never their secrets)",
        params: IdParams,
        response: { 200: Type.Array(ScreenTokenInfo), ...errors },
      },
    },
    async (req) => {
      app.repos.screens.get(req.params.id)
      return app.repos.screenTokens.list(req.params.id)
    },
  )

  app.delete(
    '/api/screens/:id/tokens',
    {
      config: { permission: 'settings:write', audit: 'screen.tokens-revoke' },
      schema: {
        tags,
        summary: 'Revoke every token of the screen: its players are disconnected at once',
        params: IdParams,
        response: { 200: TokensRevoked, ...errors },
      },
    },
    async (req) => pairing.revoke(req.params.id),
  )

  app.post(
    '/api/screens/:id/tokens/rotate',
    {
      config: { permission: 'settings:write', audit: 'screen.tokens-rotate' },
      schema: {
        tags,
        summary: "Give the screen's connected player a new token, then revoke the old one",
        description: '409 when no player of the screen is connected, or none confirmed the new token.',
        params: IdParams,
        response: { 200: TokenRotated, ...errors },
      },
    },
    async (req) => pairing.rotate(req.params.id),
  )

  app.get(
    '/api/player/screen',
    {
      config: { permission: 'screen' },
      schema: {
        tags,
        summary: "Which screen the calling player's token belongs to",
        description: 'For a player provisioned with a token alone (#token=… in its address).',
        response: { 200: TokenScreen, ...errors },
      },
    },
    async (req) => {
      if (req.actor.kind !== 'screen')
        throw forbidden('auth.screen-only', 'Only a paired screen may use this.')
      const screen = app.repos.screens.get(req.actor.screenId)
      return { screenId: screen.id, name: screen.name }
    },
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody } from '@playlists/schemas/common'
import {
  PLAYS_LIST_MAX,
  PLAYS_LIST_RANGE_MS_MAX,
  PLAYS_LIST_SIZES,
  PLAYS_SUMMARY_RANGE_MS_MAX,
  PlayList,
  PlaySummary,
  PlaysQuery,
  PlaysSummaryQuery,
} from '@playlists/schemas/plays'
import { asBuffer } from '../compute/pool'
import { badRequest } from '../errors'
import type { PlayRange } from '../repositories/plays'
import { limitOf } from './paging'

const tags = ['plays']
const DAY_MS = 86_400_000

/** The range as instants; refused when empty, reversed or longer than `maxMs`. */
function rangeOf(query: { from: string; to: string; screenId?: string }, maxMs: number): PlayRange {
  const fromMs = Date.parse(query.from)
  const toMs = Date.parse(query.to)
  if (!(toMs > fromMs)) throw badRequest('range.reversed', 'to must be after from.', [{ field: 'to' }])
  if (toMs - fromMs > maxMs) {
    throw badRequest(
      'range.too-long',
      `The range is too long: at most ${maxMs / DAY_MS} days. Ask for a shorter one.`,
      [{ field: 'to' }],
      { maxDays: maxMs / DAY_MS },
    )
  }
  return { fromMs, toMs, screenId: query.screenId }
}

export const playRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { plays } = app.repos

  app.get(
    '/api/plays',
    {
      config: { permission: 'preview' },

      schema: {
        tags,
        summary: 'Proof of play: every item shown, by start, for one screen or all',
        description:
          `Plays that start in [from, to), at most ${PLAYS_LIST_RANGE_MS_MAX / DAY_MS} days and ` +
          `${PLAYS_LIST_MAX} plays per answer; "truncated" says more remain.`,
        querystring: PlaysQuery,
        response: { 200: PlayList, 400: ErrorBody },
      },
    },
    async (req) => {
      return plays.list(rangeOf(req.query, PLAYS_LIST_RANGE_MS_MAX), limitOf(req.query, PLAYS_LIST_SIZES))
    },
  )

  app.get(
    '/api/plays/summary',
    {
      config: { permission: 'preview' },

      schema: {
        tags,
        summary: 'Plays and seconds on air per local day, screen, playlist and item',
        description:
          `Plays that start in [from, to), at most ${PLAYS_SUMMARY_RANGE_MS_MAX / DAY_MS} days; ` +
          "a play counts on the screen's local day it started. Computed in a compute worker; 503 with " +
          'Retry-After when the server is busy with other reports, timelines and exports.',
        querystring: PlaysSummaryQuery,
        response: { 200: PlaySummary, 400: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => {
      const json = await app.compute.run('playsSummary', rangeOf(req.query, PLAYS_SUMMARY_RANGE_MS_MAX))
      return reply.type('application/json; charset=utf-8').send(asBuffer(json) as unknown as PlaySummary)
    },
  )
}

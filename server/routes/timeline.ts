import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { previewApi } from '@playlists/api/preview'
import { ErrorBody } from '@playlists/schemas/common'
import {
  TIMELINE_ITEM_RANGE_MAX_MS,
  TIMELINE_PAGE_ENTRIES_MAX,
  TIMELINE_SEGMENT_RANGE_MAX_MS,
  type TimelineAnswer,
  type TimelineGranularity,
  type TimelineQuery,
} from '@playlists/schemas/timeline'
import { asBuffer } from '../compute/pool'
import { badRequest } from '../errors'
import { schemaOf } from './contract'

const DAY_MS = 86_400_000

/** The range as instants; refused when empty, reversed or longer than its granularity allows. */
function timelineRange(query: TimelineQuery): {
  from: number
  to: number
  granularity: TimelineGranularity
} {
  const from = Date.parse(query.from)
  const to = Date.parse(query.to)
  const granularity = query.granularity ?? 'item'
  if (Number.isNaN(from))
    throw badRequest('validation.instant', 'from is not a valid instant.', [{ field: 'from' }])
  if (!(to > from)) throw badRequest('range.reversed', 'to must be after from.', [{ field: 'to' }])
  const max = granularity === 'item' ? TIMELINE_ITEM_RANGE_MAX_MS : TIMELINE_SEGMENT_RANGE_MAX_MS
  if (to - from > max) {
    throw badRequest(
      'range.too-long',
      `The range is too long for granularity=${granularity}: at most ${max / DAY_MS} days. Ask for a shorter range${granularity === 'item' ? ' or granularity=segment' : ''}.`,
      [{ field: 'to', maxDays: max / DAY_MS }],
      { maxDays: max / DAY_MS, granularity },
    )
  }
  return { from, to, granularity }
}

export const timelineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    previewApi.timeline.path,
    {
      config: { permission: 'preview' },

      schema: schemaOf(
        previewApi.timeline,
        { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody },
        {
          tags: ['screens'],
          summary: 'What the screen will show over a range: item by item, or segment by segment',
          description:
            'Computed with the same timeline code the player runs, from the rules as they stand now. ' +
            `Ranges up to ${TIMELINE_ITEM_RANGE_MAX_MS / DAY_MS} days by item, ${TIMELINE_SEGMENT_RANGE_MAX_MS / DAY_MS} by segment. ` +
            `At most ${TIMELINE_PAGE_ENTRIES_MAX} entries and conflicts per answer: past that, \`next\` says where ` +
            'the answer stops, and the rest is asked for with `from=next`. 503 with Retry-After when the server ' +
            'is busy with other timelines, reports and exports.',
        },
      ),
    },
    async (req, reply) => {
      const range = timelineRange(req.query)
      const json = await app.compute.run('timeline', { ...range, screenId: req.params.id, now: app.clock() })
      // Serialised by the worker: sent as it is.
      return reply.type('application/json; charset=utf-8').send(asBuffer(json) as unknown as TimelineAnswer)
    },
  )
}

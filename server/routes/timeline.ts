import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { type ContestRule, contests } from '../../playlists/schedule/contests'
import { ErrorBody, IdParams, Timestamp } from '../../playlists/schemas/common'
import { MAIN_ZONE } from '../../playlists/schemas/layout'
import { type TimelineEntry, timeline } from '../../playlists/timeline'
import { badRequest } from '../errors'

/** Item by item, two weeks is ~100k entries per zone for 10-second slides: enough for any preview. */
export const TIMELINE_ITEM_RANGE_MAX_MS = 14 * 86_400_000
/** By segment (what plays, not each item), a calendar quarter. */
export const TIMELINE_SEGMENT_RANGE_MAX_MS = 92 * 86_400_000

const Entry = Type.Object({
  start: Timestamp,
  end: Type.String(),
  playlistId: Type.Union([Type.String(), Type.Null()]),
  itemId: Type.Union([Type.String(), Type.Null()]),
  index: Type.Union([Type.Integer(), Type.Null()]),
  ruleId: Type.Union([Type.String(), Type.Null()]),
  overrideId: Type.Union([Type.String(), Type.Null()]),
})

const TARGETS = ['all', 'site', 'group', 'screen'] as const
/** A competing entry, its target kind read back from the specificity its rule carries (1 all … 4 screen). */
const contender = (r: ContestRule) => ({
  ruleId: r.ruleId,
  priority: r.priority,
  target: TARGETS[r.specificity - 1] ?? 'all',
})

const Contender = Type.Object({
  ruleId: Type.String(),
  priority: Type.Integer(),
  target: Type.Union([
    Type.Literal('all'),
    Type.Literal('site'),
    Type.Literal('group'),
    Type.Literal('screen'),
  ]),
})

/** Entries competing for the zone over a stretch: who plays, and why each other one does not. */
const Conflict = Type.Object({
  start: Timestamp,
  end: Type.String(),
  winner: Contender,
  losers: Type.Array(
    Type.Object({
      ...Contender.properties,
      /** The step of the overlap rule that decided: higher priority, more specific target, created later, id. */
      reason: Type.Union([
        Type.Literal('priority'),
        Type.Literal('specificity'),
        Type.Literal('newer'),
        Type.Literal('id'),
      ]),
    }),
  ),
})

const ZoneTimeline = Type.Object({
  id: Type.String(),
  name: Type.String(),
  x: Type.Number(),
  y: Type.Number(),
  width: Type.Number(),
  height: Type.Number(),
  entries: Type.Array(Entry),
  /** Where two or more schedule entries want the zone (emergency messages aside). */
  conflicts: Type.Array(Conflict),
})

const Result = Type.Object({
  screenId: Type.String(),
  timeZone: Type.String(),
  version: Type.Integer(),
  granularity: Type.Union([Type.Literal('item'), Type.Literal('segment')]),
  layoutId: Type.Union([Type.String(), Type.Null()]),
  /** One timeline per zone of the screen's layout, main first. */
  zones: Type.Array(ZoneTimeline),
})

/** Consecutive entries with the same playlist, rule and override become one. */
function bySegment(entries: TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = []
  for (const e of entries) {
    const last = out.at(-1)
    if (
      last &&
      last.playlistId === e.playlistId &&
      last.ruleId === e.ruleId &&
      last.overrideId === e.overrideId
    ) {
      last.endMs = e.endMs
    } else out.push({ ...e, itemId: null, index: null })
  }
  return out
}

export const timelineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/screens/:id/timeline',
    {
      config: { permission: 'preview' },

      schema: {
        tags: ['screens'],
        summary: 'What the screen will show over a range: item by item, or segment by segment',
        description:
          'Computed with the same timeline code the player runs, from the rules as they stand now. ' +
          `Ranges up to ${TIMELINE_ITEM_RANGE_MAX_MS / 86_400_000} days by item, ${TIMELINE_SEGMENT_RANGE_MAX_MS / 86_400_000} by segment.`,
        params: IdParams,
        querystring: Type.Object({
          from: Timestamp,
          to: Timestamp,
          granularity: Type.Optional(Type.Union([Type.Literal('item'), Type.Literal('segment')])),
        }),
        response: { 200: Result, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const from = Date.parse(req.query.from)
      const to = Date.parse(req.query.to)
      const granularity = req.query.granularity ?? 'item'
      if (!(to > from)) throw badRequest('to must be after from.', [{ field: 'to' }])
      const max = granularity === 'item' ? TIMELINE_ITEM_RANGE_MAX_MS : TIMELINE_SEGMENT_RANGE_MAX_MS
      if (to - from > max) {
        throw badRequest(
          `The range is too long for granularity=${granularity}: at most ${max / 86_400_000} days. Ask for a shorter range${granularity === 'item' ? ' or granularity=segment' : ''}.`,
          [{ field: 'to' }],
        )
      }
      // Compiled as of `from`, so a range beyond the current document's horizon is still complete.
      const document = app.publisher.preview(req.params.id, Math.max(from, app.clock()))
      // Main first: it is what a reader looks for; the others follow in drawing order.
      const zones = [...document.layout.zones].sort(
        (a, b) => Number(b.id === MAIN_ZONE) - Number(a.id === MAIN_ZONE),
      )
      return {
        screenId: document.screenId,
        timeZone: document.screen.timeZone,
        version: document.version,
        granularity,
        layoutId: document.layout.id,
        zones: zones.map((zone) => {
          const entries = timeline(document, from, to, zone.id)
          return {
            id: zone.id,
            name: zone.name,
            x: zone.x,
            y: zone.y,
            width: zone.width,
            height: zone.height,
            entries: (granularity === 'item' ? entries : bySegment(entries)).map((e) => ({
              start: new Date(e.startMs).toISOString(),
              end: new Date(e.endMs).toISOString(),
              playlistId: e.playlistId,
              itemId: e.itemId,
              index: e.index,
              ruleId: e.ruleId,
              overrideId: e.overrideId,
            })),
            conflicts: contests(document, from, to, zone.id).map((c) => ({
              start: new Date(c.startMs).toISOString(),
              end: new Date(c.endMs).toISOString(),
              winner: contender(c.winner),
              losers: c.losers.map((l) => ({ ...contender(l), reason: l.reason })),
            })),
          }
        }),
      }
    },
  )
}

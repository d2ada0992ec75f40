import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { reportsApi } from '@playlists/api/reports'
import { ErrorBody } from '@playlists/schemas/common'
import {
  type PlaysReport,
  REPORT_DAYS_MAX,
  REPORT_PAGE_SIZES,
  UPTIME_PAGE_SIZES,
  type UptimeReport,
} from '@playlists/schemas/reports'
import { asBuffer } from '../compute/pool'
import { notFound } from '../errors'
import { type Period, periodOf } from '../reports/period'
import { dayText } from '../reports/uptime'
import type { ReportFilter } from '../repositories/reports'
import { schemaOf } from './contract'
import { pageOf } from './paging'

const tags = ['reports']
const errors = { 400: ErrorBody, 404: ErrorBody, 503: ErrorBody }
const JSON_TYPE = 'application/json; charset=utf-8'
const CSV_TYPE = 'text/csv; charset=utf-8'
const BUSY = ' 503 with Retry-After when the server is busy with other reports, timelines and exports.'

/**
 * The reports are computed in the compute workers (server/compute/tasks.ts): a year of a
 * network's plays and uptime is too much work for the event loop. The checks that answer 4xx
 * stay here, before any work is queued.
 */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { reports } = app.repos

  /** The period and filter of a query; a site that does not exist is a 404, not an empty report. */
  const filterOf = (query: { from: string; to: string; siteId?: string; screenId?: string }) => {
    const period = periodOf(query)
    if (query.siteId && !reports.siteExists(query.siteId))
      throw notFound('site.not-found', 'Site', query.siteId)
    const filter: ReportFilter = {
      from: dayText(period.from),
      to: dayText(period.to),
      siteId: query.siteId,
      screenId: query.screenId,
    }
    return { period, filter }
  }
  /** Uptime is measured in a screen's zone, so the screen must still exist. */
  const uptimeFilterOf = (query: { from: string; to: string; siteId?: string; screenId?: string }) => {
    const found = filterOf(query)
    if (query.screenId && reports.screens({ screenId: query.screenId }).length === 0)
      throw notFound('screen.not-found', 'Screen', query.screenId)
    return found
  }
  const csvName = (what: string, period: Period) =>
    `attachment; filename="gatecast-${what}-${dayText(period.from)}-${dayText(period.to)}.csv"`

  app.get(
    reportsApi.plays.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(reportsApi.plays, errors, {
        tags,
        summary: 'Plays and seconds on air per day, month, site, screen, playlist or item',
        description:
          `Local days from..to inclusive (at most ${REPORT_DAYS_MAX}); a play counts on the screen's ` +
          'local day it started. One page of groups, with the totals of the whole period.' +
          BUSY,
      }),
    },
    async (req, reply) => {
      const { filter } = filterOf(req.query)
      const page = pageOf(req.query, REPORT_PAGE_SIZES)
      const json = await app.compute.run('playsReport', { filter, by: req.query.by, page })
      return reply.type(JSON_TYPE).send(asBuffer(json) as unknown as PlaysReport)
    },
  )

  app.get(
    reportsApi.playsCsv.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(reportsApi.playsCsv, errors, {
        tags,
        summary: 'The plays report as CSV: every group, names beside ids, header in the language asked',
        description: BUSY.trim(),
      }),
    },
    async (req, reply) => {
      const { period, filter } = filterOf(req.query)
      const csv = await app.compute.run('playsCsv', {
        filter,
        by: req.query.by,
        lang: req.query.lang ?? 'vi',
      })
      return reply
        .header('Content-Type', CSV_TYPE)
        .header('Content-Disposition', csvName(`plays-by-${req.query.by}`, period))
        .send(asBuffer(csv) as unknown as string)
    },
  )

  app.get(
    reportsApi.uptime.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(reportsApi.uptime, errors, {
        tags,
        summary: "Each screen's time online per local day, in its own time zone",
        description:
          'Only the observed part of a day counts: after recording began, after the screen was ' +
          'created, before now. Time the server was down counts as offline (nobody knows).' +
          BUSY,
      }),
    },
    async (req, reply) => {
      const { period } = uptimeFilterOf(req.query)
      const page = pageOf(req.query, UPTIME_PAGE_SIZES)
      const { siteId, screenId } = req.query
      const json = await app.compute.run('uptimeReport', {
        filter: { siteId, screenId },
        period,
        now: app.clock(),
        page,
      })
      return reply.type(JSON_TYPE).send(asBuffer(json) as unknown as UptimeReport)
    },
  )

  app.get(
    reportsApi.uptimeCsv.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(reportsApi.uptimeCsv, errors, {
        tags,
        summary: 'Uptime per screen and local day as CSV',
        description: BUSY.trim(),
      }),
    },
    async (req, reply) => {
      const { period } = uptimeFilterOf(req.query)
      const { siteId, screenId } = req.query
      const csv = await app.compute.run('uptimeCsv', {
        filter: { siteId, screenId },
        period,
        now: app.clock(),
        lang: req.query.lang ?? 'vi',
      })
      return reply
        .header('Content-Type', CSV_TYPE)
        .header('Content-Disposition', csvName('uptime', period))
        .send(asBuffer(csv) as unknown as string)
    },
  )
}

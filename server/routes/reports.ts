import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorBody } from '../../playlists/schemas/common'
import {
  PlaysCsvQuery,
  PlaysReport,
  PlaysReportQuery,
  REPORT_DAYS_MAX,
  REPORT_PAGE_SIZE_MAX,
  UPTIME_PAGE_SIZE_MAX,
  UptimeCsvQuery,
  UptimeReport,
  UptimeReportQuery,
} from '../../playlists/schemas/reports'
import { notFound } from '../errors'
import { playsCsv, uptimeCsv } from '../reports/csv'
import { type Period, pageOf, periodOf } from '../reports/period'
import { dayText } from '../reports/uptime'
import { screensUptime, uptimeReport } from '../reports/uptime-report'
import type { ReportFilter } from '../repositories/reports'

const tags = ['reports']
const errors = { 400: ErrorBody, 404: ErrorBody }
const ALL_ROWS = { offset: 0, limit: -1 }

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { reports, uptime } = app.repos

  /** The period and filter of a query; a site that does not exist is a 404, not an empty report. */
  const filterOf = (query: { from: string; to: string; siteId?: string; screenId?: string }) => {
    const period = periodOf(query)
    if (query.siteId && !reports.siteExists(query.siteId)) throw notFound('Site', query.siteId)
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
      throw notFound('Screen', query.screenId)
    return found
  }
  const csvName = (what: string, period: Period) =>
    `attachment; filename="gatecast-${what}-${dayText(period.from)}-${dayText(period.to)}.csv"`

  app.get(
    '/api/reports/plays',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        summary: 'Plays and seconds on air per day, month, site, screen, playlist or item',
        description:
          `Local days from..to inclusive (at most ${REPORT_DAYS_MAX}); a play counts on the screen's ` +
          'local day it started. One page of groups, with the totals of the whole period.',
        querystring: PlaysReportQuery,
        response: { 200: PlaysReport, ...errors },
      },
    },
    async (req) => {
      const { filter } = filterOf(req.query)
      const page = pageOf(req.query, REPORT_PAGE_SIZE_MAX, 100)
      const found = reports.plays(filter, req.query.by, page)
      return {
        from: filter.from,
        to: filter.to,
        by: req.query.by,
        ...found,
        page: page.page,
        pageSize: page.pageSize,
        names: reports.names(found.rows),
      }
    },
  )

  app.get(
    '/api/reports/plays.csv',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        summary: 'The plays report as CSV: every group, names beside ids, header in the language asked',
        querystring: PlaysCsvQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (req, reply) => {
      const { period, filter } = filterOf(req.query)
      const { rows } = reports.plays(filter, req.query.by, ALL_ROWS)
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', csvName(`plays-by-${req.query.by}`, period))
        .send(playsCsv(req.query.by, rows, reports.names(rows), req.query.lang ?? 'vi'))
    },
  )

  app.get(
    '/api/reports/uptime',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        summary: "Each screen's time online per local day, in its own time zone",
        description:
          'Only the observed part of a day counts: after recording began, after the screen was ' +
          'created, before now. Time the server was down counts as offline (nobody knows).',
        querystring: UptimeReportQuery,
        response: { 200: UptimeReport, ...errors },
      },
    },
    async (req) => {
      const { period } = uptimeFilterOf(req.query)
      const page = pageOf(req.query, UPTIME_PAGE_SIZE_MAX, UPTIME_PAGE_SIZE_MAX)
      return uptimeReport(app.repos, req.query, period, app.clock(), page)
    },
  )

  app.get(
    '/api/reports/uptime.csv',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        summary: 'Uptime per screen and local day as CSV',
        querystring: UptimeCsvQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (req, reply) => {
      const { period } = uptimeFilterOf(req.query)
      const { screens } = screensUptime({ reports, uptime }, req.query, period, app.clock())
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', csvName('uptime', period))
        .send(uptimeCsv(screens, reports.names(screens), req.query.lang ?? 'vi'))
    },
  )
}

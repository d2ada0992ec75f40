import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AUDIT_PAGE_MAX } from '../../playlists/limits'
import { AuditEntry, AuditQuery } from '../../playlists/schemas/audit'
import { ErrorBody } from '../../playlists/schemas/common'
import { badRequest } from '../errors'
import type { AuditFilter } from '../repositories/audit'
import { auditCsv } from './audit-csv'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody }

function filterOf(q: AuditQuery): AuditFilter {
  const instant = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw badRequest(`${name} is not a valid instant.`)
    return ms
  }
  const limit = q.limit === undefined ? 100 : Number(q.limit)
  if (limit < 1 || limit > AUDIT_PAGE_MAX) throw badRequest(`limit must be from 1 to ${AUDIT_PAGE_MAX}.`)
  const from = instant('from', q.from)
  const to = instant('to', q.to)
  if (from !== undefined && to !== undefined && from >= to) throw badRequest('from must be before to.')
  return {
    actor: q.actor,
    objectType: q.objectType,
    objectId: q.objectId,
    action: q.action,
    outcome: q.outcome,
    from,
    to,
    before: q.before === undefined ? undefined : Number(q.before),
    limit,
  }
}

/** The audit log: read-only here and everywhere (there is no route that changes or deletes it). */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['audit']
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: 'Audit entries, newest first; page with ?before=<seq of the last entry>',
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditEntry), ...errors },
      },
    },
    async (req) => app.repos.audit.query(filterOf(req.query)),
  )

  app.get(
    '/api/audit.csv',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: 'Every audit entry matching the query, as CSV (limit and before are ignored)',
        querystring: AuditQuery,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (req, reply) => {
      const filter = filterOf(req.query)
      const pages = function* () {
        let before: number | undefined
        for (;;) {
          const page = app.repos.audit.query({ ...filter, before, limit: AUDIT_PAGE_MAX })
          if (page.length === 0) return
          yield page
          before = page[page.length - 1]?.seq
        }
      }
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="gatecast-audit.csv"')
        .send(auditCsv(pages()))
    },
  )
}

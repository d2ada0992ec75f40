import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { auditApi } from '@playlists/api/operations'
import { AUDIT_PAGE_SIZES, type AuditQuery } from '@playlists/schemas/audit'
import { ErrorBody } from '@playlists/schemas/common'
import { asBuffer } from '../compute/pool'
import { badRequest } from '../errors'
import type { AuditFilter } from '../repositories/audit'
import { schemaOf } from './contract'
import { limitOf } from './paging'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody }

function filterOf(q: AuditQuery): AuditFilter {
  const instant = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw badRequest('validation.instant', `${name} is not a valid instant.`)
    return ms
  }
  const limit = limitOf(q, AUDIT_PAGE_SIZES)
  const from = instant('from', q.from)
  const to = instant('to', q.to)
  if (from !== undefined && to !== undefined && from >= to)
    throw badRequest('range.reversed', 'from must be before to.')
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
    auditApi.list.path,
    {
      config: { permission: 'audit:read' },
      schema: schemaOf(auditApi.list, errors, {
        tags,
        summary: 'Audit entries, newest first; page with ?before=<seq of the last entry>',
      }),
    },
    async (req) => app.repos.audit.query(filterOf(req.query)),
  )

  app.get(
    auditApi.csv.path,
    {
      config: { permission: 'audit:read' },
      schema: schemaOf(
        auditApi.csv,
        { ...errors, 503: ErrorBody },
        {
          tags,
          summary: 'Every audit entry matching the query, as CSV (limit and before are ignored)',
          description:
            'Sent as it is read, a thousand entries at a time, each read and written in a compute worker: ' +
            'a long log never holds the server. 503 with Retry-After when the server is busy with other ' +
            'reports, timelines and exports.',
        },
      ),
    },
    async (req, reply) => {
      const { limit: _limit, before: _before, ...filter } = filterOf(req.query)
      // The first chunk before the answer begins: a busy server can still say 503.
      const first = await app.compute.run('auditCsv', { filter, header: true })
      async function* chunks() {
        let chunk = first
        yield asBuffer(chunk.text)
        while (chunk.before !== null) {
          chunk = await app.compute.run(
            'auditCsv',
            { filter: { ...filter, before: chunk.before }, header: false },
            true,
          )
          yield asBuffer(chunk.text)
        }
      }
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="gatecast-audit.csv"')
        .send(Readable.from(chunks()) as unknown as string)
    },
  )
}

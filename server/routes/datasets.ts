import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { datasetsApi } from '@playlists/api/datasets'
import { ErrorBody } from '@playlists/schemas/common'
import { editorOf } from '../approvals/service'
import { userActor } from '../auth/accounts'
import { DatasetService } from '../datasets/service'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
const tags = ['datasets']

/**
 * Datasets: editors keep the draft (definition and rows; each edit approved as a version under
 * /api/datasets/:id/submit and the other approval routes), the named approvers make quick
 * changes, a department's system updates rows with an API token. Every path is audited: the
 * shortcuts record their own entry with the rows before and after.
 */
export const datasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { datasets } = app.repos
  const service = new DatasetService(app.db, app.repos, app.approvals, app.clock)

  app.get(
    datasetsApi.list.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(
        datasetsApi.list,
        {},
        { tags, summary: 'Every dataset, its draft and the version on air' },
      ),
    },
    async () => datasets.list(),
  )

  app.post(
    datasetsApi.create.path,
    {
      config: { permission: 'content:write', audit: 'dataset.create' },
      schema: schemaOf(datasetsApi.create, errors, {
        tags,
        summary: 'Create a dataset (columns, rows, policy); nothing of it is on air before its approval',
      }),
    },
    async (req, reply) => {
      const created = service.create(req.body)
      app.approvals.edited('dataset', created.id, editorOf(req.actor))
      return reply.code(201).send(created)
    },
  )

  app.get(
    datasetsApi.get.path,
    { config: { permission: 'content:read' }, schema: schemaOf(datasetsApi.get, errors, { tags }) },
    async (req) => datasets.get(req.params.id),
  )

  app.put(
    datasetsApi.update.path,
    {
      config: { permission: 'content:write', audit: 'dataset.update' },
      schema: schemaOf(datasetsApi.update, errors, {
        tags,
        summary:
          'Change the draft’s columns and policy; the rows follow the columns (400 naming a value that no longer fits)',
      }),
    },
    async (req) => {
      const updated = service.update(req.params.id, req.body)
      app.approvals.edited('dataset', updated.id, editorOf(req.actor))
      return updated
    },
  )

  app.delete(
    datasetsApi.delete.path,
    {
      config: { permission: 'content:write', audit: 'dataset.delete' },
      schema: schemaOf(datasetsApi.delete, errors, {
        tags,
        summary: 'Delete a dataset no playlist shows (409 dataset.in-use naming the playlists otherwise)',
        description:
          'A playlist whose draft or any version has an item of the dataset keeps it; its versions stay readable ' +
          'under its id, which is never given to another dataset.',
      }),
    },
    async (req, reply) => {
      datasets.delete(req.params.id)
      app.approvals.forget('dataset', req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.put(
    datasetsApi.rows.path,
    {
      config: { permission: 'content:write', audit: 'dataset.rows' },
      schema: schemaOf(datasetsApi.rows, errors, {
        tags,
        summary:
          'Replace the draft’s rows; a value that does not fit its column is refused naming the row and column',
      }),
    },
    async (req) => {
      const updated = datasets.setRows(req.params.id, req.body.rows)
      app.approvals.edited('dataset', updated.id, editorOf(req.actor))
      return updated
    },
  )

  app.get(
    datasetsApi.onAir.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(datasetsApi.onAir, errors, {
        tags,
        summary: 'The approved version on air: what screens show (null before the first approval)',
      }),
    },
    async (req) => service.onAir(req.params.id),
  )

  app.post(
    datasetsApi.quickChange.path,
    {
      config: { permission: 'approve', audit: 'dataset.quick-change' },
      schema: schemaOf(datasetsApi.quickChange, errors, {
        tags,
        summary: 'A named approver changes rows on air at once (audited with the rows before and after)',
        description:
          'Only the approvers the version on air names (403 dataset.not-quick-approver otherwise); 409 when nothing is ' +
          'on air or the change changes nothing. The draft takes the same change.',
      }),
    },
    async (req) => {
      const id = req.params.id
      const change = service.quickChange(id, req.body, userActor(req.actor).user.id)
      app.audit(req, {
        action: 'dataset.quick-change',
        objectType: 'dataset',
        objectId: id,
        before: change.before,
        after: change.after,
        detail: `version ${change.after.version}${req.body.comment ? `: ${req.body.comment}` : ''}`,
      })
      return { version: change.version.number, screens: change.documents.map((d) => d.screenId) }
    },
  )

  app.post(
    datasetsApi.tokenUpdate.path,
    {
      config: { permission: 'content:write', audit: 'dataset.token-update' },
      schema: schemaOf(datasetsApi.tokenUpdate, errors, {
        tags,
        summary:
          'A department’s system updates rows with an API token: queued for approval, or on air under "direct"',
        description:
          'Only with an API token (403 dataset.token-only for a session). The approved policy decides: "queued" writes the ' +
          'draft and submits it as a version for approval; "direct" puts the rows on air at once. Audited with the token.',
      }),
    },
    async (req) => {
      const id = req.params.id
      const update = service.tokenUpdate(id, req.body, req.actor)
      if (update.outcome === 'unchanged') {
        app.audit(req, {
          action: 'dataset.token-update',
          objectType: 'dataset',
          objectId: id,
          detail: 'unchanged',
        })
        return { outcome: 'unchanged' as const, version: null, screens: [] }
      }
      const aired = update.outcome === 'on-air'
      app.audit(req, {
        action: 'dataset.token-update',
        objectType: 'dataset',
        objectId: id,
        before: aired ? update.before : { draft: update.before },
        after: aired ? update.after : { draft: update.after, submitted: update.version.number },
        detail: `${update.outcome}: version ${update.version.number}`,
      })
      return {
        outcome: update.outcome,
        version: update.version.number,
        screens: aired ? update.documents.map((d) => d.screenId) : [],
      }
    },
  )
}

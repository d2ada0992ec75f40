import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { approvalsApi, versionsApi } from '@playlists/api/approvals'
import type { ApprovableType, Version } from '@playlists/schemas/approval'
import { QUEUE_PAGE_SIZES } from '@playlists/schemas/approval-queue'
import { ErrorBody } from '@playlists/schemas/common'
import { ApprovalQueue } from '../approvals/queue'
import { VersionReach } from '../approvals/reach'
import { editorOf } from '../approvals/service'
import { userActor } from '../auth/accounts'
import type { PublishedDocument } from '../repositories/documents'
import { schemaOf } from './contract'
import { pageAnswer, pageOf } from './paging'

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

const pushed = (documents: readonly PublishedDocument[]) =>
  documents.map((d) => ({ screenId: d.screenId, version: d.version, hash: d.hash }))

const refOf = (text: string) => (text === 'draft' ? 'draft' : Number(text))

/** A version in the audit log without its body: the entry names it, `before`/`after` show the decision. */
const summary = ({ body: _body, ...rest }: Version) => rest

const KINDS: readonly { type: ApprovableType; tag: string }[] = [
  { type: 'playlist', tag: 'playlists' },
  { type: 'schedule', tag: 'schedules' },
  { type: 'layout', tag: 'layouts' },
  { type: 'feed', tag: 'feeds' },
  { type: 'dataset', tag: 'datasets' },
]

/**
 * The approval routes, the same for each approvable kind: submit, versions, approve, reject,
 * publish (now or at an instant), rollback, diff and publications. The rules live in
 * ApprovalService; each handler is a call on it.
 */
export const approvalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reach = new VersionReach(app.db, app.repos, app.publisher)
  const queue = new ApprovalQueue(app.db, app.repos, reach)
  app.get(
    approvalsApi.queue.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(approvalsApi.queue, errors, {
        tags: ['approvals'],
        summary: 'Versions of playlists, schedule entries and layouts in one list, newest first',
        description:
          'view=waiting (default): submitted, or approved and not on air yet; view=mine: those the caller edited ' +
          'or submitted; view=all: every version. Each with names, the version on air and the screens it reaches.',
      }),
    },
    async (req) => {
      const page = pageOf(req.query, QUEUE_PAGE_SIZES)
      const filter = {
        view: req.query.view ?? 'waiting',
        type: req.query.type,
        objectId: req.query.objectId,
        number: req.query.number === undefined ? undefined : Number(req.query.number),
      }
      return pageAnswer(queue.page(filter, page, editorOf(req.actor)), page)
    },
  )

  app.post(
    approvalsApi.changeSet.path,
    {
      config: { permission: 'approve', audit: 'change-set.publish' },
      schema: schemaOf(approvalsApi.changeSet, errors, {
        tags: ['approvals'],
        summary:
          'Put approved versions of several objects on air together (a playlist and its schedule entry)',
        description:
          'All or nothing, in one transaction: each version must be approved and not on air yet, one per object ' +
          '(409 or 400 otherwise, nothing published). Playlists and layouts go first, then schedule entries; the ' +
          'audit log records one publish per version, naming the others.',
      }),
    },
    async (req) => {
      const { versions, documents } = app.approvals.publishTogether(req.body.versions)
      for (const { version, from } of versions) {
        const others = versions
          .filter((o) => o.version !== version)
          .map((o) => `${o.version.objectType} ${o.version.objectId} version ${o.version.number}`)
        app.audit(req, {
          action: `${version.objectType}.publish`,
          objectType: version.objectType,
          objectId: version.objectId,
          before: from === null ? null : { live: from },
          after: { live: version.number },
          detail: `version ${version.number}${others.length > 0 ? `, together with ${others.join(', ')}` : ''}`,
        })
      }
      return { versions: versions.map((v) => summary(v.version)), screens: pushed(documents) }
    },
  )

  for (const { type, tag } of KINDS) {
    const api = versionsApi[type]
    const tags = [tag, 'approvals']
    const what = type === 'schedule' ? 'schedule entry' : type

    app.post(
      api.submit.path,
      {
        config: { permission: 'content:write', audit: `${type}.submit` },
        schema: schemaOf(api.submit, errors, {
          tags,
          summary: `Freeze the ${what}'s draft as the next numbered version, for another person to approve`,
          description:
            'With {"withdraw": true}: submit taking it off the air instead. 409 when nothing changed since the latest version; ' +
            'for a playlist, 409 with details.code "empty-playlist" when it has no items and "unplayable-items" (each listed) ' +
            'when a medium was deleted or a page left the allow-list since the draft was saved.',
        }),
      },
      async (req, reply) => {
        const actor = userActor(req.actor)
        const version = app.approvals.submit(type, req.params.id, actor.user.id, req.body ?? {})
        return reply.code(201).send(version)
      },
    )

    app.get(
      api.versions.path,
      {
        config: { permission: 'content:read' },
        schema: schemaOf(api.versions, errors, {
          tags,
          summary: `Every version of the ${what}, newest first`,
        }),
      },
      async (req) => app.approvals.list(type, req.params.id),
    )

    app.get(
      api.version.path,
      {
        config: { permission: 'content:read' },
        schema: schemaOf(api.version, errors, { tags }),
      },
      async (req) => app.approvals.get(type, req.params.id, Number(req.params.n)),
    )

    app.get(
      api.reach.path,
      {
        config: { permission: 'content:read' },
        schema: schemaOf(api.reach, errors, {
          tags,
          summary: `The screens this version of the ${what} reaches once on air, and the waiting versions it needs`,
          description:
            'As things stand now, by the rule a publish uses to choose the screens it recompiles. A playlist no ' +
            'screen shows lists the waiting schedule entries that would play it; a schedule entry whose playlist ' +
            'is not on air lists that playlist’s waiting version.',
        }),
      },
      async (req) => reach.of(type, req.params.id, Number(req.params.n)),
    )

    app.get(
      api.legibility.path,
      {
        config: { permission: 'content:read' },
        schema: schemaOf(api.legibility, errors, {
          tags,
          summary: `The legibility check approving this version of the ${what} runs`,
          description:
            type === 'playlist'
              ? 'Its slides on every screen the playlist reaches, or will with the schedule entries waiting to play it; ' +
                'on the planned panels (advice, not a bar) when none. README "Legibility" gives the rule.'
              : 'The slides of the playlists it brings onto panels or zones they do not reach now, each finding naming ' +
                'its playlist. Findings refuse the approval unless the approver gives a legibilityOverride.',
        }),
      },
      async (req) => app.approvals.legibility(type, req.params.id, Number(req.params.n)),
    )

    for (const verb of ['approve', 'reject'] as const) {
      app.post(
        api[verb].path,
        {
          config: { permission: 'approve', audit: `${type}.${verb}` },
          schema: schemaOf(api[verb], errors, {
            tags,
            summary:
              verb === 'approve'
                ? 'Approve a submitted version (never your own): it may then go on air'
                : 'Reject a submitted version (never your own), saying why',
          }),
        },
        async (req) => {
          const actor = userActor(req.actor)
          const comment = req.body?.comment ?? null
          const override =
            req.body && 'legibilityOverride' in req.body ? req.body.legibilityOverride : undefined
          const { before, after } = app.approvals.decide(
            type,
            req.params.id,
            Number(req.params.n),
            actor.user.id,
            verb === 'approve' ? 'approved' : 'rejected',
            comment,
            override,
          )
          app.audit(req, {
            action: `${type}.${verb}`,
            objectType: type,
            objectId: req.params.id,
            before: summary(before),
            after: summary(after),
            detail:
              `version ${after.number}${comment ? `: ${comment}` : ''}` +
              (after.legibilityOverride
                ? `; legibility overridden (${after.legibilityFindings?.length ?? 0} findings): ${after.legibilityOverride}`
                : ''),
          })
          return after
        },
      )
    }

    app.post(
      api.publish.path,
      {
        config: { permission: 'approve', audit: `${type}.publish` },
        schema: schemaOf(api.publish, errors, {
          tags,
          summary: 'Put an approved version on air: now (200), or at a set instant (202)',
          description:
            'The latest approved version unless {"version": n} names another. With "at" (in the body, or ?at=) in the ' +
            'future, it goes on air then. Drafts, submitted and rejected versions never go on air (409).',
        }),
      },
      async (req, reply) => {
        const at = req.body?.at ?? req.query.at
        const result = app.approvals.publish(type, req.params.id, {
          version: req.body?.version,
          at: at === undefined ? undefined : Date.parse(at),
        })
        if ('publication' in result) return reply.code(202).send(result.publication)
        return { version: result.version, screens: pushed(result.documents) }
      },
    )

    app.post(
      api.rollback.path,
      {
        config: { permission: 'approve', audit: `${type}.rollback` },
        schema: schemaOf(api.rollback, errors, {
          tags,
          summary: 'Put an earlier approved version back on air, in one action',
        }),
      },
      async (req) => {
        const { version, documents, from } = app.approvals.rollback(type, req.params.id, req.body.version)
        app.audit(req, {
          action: `${type}.rollback`,
          objectType: type,
          objectId: req.params.id,
          before: from === null ? null : { live: from },
          after: { live: version.number },
          detail: `rolled back to version ${version.number}${req.body.comment ? `: ${req.body.comment}` : ''}`,
        })
        return { version, screens: pushed(documents) }
      },
    )

    app.get(
      api.diff.path,
      {
        config: { permission: 'content:read' },
        schema: schemaOf(api.diff, errors, {
          tags,
          summary: 'What changed between two versions (or a version and the draft)',
        }),
      },
      async (req) => app.approvals.diff(type, req.params.id, refOf(req.query.from), refOf(req.query.to)),
    )

    app.get(
      api.publications.path,
      {
        config: { permission: 'content:read' },
        schema: schemaOf(api.publications, errors, {
          tags,
          summary: 'Go-on-air instants set for later, and done',
        }),
      },
      async (req) => app.approvals.publications(type, req.params.id),
    )
  }
}

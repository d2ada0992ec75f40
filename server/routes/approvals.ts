import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  type ApprovableType,
  ApproveInput,
  Diff,
  Publication,
  PublishInput,
  RejectInput,
  RollbackInput,
  SubmitInput,
  Version,
  VersionRef,
  VersionSummary,
} from '@playlists/schemas/approval'
import { ApprovalQueuePage, ApprovalQueueQuery, QUEUE_PAGE_SIZES } from '@playlists/schemas/approval-queue'
import { ErrorBody, Id, IdParams, Timestamp } from '@playlists/schemas/common'
import { LegibilityReport } from '@playlists/schemas/legibility'
import { ChangeSetInput, Reach } from '@playlists/schemas/reach'
import Type from 'typebox'
import { ApprovalQueue } from '../approvals/queue'
import { VersionReach } from '../approvals/reach'
import { editorOf } from '../approvals/service'
import { userActor } from '../auth/accounts'
import type { PublishedDocument } from '../repositories/documents'
import { pageAnswer, pageOf } from './paging'

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

/** Path parameters arrive as text (no coercion here): a version number is checked as digits, then read. */
const VersionParams = Type.Object({
  id: Id,
  n: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'Version number' }),
})

const OnAir = Type.Object({
  version: VersionSummary,
  /** Screens that received a new document version. */
  screens: Type.Array(Type.Object({ screenId: Type.String(), version: Type.Integer(), hash: Type.String() })),
})

/** A change set on air: its versions, and the screens that received a new document version. */
const ChangeSet = Type.Object({
  versions: Type.Array(VersionSummary),
  screens: OnAir.properties.screens,
})

/** An empty POST carries no body at all: these routes take one, or none. */
const orNone = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const pushed = (documents: readonly PublishedDocument[]) =>
  documents.map((d) => ({ screenId: d.screenId, version: d.version, hash: d.hash }))

const refOf = (text: string) => (text === 'draft' ? 'draft' : Number(text))

/** A version in the audit log without its body: the entry names it, `before`/`after` show the decision. */
const summary = ({ body: _body, ...rest }: Version) => rest

const KINDS: readonly { type: ApprovableType; path: string; tag: string }[] = [
  { type: 'playlist', path: '/api/playlists', tag: 'playlists' },
  { type: 'schedule', path: '/api/schedules', tag: 'schedules' },
  { type: 'layout', path: '/api/layouts', tag: 'layouts' },
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
    '/api/approvals',
    {
      config: { permission: 'content:read' },
      schema: {
        tags: ['approvals'],
        summary: 'Versions of playlists, schedule entries and layouts in one list, newest first',
        description:
          'view=waiting (default): submitted, or approved and not on air yet; view=mine: those the caller edited ' +
          'or submitted; view=all: every version. Each with names, the version on air and the screens it reaches.',
        querystring: ApprovalQueueQuery,
        response: { 200: ApprovalQueuePage, ...errors },
      },
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
    '/api/approvals/change-set',
    {
      config: { permission: 'approve', audit: 'change-set.publish' },
      schema: {
        tags: ['approvals'],
        summary:
          'Put approved versions of several objects on air together (a playlist and its schedule entry)',
        description:
          'All or nothing, in one transaction: each version must be approved and not on air yet, one per object ' +
          '(409 or 400 otherwise, nothing published). Playlists and layouts go first, then schedule entries; the ' +
          'audit log records one publish per version, naming the others.',
        body: ChangeSetInput,
        response: { 200: ChangeSet, ...errors },
      },
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

  for (const { type, path, tag } of KINDS) {
    const tags = [tag, 'approvals']
    const what = type === 'schedule' ? 'schedule entry' : type

    app.post(
      `${path}/:id/submit`,
      {
        config: { permission: 'content:write', audit: `${type}.submit` },
        schema: {
          tags,
          summary: `Freeze the ${what}'s draft as the next numbered version, for another person to approve`,
          description:
            'With {"withdraw": true}: submit taking it off the air instead. 409 when nothing changed since the latest version; ' +
            'for a playlist, 409 with details.code "empty-playlist" when it has no items and "unplayable-items" (each listed) ' +
            'when a medium was deleted or a page left the allow-list since the draft was saved.',
          params: IdParams,
          body: orNone(SubmitInput),
          response: { 201: Version, ...errors },
        },
      },
      async (req, reply) => {
        const actor = userActor(req.actor)
        const version = app.approvals.submit(type, req.params.id, actor.user.id, req.body ?? {})
        return reply.code(201).send(version)
      },
    )

    app.get(
      `${path}/:id/versions`,
      {
        config: { permission: 'content:read' },
        schema: {
          tags,
          summary: `Every version of the ${what}, newest first`,
          params: IdParams,
          response: { 200: Type.Array(VersionSummary), ...errors },
        },
      },
      async (req) => app.approvals.list(type, req.params.id),
    )

    app.get(
      `${path}/:id/versions/:n`,
      {
        config: { permission: 'content:read' },
        schema: { tags, params: VersionParams, response: { 200: Version, ...errors } },
      },
      async (req) => app.approvals.get(type, req.params.id, Number(req.params.n)),
    )

    app.get(
      `${path}/:id/versions/:n/reach`,
      {
        config: { permission: 'content:read' },
        schema: {
          tags,
          summary: `The screens this version of the ${what} reaches once on air, and the waiting versions it needs`,
          description:
            'As things stand now, by the rule a publish uses to choose the screens it recompiles. A playlist no ' +
            'screen shows lists the waiting schedule entries that would play it; a schedule entry whose playlist ' +
            'is not on air lists that playlist’s waiting version.',
          params: VersionParams,
          response: { 200: Reach, ...errors },
        },
      },
      async (req) => reach.of(type, req.params.id, Number(req.params.n)),
    )

    app.get(
      `${path}/:id/versions/:n/legibility`,
      {
        config: { permission: 'content:read' },
        schema: {
          tags,
          summary: `The legibility check approving this version of the ${what} runs`,
          description:
            type === 'playlist'
              ? 'Its slides on every screen the playlist reaches, or will with the schedule entries waiting to play it; ' +
                'on the planned panels (advice, not a bar) when none. README "Legibility" gives the rule.'
              : 'The slides of the playlists it brings onto panels or zones they do not reach now, each finding naming ' +
                'its playlist. Findings refuse the approval unless the approver gives a legibilityOverride.',
          params: VersionParams,
          response: { 200: LegibilityReport, ...errors },
        },
      },
      async (req) => app.approvals.legibility(type, req.params.id, Number(req.params.n)),
    )

    for (const verb of ['approve', 'reject'] as const) {
      app.post(
        `${path}/:id/versions/:n/${verb}`,
        {
          config: { permission: 'approve', audit: `${type}.${verb}` },
          schema: {
            tags,
            summary:
              verb === 'approve'
                ? 'Approve a submitted version (never your own): it may then go on air'
                : 'Reject a submitted version (never your own), saying why',
            params: VersionParams,
            body: verb === 'approve' ? orNone(ApproveInput) : RejectInput,
            response: { 200: Version, ...errors },
          },
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
      `${path}/:id/publish`,
      {
        config: { permission: 'approve', audit: `${type}.publish` },
        schema: {
          tags,
          summary: 'Put an approved version on air: now (200), or at a set instant (202)',
          description:
            'The latest approved version unless {"version": n} names another. With "at" (in the body, or ?at=) in the ' +
            'future, it goes on air then. Drafts, submitted and rejected versions never go on air (409).',
          params: IdParams,
          querystring: Type.Object({ at: Type.Optional(Timestamp) }),
          body: orNone(PublishInput),
          response: { 200: OnAir, 202: Publication, ...errors },
        },
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
      `${path}/:id/rollback`,
      {
        config: { permission: 'approve', audit: `${type}.rollback` },
        schema: {
          tags,
          summary: 'Put an earlier approved version back on air, in one action',
          params: IdParams,
          body: RollbackInput,
          response: { 200: OnAir, ...errors },
        },
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
      `${path}/:id/diff`,
      {
        config: { permission: 'content:read' },
        schema: {
          tags,
          summary: 'What changed between two versions (or a version and the draft)',
          params: IdParams,
          querystring: Type.Object({ from: VersionRef, to: VersionRef }),
          response: { 200: Diff, ...errors },
        },
      },
      async (req) => app.approvals.diff(type, req.params.id, refOf(req.query.from), refOf(req.query.to)),
    )

    app.get(
      `${path}/:id/publications`,
      {
        config: { permission: 'content:read' },
        schema: {
          tags,
          summary: 'Go-on-air instants set for later, and done',
          params: IdParams,
          response: { 200: Type.Array(Publication), ...errors },
        },
      },
      async (req) => app.approvals.publications(type, req.params.id),
    )
  }
}

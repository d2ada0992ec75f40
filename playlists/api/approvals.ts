import Type, { type TSchema } from 'typebox'
import {
  type ApprovableType,
  ApproveInput,
  ChangeSet,
  Diff,
  OnAir,
  Publication,
  PublishInput,
  RejectInput,
  RollbackInput,
  SubmitInput,
  Version,
  VersionRef,
  VersionSummary,
} from '../schemas/approval'
import { ApprovalQueuePage, ApprovalQueueQuery } from '../schemas/approval-queue'
import { Id, IdParams, Timestamp } from '../schemas/common'
import { LegibilityReport } from '../schemas/legibility'
import { ChangeSetInput, Reach } from '../schemas/reach'
import { route } from './route'

/** Path parameters arrive as text (no coercion here): a version number is checked as digits, then read. */
export const VersionParams = Type.Object({
  id: Id,
  n: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'Version number' }),
})

/** An empty POST carries no body at all: these routes take one, or none. */
const orNone = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const approvalsApi = {
  queue: route('GET', '/api/approvals', {
    querystring: ApprovalQueueQuery,
    response: { 200: ApprovalQueuePage },
  }),
  changeSet: route('POST', '/api/approvals/change-set', {
    body: ChangeSetInput,
    response: { 200: ChangeSet },
  }),
}

// One set of schemas for the three kinds: their routes differ by path only.
const SubmitBody = orNone(SubmitInput)
const ApproveBody = orNone(ApproveInput)
const PublishBody = orNone(PublishInput)
const PublishQuery = Type.Object({ at: Type.Optional(Timestamp) })
const DiffQuery = Type.Object({ from: VersionRef, to: VersionRef })

/** The version routes of one approvable kind under its path (`/api/playlists`). */
const versionRoutes = <const B extends string>(base: B) => ({
  submit: route('POST', `${base}/:id/submit`, {
    params: IdParams,
    body: SubmitBody,
    response: { 201: Version },
  }),
  versions: route('GET', `${base}/:id/versions`, {
    params: IdParams,
    response: { 200: Type.Array(VersionSummary) },
  }),
  version: route('GET', `${base}/:id/versions/:n`, { params: VersionParams, response: { 200: Version } }),
  reach: route('GET', `${base}/:id/versions/:n/reach`, { params: VersionParams, response: { 200: Reach } }),
  legibility: route('GET', `${base}/:id/versions/:n/legibility`, {
    params: VersionParams,
    response: { 200: LegibilityReport },
  }),
  approve: route('POST', `${base}/:id/versions/:n/approve`, {
    params: VersionParams,
    body: ApproveBody,
    response: { 200: Version },
  }),
  reject: route('POST', `${base}/:id/versions/:n/reject`, {
    params: VersionParams,
    body: RejectInput,
    response: { 200: Version },
  }),
  publish: route('POST', `${base}/:id/publish`, {
    params: IdParams,
    querystring: PublishQuery,
    body: PublishBody,
    response: { 200: OnAir, 202: Publication },
  }),
  rollback: route('POST', `${base}/:id/rollback`, {
    params: IdParams,
    body: RollbackInput,
    response: { 200: OnAir },
  }),
  diff: route('GET', `${base}/:id/diff`, {
    params: IdParams,
    querystring: DiffQuery,
    response: { 200: Diff },
  }),
  publications: route('GET', `${base}/:id/publications`, {
    params: IdParams,
    response: { 200: Type.Array(Publication) },
  }),
})

export const versionsApi = {
  playlist: versionRoutes('/api/playlists'),
  schedule: versionRoutes('/api/schedules'),
  layout: versionRoutes('/api/layouts'),
  feed: versionRoutes('/api/feeds'),
  dataset: versionRoutes('/api/datasets'),
} satisfies Record<ApprovableType, unknown>

import type { ApprovableType } from '@playlists/schemas/approval'
import type { Emergency } from '@playlists/schemas/emergency'
import type { FastifyInstance } from 'fastify'
import { type Member, TEAMS, type Team } from './app'

const PATHS: Record<ApprovableType, string> = {
  playlist: '/api/playlists',
  schedule: '/api/schedules',
  layout: '/api/layouts',
  feed: '/api/feeds',
  dataset: '/api/datasets',
}

export const approvalPath = (type: ApprovableType, id: string) => `${PATHS[type]}/${id}`

export function teamOf(app: FastifyInstance): Team {
  const team = TEAMS.get(app)
  if (!team) throw new Error('approval helpers need an app made by createTestApp or createRestartableApp')
  return team
}

async function call(
  app: FastifyInstance,
  url: string,
  as: Member | undefined,
  payload?: object,
): Promise<Awaited<ReturnType<FastifyInstance['inject']>>> {
  const res = await app.inject({
    method: 'POST',
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`)
  return res
}

/** What publishing answers: the screens given a new document now, or the publication set for later. */
export interface PublishAnswer {
  screens: { screenId: string; version: number; hash: string }[]
  status?: 'pending'
  publishAt?: string
  [field: string]: unknown
}

export interface ApproveOptions {
  /** Who submits (an author); the app's default caller, the admin, when left out. */
  author?: Member
  /** Who approves and publishes; `team.approver`, or `team.approver2` when the author is the approver. */
  approver?: Member
  /** Go on air at this instant instead of now (a scheduled publication). */
  at?: string
}

/** Submits the draft of an object and has another person approve it; returns the version number. */
export async function submitAndApprove(
  app: FastifyInstance,
  type: ApprovableType,
  id: string,
  options: ApproveOptions = {},
): Promise<number> {
  const team = teamOf(app)
  const approver =
    options.approver ?? (options.author?.id === team.approver.id ? team.approver2 : team.approver)
  const base = approvalPath(type, id)
  const submitted = await app.inject({
    method: 'POST',
    url: `${base}/submit`,
    ...(options.author ? { headers: options.author.headers } : {}),
  })
  // Unchanged since the latest version: carry on with that one (approving it if it waits).
  const unchanged = submitted.statusCode === 409 && submitted.json().details?.version !== undefined
  if (submitted.statusCode >= 300 && !unchanged) {
    throw new Error(`POST ${base}/submit: ${submitted.statusCode} ${submitted.body}`)
  }
  const { number, state } = unchanged
    ? { number: submitted.json().details.version as number, state: submitted.json().details.state }
    : { number: submitted.json().number as number, state: 'submitted' }
  if (state === 'rejected')
    throw new Error(`${base}: version ${number} was rejected and nothing changed since`)
  if (state === 'submitted') {
    await call(app, `${base}/versions/${number}/approve`, approver, { comment: 'looks right' })
  }
  return number
}

/**
 * The whole four-eyes path in one call, for tests about something else: submit the draft (as
 * its author), approve it as another person, put it on air. Returns the publish answer
 * (`{ version, screens }`, or the pending publication when `at` is in the future).
 */
export async function approveAndPublish(
  app: FastifyInstance,
  type: ApprovableType,
  id: string,
  options: ApproveOptions = {},
): Promise<PublishAnswer> {
  const team = teamOf(app)
  const approver =
    options.approver ?? (options.author?.id === team.approver.id ? team.approver2 : team.approver)
  const version = await submitAndApprove(app, type, id, { ...options, approver })
  const res = await call(app, `${approvalPath(type, id)}/publish`, approver, {
    version,
    ...(options.at ? { at: options.at } : {}),
  })
  return res.json()
}

/** Sends an emergency message as `team.approver` and has `team.approver2` approve it: on air. */
export async function sendEmergency(app: FastifyInstance, body: object): Promise<Emergency> {
  const team = teamOf(app)
  const created = await call(app, '/api/emergencies', team.approver, body)
  const message = created.json()
  if (message.approvedAt) return message
  return (await call(app, `/api/emergencies/${message.id}/approve`, team.approver2)).json()
}

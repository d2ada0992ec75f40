import { canonicalJson } from '@playlists/canonical'
import type { ApprovableType, Diff, Publication, Version } from '@playlists/schemas/approval'
import type { Actor } from '../auth/actor'
import type { Clock } from '../clock'
import type { Store } from '../db/store'
import { badRequest, conflict, forbidden, notFound } from '../errors'
import type { Publisher } from '../publishing/publisher'
import type { Repositories } from '../repositories'
import type { PublishedDocument } from '../repositories/documents'
import type { PlaylistBody } from '../repositories/playlists'
import { diffBodies } from './diff'
import { legibilityBlock, versionLegibility } from './legibility'
import { refuseUnplayableDraft } from './playable-draft'
import { VersionReach } from './reach'

/** Who edits a draft, for authorship: the account behind a session or an API token. */
export const editorOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.user.id : null)

/** The author of everything the server does by itself (the seed, migrated content). */
export const SYSTEM_AUTHOR = 'system'

const LABEL: Record<ApprovableType, string> = {
  playlist: 'Playlist',
  schedule: 'Schedule entry',
  layout: 'Layout',
  feed: 'Feed',
  dataset: 'Dataset',
}

export type VersionRef = number | 'draft'

/** The order a change set goes on air in: what is played before the entries that play it. */
const ORDER: Record<ApprovableType, number> = { feed: 0, dataset: 0, playlist: 1, layout: 2, schedule: 3 }

/**
 * The four-eyes rules, once for every approvable kind (playlists, schedule entries, layouts):
 *  - the draft is what editors change; `submit` freezes it as the next numbered version (a
 *    playlist only when every item can play, and it has one: playable-draft.ts);
 *  - `approve`/`reject` by someone who is none of the version's authors (admins included);
 *  - `publish` and `rollback` put an approved version on air, now or at a set instant;
 *  - anything else refused with a 4xx that says why, changing nothing.
 */
export class ApprovalService {
  private readonly reach: VersionReach

  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly publisher: Publisher,
    private readonly clock: Clock,
  ) {
    this.reach = new VersionReach(db, repos, publisher)
  }

  /** The legibility check the approval of this version runs (approvals/legibility.ts). */
  legibility(type: ApprovableType, id: string, number: number) {
    const version = this.get(type, id, number)
    return versionLegibility(this.repos, this.publisher, this.reach, type, id, version.body)
  }

  /** The draft's body, as a version would hold it (404 when the object does not exist). */
  draftBody(type: ApprovableType, id: string): unknown {
    switch (type) {
      case 'playlist':
        return this.repos.playlists.body(id)
      case 'schedule':
        return this.repos.schedules.body(id)
      case 'layout':
        return this.repos.layouts.body(id)
      case 'feed':
        return this.repos.feeds.body(id)
      case 'dataset':
        return this.repos.datasets.body(id)
    }
  }

  /** The object's own row exists (its versions may outlive it, as history). */
  private exists(type: ApprovableType, id: string): boolean {
    switch (type) {
      case 'playlist':
        return this.repos.playlists.find(id) !== undefined
      case 'schedule':
        return this.repos.schedules.find(id) !== undefined
      case 'layout':
        return this.repos.layouts.find(id) !== undefined
      case 'feed':
        return this.repos.feeds.find(id) !== undefined
      case 'dataset':
        return this.repos.datasets.find(id) !== undefined
    }
  }

  /** An edit of the draft by `userId`: they become an author of the next submission. */
  edited(type: ApprovableType, id: string, userId: string | null): void {
    if (userId) this.repos.versions.touchDraft(type, id, userId)
  }

  list(type: ApprovableType, id: string): Version[] {
    this.requireObjectOrHistory(type, id)
    return this.repos.versions.list(type, id)
  }

  get(type: ApprovableType, id: string, number: number): Version {
    this.requireObjectOrHistory(type, id)
    return this.repos.versions.get(type, id, number)
  }

  submit(type: ApprovableType, id: string, userId: string, opts: { withdraw?: boolean; comment?: string }) {
    return this.db
      .transaction(() => {
        const label = `${LABEL[type]} "${id}"`
        let body: unknown = null
        if (opts.withdraw) {
          if (!this.exists(type, id)) throw notFound(`${type}.not-found` as const, LABEL[type], id)
          if (!this.repos.versions.live(type, id)) {
            throw conflict(
              'approval.nothing-to-withdraw',
              `${label} is not on air: there is nothing to withdraw.`,
              undefined,
              { type, id },
            )
          }
        } else {
          body = this.draftBody(type, id)
          if (type === 'playlist') {
            refuseUnplayableDraft(id, (body as PlaylistBody).items, {
              mediumExists: (mediaId) => this.repos.media.find(mediaId) !== undefined,
              webOrigins: () => this.repos.webOrigins.allowed(),
            })
          }
        }
        const latest = this.repos.versions.latest(type, id)
        if (latest && canonicalJson(latest.body) === canonicalJson(body)) {
          throw conflict(
            'approval.unchanged',
            `Nothing changed since version ${latest.number} (${latest.state}): edit the draft before submitting.`,
            { version: latest.number, state: latest.state },
            { type, id, version: latest.number, state: latest.state },
          )
        }
        // Edits in versions never approved (rejected, or still waiting) are still in this draft:
        // their authors stay authors, so a rejection cannot launder someone's own change.
        const approved = this.repos.versions.latest(type, id, 'approved')?.number ?? 0
        const carried = this.repos.versions
          .list(type, id)
          .filter((v) => v.number > approved)
          .flatMap((v) => v.authors)
        const authors = [...this.repos.versions.takeDraftAuthors(type, id), ...carried, userId]
        return this.repos.versions.create(type, id, body, authors, userId, opts.comment ?? null)
      })
      .immediate()
  }

  /**
   * Approves or rejects a submitted version; never by one of its authors. A version whose
   * slides fail the legibility check (a playlist's own, or those a schedule entry or layout
   * brings onto new panels) is approved only with `legibilityOverride`, the approver's reason,
   * kept with the decision.
   */
  decide(
    type: ApprovableType,
    id: string,
    number: number,
    userId: string,
    decision: 'approved' | 'rejected',
    comment: string | null,
    legibilityOverride?: string,
  ): { before: Version; after: Version } {
    return this.db
      .transaction(() => {
        const before = this.get(type, id, number)
        if (before.state !== 'submitted') {
          throw conflict(
            'approval.decided',
            `Version ${number} of ${LABEL[type].toLowerCase()} "${id}" was already ${before.state} by ${before.decidedBy} at ${before.decidedAt}; a decision is final.`,
            undefined,
            {
              type,
              id,
              version: number,
              state: before.state,
              ...(before.decidedBy === null ? {} : { decidedBy: before.decidedBy }),
              ...(before.decidedAt === null ? {} : { decidedAt: before.decidedAt }),
            },
          )
        }
        if (before.authors.includes(userId)) {
          throw forbidden(
            'approval.own-change',
            `You are an author of version ${number} (you edited or submitted it): another approver must ${decision === 'approved' ? 'approve' : 'reject'} it.`,
            undefined,
            { type, id, version: number },
          )
        }
        const override =
          decision === 'approved'
            ? legibilityBlock(
                versionLegibility(this.repos, this.publisher, this.reach, type, id, before.body),
                type,
                before,
                legibilityOverride,
              )
            : null
        return {
          before,
          after: this.repos.versions.decide(type, id, number, decision, userId, comment, override),
        }
      })
      .immediate()
  }

  /** The approved version to publish: the one named, or the latest approved. */
  private approved(type: ApprovableType, id: string, number?: number): Version {
    if (!this.exists(type, id)) throw notFound(`${type}.not-found` as const, LABEL[type], id)
    const version =
      number === undefined ? this.repos.versions.latest(type, id, 'approved') : this.get(type, id, number)
    if (!version) {
      throw conflict(
        'approval.none-approved',
        `${LABEL[type]} "${id}" has no approved version yet: submit the draft and have another approver approve it.`,
        undefined,
        { type, id },
      )
    }
    if (version.state !== 'approved') {
      throw conflict(
        'approval.not-approved',
        `Version ${version.number} of ${LABEL[type].toLowerCase()} "${id}" is ${version.state}, not approved: only approved versions go on air.`,
        { version: version.number, state: version.state },
        { type, id, version: version.number, state: version.state },
      )
    }
    return version
  }

  /** On air now (documents pushed), or at `at` when that is in the future. */
  publish(
    type: ApprovableType,
    id: string,
    opts: { version?: number; at?: number },
  ): { version: Version; documents: PublishedDocument[] } | { publication: Publication } {
    const version = this.approved(type, id, opts.version)
    if (opts.at !== undefined && opts.at > this.clock()) {
      return { publication: this.repos.versions.schedulePublication(type, id, version.number, opts.at) }
    }
    const documents = this.publisher.goLive([{ type, id, number: version.number }])
    return { version: this.repos.versions.get(type, id, version.number), documents }
  }

  /**
   * A change set on air in one step: every version must be approved and not on air yet, each of
   * a different object, or nothing is published. They go live in one transaction, so no screen
   * ever holds the schedule entry without its playlist; playlists and layouts are listed before
   * the schedule entries that play them, the order a person would publish them in one by one.
   * Returns the versions (with the number each replaced) and the pushed documents.
   */
  publishTogether(refs: readonly { type: ApprovableType; id: string; number: number }[]): {
    versions: { version: Version; from: number | null }[]
    documents: PublishedDocument[]
  } {
    const objects = new Set(refs.map((r) => `${r.type}:${r.id}`))
    if (objects.size !== refs.length) {
      throw badRequest(
        'approval.version-twice',
        'A change set holds one version of each object: one is named twice.',
        [{ field: 'versions' }],
      )
    }
    const ordered = [...refs].sort((a, b) => ORDER[a.type] - ORDER[b.type])
    const from = ordered.map((r) => {
      this.approved(r.type, r.id, r.number)
      const live = this.repos.versions.liveNumber(r.type, r.id)?.number ?? null
      if (live === r.number) {
        throw conflict(
          'approval.on-air',
          `Version ${r.number} of ${LABEL[r.type].toLowerCase()} "${r.id}" is already on air.`,
          { type: r.type, id: r.id, version: r.number },
          { type: r.type, id: r.id, version: r.number },
        )
      }
      return live
    })
    const documents = this.publisher.goLive(ordered)
    return {
      versions: ordered.map((r, i) => ({
        version: this.repos.versions.get(r.type, r.id, r.number),
        from: from[i] ?? null,
      })),
      documents,
    }
  }

  /** Back to an earlier approved version, in one action. */
  rollback(type: ApprovableType, id: string, number: number) {
    this.approved(type, id, number)
    const live = this.repos.versions.liveNumber(type, id)
    if (live?.number === number) {
      throw conflict('approval.on-air', `Version ${number} is already on air.`, undefined, {
        type,
        id,
        version: number,
      })
    }
    const documents = this.publisher.goLive([{ type, id, number }])
    return { version: this.repos.versions.get(type, id, number), documents, from: live?.number ?? null }
  }

  diff(type: ApprovableType, id: string, from: VersionRef, to: VersionRef): Diff {
    const body = (ref: VersionRef) =>
      ref === 'draft' ? this.draftBody(type, id) : this.get(type, id, ref).body
    return { from, to, changes: diffBodies(body(from), body(to)) }
  }

  publications(type: ApprovableType, id: string): Publication[] {
    this.requireObjectOrHistory(type, id)
    return this.repos.versions.listPublications(type, id)
  }

  /**
   * Content the server itself puts on air (the sample content on a fresh start): a version
   * submitted and approved by the system, all live together. Returns the versions.
   */
  approveAsSystem(objects: readonly { type: ApprovableType; id: string }[], comment: string): Version[] {
    const versions = this.db.transaction(() =>
      objects.map(({ type, id }) => {
        const v = this.repos.versions.create(type, id, this.draftBody(type, id), [], SYSTEM_AUTHOR, null)
        return this.repos.versions.decide(type, id, v.number, 'approved', SYSTEM_AUTHOR, comment)
      }),
    )()
    this.publisher.goLive(versions.map((v) => ({ type: v.objectType, id: v.objectId, number: v.number })))
    return versions
  }

  /**
   * A change on air without a second person, where an approved policy names this path (a
   * dataset's quick change by one of its named approvers, an API token's update under `direct`):
   * the body is frozen as the next version like any submission, approved by `userId` with the
   * comment saying which path it took, then put on air (as a publish does: delivered once
   * committed). The caller has checked the policy and records the audit entry with before and after.
   */
  airAtOnce(
    type: ApprovableType,
    id: string,
    body: unknown,
    userId: string,
    comment: string,
    /** Written in the same transaction as the version (the draft following the change). */
    alongside: () => void = () => {},
  ): { version: Version; documents: PublishedDocument[] } {
    const number = this.db
      .transaction(() => {
        alongside()
        const created = this.repos.versions.create(type, id, body, [userId], userId, comment)
        return this.repos.versions.decide(type, id, created.number, 'approved', userId, null).number
      })
      .immediate()
    const documents = this.publisher.goLive([{ type, id, number }])
    return { version: this.repos.versions.get(type, id, number), documents }
  }

  /** The object was deleted: off the air and out of the publication queue; its versions stay. */
  forget(type: ApprovableType, id: string): void {
    this.repos.versions.forget(type, id)
  }

  private requireObjectOrHistory(type: ApprovableType, id: string): void {
    if (!this.exists(type, id) && !this.repos.versions.latest(type, id))
      throw notFound(`${type}.not-found` as const, LABEL[type], id)
  }
}

import { canonicalJson } from '@playlists/canonical'
import { patchRows } from '@playlists/dataset'
import type { Version } from '@playlists/schemas/approval'
import type {
  Dataset,
  DatasetBody,
  DatasetCreateInput,
  DatasetInput,
  DatasetOnAir,
  DatasetRow,
  RowsPatch,
} from '@playlists/schemas/dataset'
import type { ApprovalService } from '../approvals/service'
import type { Actor } from '../auth/actor'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { DomainError, refuse } from '../domain-error'
import { conflict, forbidden } from '../errors'
import type { Repositories } from '../repositories'
import { checkedRows } from '../repositories/datasets'
import type { PublishedDocument } from '../repositories/documents'

/** What a change that went on air did, for the route's answer and its audit entry. */
export interface AiredChange {
  version: Version
  documents: PublishedDocument[]
  before: { version: number; rows: DatasetRow[] }
  after: { version: number; rows: DatasetRow[] }
}

export type TokenUpdate =
  | ({ outcome: 'on-air' } & AiredChange)
  | { outcome: 'queued'; version: Version; before: DatasetRow[]; after: DatasetRow[] }
  | { outcome: 'unchanged' }

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

/**
 * The paths by which a dataset's rows change, besides its draft: a named approver's quick change
 * and an API token's update. Both are decided by the policy of the version on air (what a second
 * person approved), never by the draft's, so nobody widens their own shortcut by editing it.
 */
export class DatasetService {
  constructor(
    private readonly db: Store,
    private readonly repos: Repositories,
    private readonly approvals: ApprovalService,
    private readonly clock: Clock,
  ) {}

  create(input: DatasetCreateInput): Dataset {
    this.checkQuickApprovers(input.quickApprovers)
    return this.repos.datasets.create(input)
  }

  update(id: string, input: DatasetInput): Dataset {
    this.repos.datasets.get(id)
    this.checkQuickApprovers(input.quickApprovers)
    return this.repos.datasets.update(id, input)
  }

  onAir(id: string): DatasetOnAir {
    this.repos.datasets.get(id)
    const live = this.repos.versions.live<DatasetBody>('dataset', id)
    return live
      ? { version: live.number, liveAt: live.liveAt, body: live.body }
      : { version: null, liveAt: null, body: null }
  }

  /** A quick change: one of the approved version's named approvers changes rows, on air at once. */
  quickChange(id: string, patch: RowsPatch, userId: string): AiredChange {
    const live = this.live(id)
    if (!live.body.quickApprovers.includes(userId)) {
      throw forbidden(
        'dataset.not-quick-approver',
        `Only the approvers the dataset "${id}" names may make a quick change; submit the change for approval instead.`,
        undefined,
        { id },
      )
    }
    const comment = `Quick change${patch.comment ? `: ${patch.comment}` : ''}`
    return this.air(id, live, patch, userId, comment)
  }

  /**
   * An API token's update: on air at once when the approved policy says `direct` (and a version
   * is on air to change), else written to the draft and submitted for approval.
   */
  tokenUpdate(id: string, patch: RowsPatch, actor: Actor): TokenUpdate {
    if (actor.kind !== 'user' || actor.via !== 'token') {
      throw forbidden(
        'dataset.token-only',
        'This address is for a department’s system with an API token; people edit the rows in the console.',
      )
    }
    const userId = actor.user.id
    const live = this.repos.versions.live<DatasetBody>('dataset', id)
    const comment = `API token ${actor.tokenId ?? ''}${patch.comment ? `: ${patch.comment}` : ''}`
    if (live?.body.tokenPolicy === 'direct') {
      const aired = this.air(id, live, patch, userId, comment)
      return { outcome: 'on-air', ...aired }
    }
    return this.db
      .transaction((): TokenUpdate => {
        const draft = this.repos.datasets.get(id)
        const rows = checkedRows(() => patchRows(draft.columns, draft.rows, patch, this.now()))
        this.repos.datasets.replaceRows(id, rows)
        try {
          const version = this.approvals.submit('dataset', id, userId, { comment })
          return { outcome: 'queued', version, before: draft.rows, after: rows }
        } catch (error) {
          // The same rows as the latest version already hold (waiting or decided): nothing to queue.
          if (error instanceof DomainError && error.code === 'approval.unchanged')
            return { outcome: 'unchanged' }
          throw error
        }
      })
      .immediate()
  }

  private live(id: string) {
    this.repos.datasets.get(id)
    const live = this.repos.versions.live<DatasetBody>('dataset', id)
    if (!live) {
      throw conflict(
        'dataset.not-on-air',
        `The dataset "${id}" has no version on air: its first version is approved like any change.`,
        undefined,
        { id },
      )
    }
    return live
  }

  /**
   * The patch applied to the rows on air (strictly: it is what goes on screen) and to the draft
   * beside them (leniently: a draft whose columns are being changed takes what fits), so that
   * the next submission does not put the old values back.
   */
  private air(
    id: string,
    live: { number: number; body: DatasetBody },
    patch: RowsPatch,
    userId: string,
    comment: string,
  ): AiredChange {
    const now = this.now()
    const rows = checkedRows(() => patchRows(live.body.columns, live.body.rows, patch, now))
    if (same(rows, live.body.rows)) {
      throw conflict(
        'dataset.unchanged',
        `The change leaves the rows on air as they are (version ${live.number}).`,
        undefined,
        { id, version: live.number },
      )
    }
    const { version, documents } = this.approvals.airAtOnce(
      'dataset',
      id,
      { ...live.body, rows },
      userId,
      comment,
      () => {
        const draft = this.repos.datasets.get(id)
        const rows = checkedRows(() => patchRows(draft.columns, draft.rows, patch, now, 'lenient'))
        this.repos.datasets.replaceRows(id, rows)
      },
    )
    return {
      version,
      documents,
      before: { version: live.number, rows: live.body.rows },
      after: { version: version.number, rows },
    }
  }

  /** Named quick-change approvers are accounts that may approve (approvers and admins). */
  private checkQuickApprovers(ids: readonly string[]): void {
    ids.forEach((userId, index) => {
      const user = this.repos.users.find(userId)
      if (!user || user.disabled || (user.role !== 'approver' && user.role !== 'admin')) {
        throw refuse(
          'dataset.quick-approver',
          `"${userId}" is not an approver's account: only approvers and admins may make quick changes.`,
          { field: `quickApprovers/${index}`, params: { userId } },
        )
      }
    })
  }

  private now(): string {
    return isoAt(this.clock())
  }
}

import type { ApprovableType } from '@playlists/schemas/approval'
import type { QueueEntry } from '@playlists/schemas/approval-queue'
import { href } from '../../router'

export const APPROVABLE: readonly ApprovableType[] = ['playlist', 'schedule', 'layout', 'feed', 'dataset']

export const isApprovable = (text: string | undefined): text is ApprovableType =>
  (APPROVABLE as readonly string[]).includes(text ?? '')

export const detailHref = (type: ApprovableType, id: string, number: number) =>
  href('approvals', type, id, String(number))

/**
 * The preview page's address for a version not on air yet, in the form it reads:
 * `#/preview/<screenId>?draft=<kind>:<id>:<version>` (ids are slugs, safe as they are).
 */
export const previewHref = (screenId: string, type: ApprovableType, id: string, number: number) =>
  `${href('preview', screenId)}?draft=${type}:${id}:${number}`

/** Where a version stands, as a person asks it: does it wait for someone, is it on air? */
export type Standing = 'submitted' | 'approved' | 'scheduled' | 'live' | 'superseded' | 'rejected'

export function standingOf(v: Pick<QueueEntry, 'state' | 'live' | 'liveNumber' | 'number' | 'publishAt'>) {
  if (v.state !== 'approved') return v.state
  if (v.live) return 'live'
  if (v.liveNumber !== null && v.number < v.liveNumber) return 'superseded'
  return v.publishAt ? 'scheduled' : 'approved'
}

export const STANDING_BADGE: Record<Standing, string> = {
  submitted: 'badge warn',
  approved: 'badge ok',
  scheduled: 'badge ok',
  live: 'badge ok',
  superseded: 'badge',
  rejected: 'badge danger',
}

/**
 * The version a change is read against: the one on air (what a reviewer cares about), or, for
 * the version on air itself or when nothing is on air, the one before it. Null: nothing before.
 */
export function baseOf(v: Pick<QueueEntry, 'number' | 'liveNumber'>): number | null {
  if (v.liveNumber !== null && v.liveNumber !== v.number) return v.liveNumber
  return v.number > 1 ? v.number - 1 : null
}

import type { VersionSummary } from '@playlists/schemas/approval'
import type { Playlist } from '@playlists/schemas/playlist'

/** One badge of a playlist's approval state: `tone` is the console's badge class, `key` its words. */
export interface StateBadge {
  tone: '' | 'ok' | 'warn' | 'danger'
  key:
    | 'state.on-air'
    | 'state.not-on-air'
    | 'state.submitted'
    | 'state.approved'
    | 'state.rejected'
    | 'state.draft'
  version?: number
}

/**
 * Where a playlist stands between editors, approvers and screens, from the playlist (what is on
 * air, and whether the draft differs) and its versions (newest first): on air or not, and
 * what happened to the newest version if it is not the one on air, else whether the draft has edits.
 */
export function approvalState(
  playlist: Playlist,
  versions: readonly VersionSummary[] | undefined,
): StateBadge[] {
  const badges: StateBadge[] = []
  if (playlist.publishedRevision !== null)
    badges.push({ tone: 'ok', key: 'state.on-air', version: playlist.publishedRevision })
  else badges.push({ tone: '', key: 'state.not-on-air' })
  const latest = versions?.find((v) => !v.withdrawal)
  if (latest && !latest.live) {
    const tone = latest.state === 'submitted' ? 'warn' : latest.state === 'rejected' ? 'danger' : 'ok'
    badges.push({ tone, key: `state.${latest.state}`, version: latest.number })
  } else if (playlist.hasUnpublishedChanges) {
    // Edited since what is on air (or never on air), and nothing submitted yet.
    badges.push({ tone: 'warn', key: 'state.draft' })
  }
  return badges
}

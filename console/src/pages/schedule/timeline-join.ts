import type { Conflict, TimelineEntryAnswer } from '@playlists/schemas/timeline'

/**
 * A busy screen's timeline over a week can come in more than one answer
 * (TIMELINE_PAGE_ENTRIES_MAX); each answer stops somewhere, often inside a stretch that goes on
 * in the next. Joining them here, apart from the fetching hook, keeps the rule testable without
 * a browser: one stretch split by a page boundary is drawn (and counted) once.
 */

/** Two pieces of one stretch, cut where one answer stopped and the next one began. */
export const sameSpan = (a: TimelineEntryAnswer | Conflict, b: TimelineEntryAnswer | Conflict): boolean => {
  if (a.end !== b.start) return false
  if ('winner' in a && 'winner' in b)
    return JSON.stringify([a.winner, a.losers]) === JSON.stringify([b.winner, b.losers])
  return (
    !('winner' in a) &&
    !('winner' in b) &&
    a.playlistId === b.playlistId &&
    a.ruleId === b.ruleId &&
    a.overrideId === b.overrideId
  )
}

/** Appends `more` to `list`, joining the stretch an answer's end cut in two. */
export function joined<T extends TimelineEntryAnswer | Conflict>(list: T[], more: readonly T[]): T[] {
  const last = list.at(-1)
  const [first, ...rest] = more
  if (last && first && sameSpan(last, first))
    return [...list.slice(0, -1), { ...last, end: first.end }, ...rest]
  return [...list, ...more]
}

/**
 * One page of a list the console holds whole (users, screens, schedule entries): the page shown
 * is kept within the list, so a filter that shortens it, or a row removed by someone else, never
 * leaves the reader on an empty page past the end.
 */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { page: number; rows: T[] } {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize))
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages)
  return { page: current, rows: rows.slice((current - 1) * pageSize, current * pageSize) }
}

import type { DiffChange } from '@playlists/schemas/approval'

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** A list whose entries all carry a unique string id (playlist items, layout zones): compared by id. */
function idList(v: unknown): Map<string, unknown> | null {
  if (!Array.isArray(v) || v.length === 0) return null
  const byId = new Map<string, unknown>()
  for (const entry of v) {
    if (!isObject(entry) || typeof entry.id !== 'string' || byId.has(entry.id)) return null
    byId.set(entry.id, entry)
  }
  return byId
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * What changed between two bodies of an object, as a flat list a reviewer reads top to bottom:
 * fields changed (with before and after), list entries (items, zones) added, removed, changed
 * field by field or reordered. A withdrawal (null body) against a body is one change at the root.
 */
export function diffBodies(before: unknown, after: unknown, path = ''): DiffChange[] {
  if (same(before, after)) return []
  if (before === null || before === undefined) return [{ path: path || '/', change: 'added', after }]
  if (after === null || after === undefined) return [{ path: path || '/', change: 'removed', before }]
  const at = (key: string) => (path ? `${path}/${key}` : key)
  if (isObject(before) && isObject(after)) {
    const changes: DiffChange[] = []
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!(key in after)) changes.push({ path: at(key), change: 'removed', before: before[key] })
      else if (!(key in before)) changes.push({ path: at(key), change: 'added', after: after[key] })
      else changes.push(...diffBodies(before[key], after[key], at(key)))
    }
    return changes
  }
  const a = idList(before)
  const b = idList(after)
  if (a && b) {
    const changes: DiffChange[] = []
    for (const [id, entry] of a) {
      if (!b.has(id)) changes.push({ path: at(id), change: 'removed', before: entry })
      else changes.push(...diffBodies(entry, b.get(id), at(id)))
    }
    for (const [id, entry] of b) if (!a.has(id)) changes.push({ path: at(id), change: 'added', after: entry })
    const kept = [...a.keys()].filter((id) => b.has(id))
    const keptAfter = [...b.keys()].filter((id) => a.has(id))
    if (!same(kept, keptAfter)) {
      changes.push({ path: path || '/', change: 'reordered', before: kept, after: keptAfter })
    }
    return changes
  }
  return [{ path: path || '/', change: 'changed', before, after }]
}

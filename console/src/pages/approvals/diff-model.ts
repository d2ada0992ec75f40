import type { DiffChange } from '@playlists/schemas/approval'

/**
 * The server's diff is a flat list of paths (`items/s2/text/vi/title`); a reviewer reads by
 * thing: the object's own fields, then each playlist item or layout zone that was added,
 * removed or changed, then a change of order. This turns one into the other. Pure: no DOM.
 */

/** Lists whose entries carry ids, compared entry by entry (the server's diff does the same). */
export const ENTRY_LISTS: readonly string[] = ['items', 'zones', 'rows', 'columns']

/** Small structured fields a person reads as one value (a schedule entry's target, its window, its lunar days; a clock's second zone). */
const WHOLE: readonly string[] = ['target', 'window', 'cron', 'lunar', 'secondZone']

export type Row = Record<string, unknown>

export interface FieldChange {
  /** Path inside the object or the entry, e.g. ['window', 'start']. */
  path: string[]
  change: 'added' | 'removed' | 'changed'
  before?: unknown
  after?: unknown
}

export interface EntryGroup {
  kind: 'entry'
  list: string
  id: string
  change: 'added' | 'removed' | 'changed'
  before: Row | null
  after: Row | null
  /** 1-based place in the list (after the change; before it for a removed entry). */
  position: number
  rows: FieldChange[]
}

export type DiffGroup =
  | { kind: 'withdrawal' }
  | { kind: 'fields'; rows: FieldChange[] }
  | EntryGroup
  | { kind: 'order'; list: string; before: string[]; after: string[] }

const isRow = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function entriesOf(body: unknown, list: string): Row[] {
  const value = isRow(body) ? body[list] : undefined
  return Array.isArray(value) ? value.filter(isRow) : []
}

const findEntry = (body: unknown, list: string, id: string) =>
  entriesOf(body, list).find((e) => e.id === id) ?? null

const positionOf = (body: unknown, list: string, id: string) =>
  entriesOf(body, list).findIndex((e) => e.id === id) + 1

/** Field by field, for two versions of one entry or object (lists compared whole). */
export function fieldChanges(before: unknown, after: unknown, path: string[] = []): FieldChange[] {
  if (same(before, after)) return []
  if (isRow(before) && isRow(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) => {
      if (!(key in after)) return [{ path: [...path, key], change: 'removed' as const, before: before[key] }]
      if (!(key in before)) return [{ path: [...path, key], change: 'added' as const, after: after[key] }]
      return fieldChanges(before[key], after[key], [...path, key])
    })
  }
  return [{ path, change: 'changed', before, after }]
}

/** A list replaced whole (the server does so when it was empty): entry by entry instead. */
function splitList(list: string, before: unknown, after: unknown): DiffChange[] {
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter(isRow).map((e) => String(e.id)) : [])
  const old = ids(before)
  const now = ids(after)
  const at = (v: unknown, id: string) => (Array.isArray(v) ? v.filter(isRow).find((e) => e.id === id) : null)
  return [
    ...old
      .filter((id) => !now.includes(id))
      .map((id) => ({ path: `${list}/${id}`, change: 'removed' as const, before: at(before, id) })),
    ...now
      .filter((id) => !old.includes(id))
      .map((id) => ({ path: `${list}/${id}`, change: 'added' as const, after: at(after, id) })),
    ...now
      .filter((id) => old.includes(id) && !same(at(before, id), at(after, id)))
      .map((id) => ({ path: `${list}/${id}`, change: 'changed' as const })),
  ]
}

const hasIds = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((e) => isRow(e) && 'id' in e)

/** The groups a reviewer reads, from the server's changes and the two bodies they came from. */
export function groupChanges(changes: readonly DiffChange[], before: unknown, after: unknown): DiffGroup[] {
  if (after === null) return [{ kind: 'withdrawal' }]
  if (before === null || changes.some((c) => c.path === '/' && c.change === 'added')) {
    return groupChanges(creation(after), {}, after)
  }
  const fields: FieldChange[] = []
  const entries = new Map<string, EntryGroup>()
  const orders: DiffGroup[] = []
  const queue = [...changes]
  for (let change = queue.shift(); change; change = queue.shift()) {
    const [head = '', id, ...rest] = change.path.split('/')
    if (WHOLE.includes(head) && isRow(before) && isRow(after)) {
      // Read as one value ("Site chi-ma → All screens"), not field by field.
      if (!fields.some((f) => f.path[0] === head)) {
        const [was, now] = [before[head], after[head]]
        const kind =
          was === undefined || was === null
            ? 'added'
            : now === undefined || now === null
              ? 'removed'
              : 'changed'
        fields.push({ path: [head], change: kind, before: was, after: now })
      }
      continue
    }
    if (!ENTRY_LISTS.includes(head)) {
      fields.push({ ...change, path: change.path.split('/') } as FieldChange)
      continue
    }
    if (change.change === 'reordered') {
      orders.push({ kind: 'order', list: head, before: asIds(change.before), after: asIds(change.after) })
      continue
    }
    if (id === undefined) {
      if (hasIds(change.before) || hasIds(change.after))
        queue.push(...splitList(head, change.before, change.after))
      else fields.push({ ...change, path: [head] } as FieldChange)
      continue
    }
    const key = `${head}/${id}`
    let group = entries.get(key)
    if (!group) {
      const old = findEntry(before, head, id)
      const now = findEntry(after, head, id)
      group = {
        kind: 'entry',
        list: head,
        id,
        change: old && now ? 'changed' : now ? 'added' : 'removed',
        before: old,
        after: now,
        position: now ? positionOf(after, head, id) : positionOf(before, head, id),
        rows: [],
      }
      entries.set(key, group)
    }
    // A changed entry whose change came as a whole: compare it field by field here.
    if (rest.length === 0 && group.change === 'changed')
      group.rows.push(...fieldChanges(group.before, group.after))
    else if (rest.length > 0) group.rows.push({ ...change, path: rest } as FieldChange)
  }
  const sorted = [...entries.values()].sort((a, b) => a.list.localeCompare(b.list) || a.position - b.position)
  return [...(fields.length > 0 ? [{ kind: 'fields' as const, rows: fields }] : []), ...sorted, ...orders]
}

const asIds = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])

/** A body with nothing before it: every field and every entry is new. */
function creation(after: unknown): DiffChange[] {
  if (!isRow(after)) return [{ path: '/', change: 'changed', after }]
  return Object.entries(after).flatMap(([key, value]): DiffChange[] =>
    ENTRY_LISTS.includes(key) && Array.isArray(value)
      ? value.filter(isRow).map((e) => ({ path: `${key}/${String(e.id)}`, change: 'added', after: e }))
      : [{ path: key, change: 'added', after: value }],
  )
}

/** The entry's text in the reviewer's chosen language, or any, for labels. */
export function entryTitle(entry: Row | null, language: string): string | null {
  if (!entry) return null
  if (typeof entry.name === 'string') return entry.name
  const text = entry.text
  if (!isRow(text)) return null
  const pick = text[language] ?? text.vi
  if (typeof pick === 'string') return pick
  return isRow(pick) && typeof pick.title === 'string' ? pick.title : null
}

import { entryTitle, fieldChanges, groupChanges } from '@console/pages/approvals/diff-model'
import type { DiffChange } from '@playlists/schemas/approval'
import { describe, expect, it } from 'vitest'

/**
 * The approvals page turns the server's flat diff (`items/s2/text/vi/title`) into what a reviewer
 * reads: the object's own fields, then each entry added, removed or changed, then a new order.
 */

const slide = (id: string, title: string, durationMs = 8000) => ({
  id,
  kind: 'slide',
  durationMs,
  text: { vi: { title }, en: { title: `${title} (en)` } },
})

const before = { name: 'Sảnh', items: [slide('s1', 'Một'), slide('s2', 'Hai'), slide('s3', 'Ba')] }

describe('approval diff model', () => {
  it('has nothing to show for no change', () => {
    expect(groupChanges([], before, before)).toEqual([])
  })

  it('shows a withdrawal alone, whatever else changed', () => {
    expect(groupChanges([{ path: 'name', change: 'changed' }], before, null)).toEqual([
      { kind: 'withdrawal' },
    ])
  })

  it('reads a first version as every field and every entry added', () => {
    const after = { name: 'Sảnh', items: [slide('s1', 'Một'), slide('s2', 'Hai')] }
    const expected = [
      { kind: 'fields', rows: [{ path: ['name'], change: 'added', after: 'Sảnh' }] },
      {
        kind: 'entry',
        list: 'items',
        id: 's1',
        change: 'added',
        before: null,
        after: after.items[0],
        position: 1,
        rows: [],
      },
      {
        kind: 'entry',
        list: 'items',
        id: 's2',
        change: 'added',
        before: null,
        after: after.items[1],
        position: 2,
        rows: [],
      },
    ]
    expect(groupChanges([], null, after)).toEqual(expected)
    // The server may also say so with a change of the whole body.
    expect(groupChanges([{ path: '/', change: 'added', after }], before, after)).toEqual(expected)
  })

  it('puts the object fields first, path by path', () => {
    const changes: DiffChange[] = [
      { path: 'items/s2/durationMs', change: 'changed', before: 8000, after: 10_000 },
      { path: 'name', change: 'changed', before: 'Sảnh', after: 'Sảnh A' },
      { path: 'settings/volume', change: 'added', after: 3 },
    ]
    const after = {
      ...before,
      name: 'Sảnh A',
      items: [slide('s1', 'Một'), slide('s2', 'Hai', 10_000), slide('s3', 'Ba')],
    }
    const groups = groupChanges(changes, before, after)
    expect(groups.map((g) => g.kind)).toEqual(['fields', 'entry'])
    expect(groups[0]).toEqual({
      kind: 'fields',
      rows: [
        { path: ['name'], change: 'changed', before: 'Sảnh', after: 'Sảnh A' },
        { path: ['settings', 'volume'], change: 'added', after: 3 },
      ],
    })
    expect(groups[1]).toMatchObject({
      id: 's2',
      change: 'changed',
      position: 2,
      rows: [{ path: ['durationMs'], change: 'changed', before: 8000, after: 10_000 }],
    })
  })

  it('gathers several changes of one entry into one group', () => {
    const after = {
      ...before,
      items: [slide('s1', 'Một'), { ...slide('s2', 'Hai!', 9000) }, slide('s3', 'Ba')],
    }
    const groups = groupChanges(
      [
        { path: 'items/s2/text/vi/title', change: 'changed', before: 'Hai', after: 'Hai!' },
        { path: 'items/s2/durationMs', change: 'changed', before: 8000, after: 9000 },
      ],
      before,
      after,
    )
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ rows: [{ path: ['text', 'vi', 'title'] }, { path: ['durationMs'] }] })
  })

  it('places an added entry where it now is and a removed one where it was, sorted by place', () => {
    const after = { ...before, items: [slide('s1', 'Một'), slide('s3', 'Ba'), slide('s4', 'Bốn')] }
    const groups = groupChanges(
      [
        { path: 'items/s4', change: 'added', after: after.items[2] },
        { path: 'items/s2', change: 'removed', before: before.items[1] },
      ],
      before,
      after,
    )
    expect(groups.map((g) => (g.kind === 'entry' ? `${g.id} ${g.change} ${g.position}` : g.kind))).toEqual([
      's2 removed 2',
      's4 added 3',
    ])
  })

  it('compares an entry that changed as a whole field by field', () => {
    const after = { ...before, items: [slide('s1', 'Một'), slide('s2', 'Hai mới'), slide('s3', 'Ba')] }
    const [group] = groupChanges([{ path: 'items/s2', change: 'changed' }], before, after)
    expect(group).toMatchObject({
      change: 'changed',
      rows: [
        { path: ['text', 'vi', 'title'], before: 'Hai', after: 'Hai mới' },
        { path: ['text', 'en', 'title'], before: 'Hai (en)', after: 'Hai mới (en)' },
      ],
    })
  })

  it('splits a list replaced whole into its entries', () => {
    const empty = { name: 'Sảnh', items: [] }
    const groups = groupChanges(
      [{ path: 'items', change: 'changed', before: [], after: before.items }],
      empty,
      before,
    )
    expect(groups.map((g) => (g.kind === 'entry' ? `${g.id} ${g.change} ${g.position}` : g.kind))).toEqual([
      's1 added 1',
      's2 added 2',
      's3 added 3',
    ])
    const cleared = groupChanges(
      [{ path: 'items', change: 'changed', before: before.items, after: [] }],
      before,
      empty,
    )
    expect(cleared.map((g) => (g.kind === 'entry' ? `${g.id} ${g.change}` : g.kind))).toEqual([
      's1 removed',
      's2 removed',
      's3 removed',
    ])
  })

  it('shows a list without ids as one field', () => {
    const groups = groupChanges(
      [{ path: 'zones', change: 'changed', before: [], after: ['a'] }],
      { zones: [] },
      { zones: ['a'] },
    )
    expect(groups).toEqual([
      { kind: 'fields', rows: [{ path: ['zones'], change: 'changed', before: [], after: ['a'] }] },
    ])
  })

  it('shows a new order after the entries, by id', () => {
    const after = { ...before, items: [before.items[2], before.items[0], before.items[1]] }
    const groups = groupChanges(
      [{ path: 'items', change: 'reordered', before: ['s1', 's2', 's3'], after: ['s3', 's1', 's2'] }],
      before,
      after,
    )
    expect(groups).toEqual([
      { kind: 'order', list: 'items', before: ['s1', 's2', 's3'], after: ['s3', 's1', 's2'] },
    ])
  })

  it('reads a schedule target, window or cron as one value, added, removed or changed', () => {
    const rule = {
      name: 'Tối',
      target: { type: 'site', id: 'chi-ma' },
      window: null,
      cron: { expression: '0 9 * * *' },
    }
    const next = {
      name: 'Tối',
      target: { type: 'all' },
      window: { start: '18:00', end: '22:00' },
      cron: null,
    }
    const groups = groupChanges(
      [
        { path: 'target/type', change: 'changed', before: 'site', after: 'all' },
        { path: 'target/id', change: 'removed', before: 'chi-ma' },
        { path: 'window', change: 'changed', before: null, after: next.window },
        { path: 'cron', change: 'changed', before: rule.cron, after: null },
      ],
      rule,
      next,
    )
    expect(groups).toEqual([
      {
        kind: 'fields',
        rows: [
          { path: ['target'], change: 'changed', before: rule.target, after: next.target },
          { path: ['window'], change: 'added', before: null, after: next.window },
          { path: ['cron'], change: 'removed', before: rule.cron, after: null },
        ],
      },
    ])
  })

  describe('field by field', () => {
    it('finds nothing between equal values', () => {
      expect(fieldChanges({ a: [1, 2], b: { c: 'x' } }, { a: [1, 2], b: { c: 'x' } })).toEqual([])
    })

    it('names nested keys added, removed and changed, and compares lists whole', () => {
      expect(
        fieldChanges(
          { a: 1, b: { c: 'x', d: true }, tags: ['a'] },
          { a: 1, b: { c: 'y', e: 0 }, tags: ['a', 'b'] },
        ),
      ).toEqual([
        { path: ['b', 'c'], change: 'changed', before: 'x', after: 'y' },
        { path: ['b', 'd'], change: 'removed', before: true },
        { path: ['b', 'e'], change: 'added', after: 0 },
        { path: ['tags'], change: 'changed', before: ['a'], after: ['a', 'b'] },
      ])
    })

    it('reads a value turned into another kind as one change', () => {
      expect(fieldChanges('x', { a: 1 })).toEqual([
        { path: [], change: 'changed', before: 'x', after: { a: 1 } },
      ])
      expect(fieldChanges(null, 3, ['speed'])).toEqual([
        { path: ['speed'], change: 'changed', before: null, after: 3 },
      ])
    })
  })

  describe('entry titles', () => {
    it('takes a name, a ticker text or a slide title in the reader language, Vietnamese failing that', () => {
      expect(entryTitle({ name: 'Vùng chính' }, 'en')).toBe('Vùng chính')
      expect(entryTitle({ text: { vi: 'Tin', zh: '通知' } }, 'zh')).toBe('通知')
      expect(entryTitle({ text: { vi: 'Tin' } }, 'en')).toBe('Tin')
      expect(entryTitle(slide('s1', 'Một'), 'en')).toBe('Một (en)')
      expect(entryTitle(slide('s1', 'Một'), 'zh')).toBe('Một')
    })

    it('has none for an entry without text, or no entry', () => {
      expect(entryTitle(null, 'vi')).toBeNull()
      expect(entryTitle({ kind: 'clock' }, 'vi')).toBeNull()
      expect(entryTitle({ text: { vi: { body: 'only a body' } } }, 'vi')).toBeNull()
    })
  })
})

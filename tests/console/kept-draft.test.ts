import { stableJson } from '@console/components/draft-shape'
import { type Draft, newItem } from '@console/pages/playlists/draft'
import { draftPrint, parseKeptDraft } from '@console/pages/playlists/kept-draft'
import { PLAYLIST_ITEMS_MAX } from '@playlists/limits'
import type { ItemKind } from '@playlists/schemas/items'
import { describe, expect, it } from 'vitest'

/**
 * The playlist editor's draft kept in the browser and read back: data from localStorage may come
 * from an older console, so it is taken only in the editor's own shape, with fresh item keys.
 */

const KINDS: readonly ItemKind[] = ['image', 'video', 'slide', 'web', 'ticker', 'clock']
const kept = (draft: Draft): unknown => JSON.parse(JSON.stringify(draft))
const everyKind = (): Draft => ({ name: 'Sảnh', items: KINDS.map((k) => newItem(k, 'm1')) })

describe('kept playlist draft', () => {
  it('reads back a draft of every item kind, zero, one or many items', () => {
    const draft = everyKind()
    expect(draftPrint(parseKeptDraft(kept(draft))!)).toBe(draftPrint(draft))
    expect(parseKeptDraft({ name: '', items: [] })).toEqual({ name: '', items: [] })
    expect(parseKeptDraft(kept({ name: 'x', items: [newItem('clock')] }))?.items).toHaveLength(1)
  })

  it('gives every item read back a key of this page load', () => {
    const draft = everyKind()
    const back = parseKeptDraft(kept(draft))!
    const before = new Set(draft.items.map((i) => i.key))
    expect(back.items.every((i) => !before.has(i.key))).toBe(true)
    expect(new Set(back.items.map((i) => i.key)).size).toBe(KINDS.length)
  })

  it('keeps an item id and a rotating slide as they were', () => {
    const slide = { ...newItem('slide'), id: 's1', display: 'rotating' as const }
    expect(parseKeptDraft(kept({ name: 'x', items: [slide] }))?.items[0]).toMatchObject({
      id: 's1',
      display: 'rotating',
    })
  })

  it('takes at most PLAYLIST_ITEMS_MAX items', () => {
    const many = (n: number) => kept({ name: 'x', items: Array.from({ length: n }, () => newItem('clock')) })
    expect(parseKeptDraft(many(PLAYLIST_ITEMS_MAX))?.items).toHaveLength(PLAYLIST_ITEMS_MAX)
    expect(parseKeptDraft(many(PLAYLIST_ITEMS_MAX + 1))).toBeNull()
  })

  it('refuses anything not in the editor shape', () => {
    const good = kept(everyKind()) as { items: Record<string, unknown>[] }
    const withItem = (i: number, over: Record<string, unknown>) => ({
      name: 'x',
      items: good.items.map((item, j) => (j === i ? { ...item, ...over } : item)),
    })
    const bad: [string, unknown][] = [
      ['nothing', null],
      ['a list', []],
      ['no name', { items: [] }],
      ['items not a list', { name: 'x', items: {} }],
      ['an unknown kind', withItem(0, { kind: 'hologram' })],
      ['a number for the duration', withItem(0, { durationText: 8 })],
      ['a numeric id', withItem(0, { id: 3 })],
      ['an unknown fit', withItem(0, { fit: 'zoom' })],
      ['a video without sound', withItem(1, { sound: undefined })],
      [
        'a slide missing English',
        withItem(2, { text: { vi: { title: '', body: '' }, zh: { title: '', body: '' } } }),
      ],
      [
        'a slide title without body',
        withItem(2, {
          text: { vi: { title: 'a' }, zh: { title: '', body: '' }, en: { title: '', body: '' } },
        }),
      ],
      ['a slide with a numeric medium', withItem(2, { mediaId: 4 })],
      ['an unknown display', withItem(2, { display: 'sideways' })],
      ['a web page without address', withItem(3, { url: null })],
      ['a ticker speed as a number', withItem(4, { speed: 120 })],
      ['a ticker with object texts', withItem(4, { text: { vi: { title: 'a' }, zh: '', en: '' } })],
      ['a clock with text for seconds', withItem(5, { showSeconds: 'yes' })],
    ]
    for (const [why, data] of bad) expect(parseKeptDraft(data), why).toBeNull()
  })

  it('prints two drafts alike when only their keys or key order differ', () => {
    const draft = everyKind()
    const again = parseKeptDraft(kept(draft))!
    expect(draftPrint(again)).toBe(draftPrint(draft))
    const renamed = { ...draft, name: 'Sảnh B' }
    expect(draftPrint(renamed)).not.toBe(draftPrint(draft))
    expect(stableJson({ b: 1, a: { d: [2, { z: 0, y: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":1,"z":0}]},"b":1}',
    )
  })
})

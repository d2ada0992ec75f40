import { check, type EditItemOf, fromPlaylist, newItem, toInput } from '@console/pages/playlists/draft'
import { parseKeptDraft } from '@console/pages/playlists/kept-draft'
import type { Playlist } from '@playlists/schemas/playlist'
import { describe, expect, it } from 'vitest'

const newClock = () => newItem('clock') as EditItemOf<'clock'>
const CHINA = { timeZone: 'Asia/Shanghai', label: { vi: 'Trung Quốc', zh: '中国', en: 'China' } }

describe('clock item in the playlist editor', () => {
  it('starts with the second zone off but the Chinese side ready, and sends null until it is ticked', () => {
    const clock = newClock()
    expect(clock).toMatchObject({ kind: 'clock', zoneOn: false, zoneName: 'Asia/Shanghai', lunarDate: false })
    const off = toInput({ name: 'P', items: [clock] }).items[0]
    expect(off).toMatchObject({ kind: 'clock', seconds: false, secondZone: null, lunarDate: false })
    const on = toInput({ name: 'P', items: [{ ...clock, zoneOn: true, lunarDate: true }] }).items[0]
    expect(on).toMatchObject({ secondZone: CHINA, lunarDate: true })
  })

  it('finds an unknown time zone and an empty label before sending', () => {
    const clock: EditItemOf<'clock'> = {
      ...newClock(),
      zoneOn: true,
      zoneName: 'Asia/Nowhere',
      zoneLabel: { vi: 'Trung Quốc', zh: ' ', en: 'China' },
    }
    const problems = check({ name: 'P', items: [clock] }, null).map((p) => [p.field.split(':')[1], p.code])
    expect(problems).toEqual([
      ['secondZone.timeZone', 'time-zone'],
      ['secondZone.label.zh', 'required'],
    ])
    // Off, the same fields are not checked: they are not sent.
    expect(check({ name: 'P', items: [{ ...clock, zoneOn: false }] }, null)).toEqual([])
  })

  it('reads a stored clock back with its second zone and lunar date', () => {
    const playlist = {
      id: 'p',
      name: 'P',
      items: [
        { id: 'c', kind: 'clock', durationMs: 10_000, seconds: false, secondZone: CHINA, lunarDate: true },
      ],
    } as unknown as Playlist
    const draft = fromPlaylist(playlist)
    expect(draft.items[0]).toMatchObject({ zoneOn: true, zoneName: 'Asia/Shanghai', lunarDate: true })
    expect(toInput(draft).items[0]).toMatchObject({ secondZone: CHINA, lunarDate: true })
  })

  it('restores a draft kept before clocks had a second zone, with both off', () => {
    const kept = { name: 'P', items: [{ key: 'k1', kind: 'clock', durationText: '10', showSeconds: true }] }
    const draft = parseKeptDraft(kept)
    expect(draft?.items[0]).toMatchObject({ showSeconds: true, zoneOn: false, lunarDate: false })
    expect(parseKeptDraft({ name: 'P', items: [{ ...kept.items[0], zoneOn: 'yes' }] })).toBeNull()
  })
})

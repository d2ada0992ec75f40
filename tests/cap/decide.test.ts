import { distanceKm, inPolygon, readCircle, readPolygon } from '@playlists/cap/area'
import { decideCap } from '@playlists/cap/decide'
import { infosByLanguage } from '@playlists/cap/language'
import type { CapAlert, CapInfo, CapPolicy } from '@playlists/schemas/cap'
import { readCapDocument } from '@server/cap/document'
import { describe, expect, it } from 'vitest'
import { capFixture } from '../helpers/cap'

/** What an alert becomes: the core's pure rules, on the fixtures, at a chosen `now`. */

const NOW = Date.parse('2026-12-05T02:00:00Z') // 09:00 at the gates, during the flood warning
const SITES = [
  { id: 'huu-nghi', latitude: 21.9722, longitude: 106.705 },
  { id: 'tan-thanh', latitude: 21.945, longitude: 106.6 },
  { id: 'chi-ma', latitude: 21.864, longitude: 106.923 },
  { id: 'no-coordinates', latitude: null, longitude: null },
]
const POLICY: CapPolicy = { exercises: 'mark', sites: [], geocodes: [], defaultMinutes: 60, breakGlass: null }

const read = async (name: string): Promise<CapAlert> => {
  const [alert] = await readCapDocument(capFixture(name))
  if (!alert) throw new Error(`${name} holds no alert`)
  return alert
}
const info = (language: string): CapInfo => ({
  language,
  event: language,
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  areas: [],
})

describe('matching info blocks to vi, zh and en', () => {
  it('takes region and script variants, and Simplified Chinese over Traditional', () => {
    const found = infosByLanguage([info('zh-TW'), info('vi'), info('EN-gb'), info('zh-Hans-CN'), info('fr')])
    expect(found.vi?.language).toBe('vi')
    expect(found.zh?.language).toBe('zh-Hans-CN')
    expect(found.en?.language).toBe('EN-gb')
  })

  it('falls back to Traditional Chinese when no Simplified block came', () => {
    expect(infosByLanguage([info('zh-HK')]).zh?.language).toBe('zh-HK')
  })

  it('leaves out languages that did not come', () => {
    expect(infosByLanguage([info('fr-FR')])).toEqual({})
  })
})

describe('areas', () => {
  const ring = readPolygon('21.90,106.65 22.05,106.65 22.05,106.78 21.90,106.78 21.90,106.65') ?? []

  it('places points inside and outside a polygon', () => {
    expect(inPolygon({ lat: 21.9722, lon: 106.705 }, ring)).toBe(true)
    expect(inPolygon({ lat: 21.945, lon: 106.6 }, ring)).toBe(false)
  })

  it('refuses rings that are not closed or too short, and bad circles', () => {
    expect(readPolygon('21.9,106.6 22,106.7 21.9,106.6')).toBeNull()
    expect(readPolygon('21.9,106.6 22,106.7 22.1,106.8 21.95,106.65')).toBeNull()
    expect(readPolygon('91,0 1,1 1,2 91,0')).toBeNull()
    expect(readCircle('21.9,106.6 -1')).toBeNull()
    expect(readCircle('21.9,106.6')).toBeNull()
  })

  it('measures great-circle distance (Hữu Nghị to Chi Ma, about 25 km)', () => {
    expect(distanceKm({ lat: 21.9722, lon: 106.705 }, { lat: 21.864, lon: 106.923 })).toBeCloseTo(25.5, 0)
  })
})

describe('deciding what an alert does', () => {
  it('puts a trilingual alert on the sites its polygon covers, ending at <expires>', async () => {
    const decision = decideCap(await read('lang-son-trilingual.xml'), POLICY, SITES, NOW)
    expect(decision).toMatchObject({
      kind: 'air',
      sites: ['huu-nghi'],
      breakGlass: false,
      replaces: [],
      startsAtMs: NOW,
      endsAtMs: Date.parse('2026-12-05T20:00:00+07:00'),
      text: {
        vi: { title: 'Cảnh báo lũ quét tại Cao Lộc' },
        zh: { title: '高禄县山洪预警' },
        en: { title: 'Flash flood warning for Cao Lộc' },
      },
    })
    if (decision.kind !== 'air') throw new Error('not on air')
    expect(decision.text.vi.body).toContain('Xe hàng dừng tại bãi chờ')
  })

  it('reaches sites by a geocode in the source settings, and by its own site list', async () => {
    const alert = await read('lang-son-trilingual.xml')
    const policy = {
      ...POLICY,
      sites: ['chi-ma'],
      geocodes: [{ valueName: 'VN-ADM2', value: '20-LS-CL', sites: ['tan-thanh'] }],
    }
    expect(decideCap(alert, policy, SITES, NOW)).toMatchObject({ sites: ['chi-ma', 'huu-nghi', 'tan-thanh'] })
  })

  it('ignores an alert that reaches no site', async () => {
    const alert = await read('oasis-homeland-security.xml')
    expect(decideCap(alert, POLICY, SITES, Date.parse('2003-04-02T20:00:00Z'))).toEqual({
      kind: 'ignore',
      reason: 'cap.reaches-none',
    })
  })

  it('shows an English-only alert in Vietnamese place with its English text, for the default duration', async () => {
    const alert = await read('oasis-amber.xml')
    const at = Date.parse('2003-06-12T06:00:00Z')
    const decision = decideCap(alert, { ...POLICY, sites: ['huu-nghi'] }, SITES, at)
    expect(decision).toMatchObject({
      kind: 'air',
      endsAtMs: at + 60 * 60_000,
      text: {
        vi: { title: 'Amber Alert in Los Angeles County' },
        en: { title: 'Amber Alert in Los Angeles County' },
      },
    })
    if (decision.kind === 'air') expect(decision.text.zh).toBeUndefined()
  })

  it('ignores an alert that expired before it arrived', async () => {
    expect(decideCap(await read('expired.xml'), POLICY, SITES, NOW)).toEqual({
      kind: 'ignore',
      reason: 'cap.expired',
    })
  })

  it('marks an Exercise and a Test in every language, or hides them, per the source', async () => {
    for (const [name, marks] of [
      ['exercise.xml', ['[DIỄN TẬP]', '[演习]', '[EXERCISE]']],
      ['test.xml', ['[THỬ NGHIỆM]', '[测试]', '[TEST]']],
    ] as const) {
      const alert = await read(name)
      const decision = decideCap(alert, POLICY, SITES, NOW)
      if (decision.kind !== 'air') throw new Error(`${name} not on air`)
      const titles = [decision.text.vi.title, decision.text.zh?.title, decision.text.en?.title]
      for (const [i, title] of titles.entries()) expect(title?.startsWith(`${marks[i]} `), title).toBe(true)
      expect(decideCap(alert, { ...POLICY, exercises: 'hide' }, SITES, NOW)).toEqual({
        kind: 'ignore',
        reason: 'cap.exercise-hidden',
      })
    }
  })

  it('never shows System or Draft messages', async () => {
    const alert = await read('lang-son-trilingual.xml')
    expect(decideCap({ ...alert, status: 'System' }, POLICY, SITES, NOW)).toMatchObject({ kind: 'ignore' })
    expect(decideCap({ ...alert, status: 'Draft' }, POLICY, SITES, NOW)).toMatchObject({ kind: 'ignore' })
  })

  it('lets an Update replace what it references, and a Cancel withdraw them', async () => {
    const update = decideCap(await read('lang-son-trilingual-update.xml'), POLICY, SITES, NOW)
    expect(update).toMatchObject({
      kind: 'air',
      replaces: [{ identifier: 'LS-KTTV-2026-1205-01', sent: '2026-12-05T08:00:00+07:00' }],
    })
    const cancel = decideCap(await read('lang-son-trilingual-cancel.xml'), POLICY, SITES, NOW)
    expect(cancel).toMatchObject({ kind: 'cancel', references: [{}, {}] })
  })

  it('goes on air at once only when severity, urgency and certainty are all in the break-glass rule', async () => {
    const alert = await read('lang-son-trilingual.xml')
    const rule = {
      severities: ['Extreme', 'Severe'],
      urgencies: ['Immediate'],
      certainties: ['Observed'],
      confirmWithinMinutes: 15,
    } as const
    const policy = {
      ...POLICY,
      breakGlass: {
        ...rule,
        severities: [...rule.severities],
        urgencies: [...rule.urgencies],
        certainties: [...rule.certainties],
      },
    }
    expect(decideCap(alert, policy, SITES, NOW)).toMatchObject({ breakGlass: true })
    expect(
      decideCap(
        alert,
        { ...policy, breakGlass: { ...policy.breakGlass, certainties: ['Likely'] } },
        SITES,
        NOW,
      ),
    ).toMatchObject({ breakGlass: false })
    // An exercise is never break-glass: nothing that is not real airs without a person.
    expect(decideCap({ ...alert, status: 'Exercise' }, policy, SITES, NOW)).toMatchObject({
      breakGlass: false,
    })
  })
})

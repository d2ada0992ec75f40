import { readCapDocument, readPulled } from '@server/cap/document'
import { CAP_XML_BYTES_MAX } from '@server/cap/xml'
import { DomainError } from '@server/domain-error'
import { describe, expect, it } from 'vitest'
import { capFixture } from '../helpers/cap'

/** Reading CAP: well-formed, no DTD, bounded, valid against the OASIS CAP 1.2 schema, then read. */

async function refusal(xml: string): Promise<DomainError> {
  try {
    await readCapDocument(xml)
  } catch (error) {
    if (error instanceof DomainError) return error
    throw error
  }
  throw new Error('the document was accepted')
}

describe('the OASIS CAP 1.2 examples', () => {
  it('reads the homeland security advisory, with en-US as the default language', async () => {
    const [alert] = await readCapDocument(capFixture('oasis-homeland-security.xml'))
    expect(alert).toMatchObject({
      identifier: '43b080713727',
      sender: 'hsas@dhs.gov',
      sent: '2003-04-02T14:39:01-05:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
    })
    expect(alert?.infos).toHaveLength(1)
    expect(alert?.infos[0]).toMatchObject({
      language: 'en-US',
      event: 'Homeland Security Advisory System Update',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Likely',
      headline: 'Homeland Security Sets Code ORANGE',
    })
    expect(alert?.infos[0]?.areas).toEqual([
      { areaDesc: 'U.S. nationwide and interests worldwide', polygons: [], circles: [], geocodes: [] },
    ])
  })

  it('reads the thunderstorm warning: its expiry, polygon and geocodes', async () => {
    const [alert] = await readCapDocument(capFixture('oasis-thunderstorm.xml'))
    const info = alert?.infos[0]
    expect(info?.expires).toBe('2003-06-17T16:00:00-07:00')
    expect(info?.areas[0]?.polygons).toEqual([
      [
        { lat: 38.47, lon: -120.14 },
        { lat: 38.34, lon: -119.95 },
        { lat: 38.52, lon: -119.74 },
        { lat: 38.62, lon: -119.89 },
        { lat: 38.47, lon: -120.14 },
      ],
    ])
    expect(info?.areas[0]?.geocodes.map((g) => g.value)).toEqual(['006109', '006009', '006003'])
  })

  it('reads the earthquake Update with its reference and circle', async () => {
    const [alert] = await readCapDocument(capFixture('oasis-earthquake.xml'))
    expect(alert?.msgType).toBe('Update')
    expect(alert?.references).toEqual([
      { sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sent: '2003-06-11T20:30:00-07:00' },
    ])
    expect(alert?.infos[0]?.areas[0]?.circles).toEqual([
      { centre: { lat: 32.9525, lon: -115.5527 }, radiusKm: 0 },
    ])
  })

  it('reads the AMBER alert', async () => {
    const [alert] = await readCapDocument(capFixture('oasis-amber.xml'))
    expect(alert?.identifier).toBe('KAR0-0306112239-SW')
    expect(alert?.infos[0]?.headline).toBe('Amber Alert in Los Angeles County')
    expect(alert?.infos[0]?.description).toContain(`KHAYRI DOE JR. M/B BLK/BRO 3'0"`)
  })
})

describe('alerts in other envelopes and languages', () => {
  it('takes the alert out of an EDXL-DE distribution, its cap: prefix bound on the envelope', async () => {
    const alerts = await readCapDocument(capFixture('edxl-de-wrapped.xml'))
    expect(alerts.map((a) => a.identifier)).toEqual(['LS-KTTV-2026-1205-EDXL'])
    expect(alerts[0]?.infos.map((i) => i.language)).toEqual(['vi-VN', 'zh-Hans', 'en-US'])
  })

  it('reads the three languages of a trilingual alert', async () => {
    const [alert] = await readCapDocument(capFixture('lang-son-trilingual.xml'))
    expect(alert?.infos.map((i) => [i.language, i.headline])).toEqual([
      ['vi-VN', 'Cảnh báo lũ quét tại Cao Lộc'],
      ['zh-Hans', '高禄县山洪预警'],
      ['en-US', 'Flash flood warning for Cao Lộc'],
    ])
  })

  it('reads a Cancel that references two earlier messages', async () => {
    const [alert] = await readCapDocument(capFixture('lang-son-trilingual-cancel.xml'))
    expect(alert?.msgType).toBe('Cancel')
    expect(alert?.references.map((r) => r.identifier)).toEqual([
      'LS-KTTV-2026-1205-01',
      'LS-KTTV-2026-1205-02',
    ])
    expect(alert?.infos).toEqual([])
  })

  it('finds the alerts an Atom feed links to, resolved against the feed', async () => {
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cảnh báo Lạng Sơn</title>
  <entry><id>a</id><link rel="alternate" type="text/html" href="/page/1"/>
    <link rel="alternate" type="application/cap+xml" href="/cap/1.xml"/></entry>
  <entry><id>b</id><link href="https://other.example/cap/2.xml"/></entry>
</feed>`
    expect(await readPulled(feed, 'http://feeds.example/alerts.atom')).toEqual({
      kind: 'feed',
      links: ['http://feeds.example/cap/1.xml', 'https://other.example/cap/2.xml'],
    })
  })
})

describe('refused documents', () => {
  it('refuses an alert that breaks the CAP 1.2 schema, saying where', async () => {
    const error = await refusal(capFixture('invalid-schema.xml'))
    expect(error.code).toBe('cap.schema')
    expect(error.message).toMatch(/severity/)
    expect(error.details).toEqual([expect.objectContaining({ line: expect.any(Number) })])
  })

  it('refuses an alert missing a required element', async () => {
    const xml = capFixture('oasis-amber.xml').replace(/<sender>.*<\/sender>/, '')
    expect((await refusal(xml)).code).toBe('cap.schema')
  })

  it('refuses XML that is not well-formed', async () => {
    expect((await refusal(capFixture('not-well-formed.xml'))).code).toBe('cap.malformed')
  })

  it('refuses an external entity (XXE) before any parser sees it', async () => {
    expect((await refusal(capFixture('xxe.xml'))).code).toBe('cap.doctype')
  })

  it('refuses entity expansion (billion laughs)', async () => {
    expect((await refusal(capFixture('billion-laughs.xml'))).code).toBe('cap.doctype')
  })

  it('refuses a document over the size limit without parsing it', async () => {
    const padding = `<note>${'x'.repeat(CAP_XML_BYTES_MAX)}</note>`
    const xml = capFixture('oasis-amber.xml').replace('<references>', `${padding}<references>`)
    const error = await refusal(xml.replace('<scope>Public</scope>', `<scope>Public</scope>${padding}`))
    expect(error.code).toBe('cap.too-large')
  })

  it('refuses a document that is neither an alert nor a distribution', async () => {
    expect((await refusal('<rss version="2.0"><channel/></rss>')).code).toBe('cap.not-cap')
  })

  it('refuses an alert in another namespace (CAP 1.1)', async () => {
    const xml = capFixture('oasis-amber.xml').replace('cap:1.2', 'cap:1.1')
    expect((await refusal(xml)).code).toBe('cap.schema')
  })
})

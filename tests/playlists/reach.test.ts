import { reachedByAny, reaches, screensReached, targetsOfEmergency } from '@playlists/schedule/reach'
import { describe, expect, it } from 'vitest'

const screens = [
  { id: 'tan-thanh-led', siteId: 'tan-thanh', syncGroupId: null },
  { id: 'huu-nghi-wall', siteId: 'huu-nghi', syncGroupId: 'huu-nghi-cluster' },
  { id: 'huu-nghi-kiosk-1', siteId: 'huu-nghi', syncGroupId: 'huu-nghi-cluster' },
  { id: 'huu-nghi-kiosk-2', siteId: 'huu-nghi', syncGroupId: null },
]

describe('which screens a schedule target reaches', () => {
  it('reaches every screen when aimed at all, in the order given', () => {
    expect(screensReached({ type: 'all' }, screens)).toEqual(screens.map((s) => s.id))
  })

  it('reaches the screens of a site, of a sync group, or one screen', () => {
    expect(screensReached({ type: 'site', id: 'huu-nghi' }, screens)).toEqual([
      'huu-nghi-wall',
      'huu-nghi-kiosk-1',
      'huu-nghi-kiosk-2',
    ])
    expect(screensReached({ type: 'group', id: 'huu-nghi-cluster' }, screens)).toEqual([
      'huu-nghi-wall',
      'huu-nghi-kiosk-1',
    ])
    expect(screensReached({ type: 'screen', id: 'tan-thanh-led' }, screens)).toEqual(['tan-thanh-led'])
  })

  it('matches an id only as the kind the target names', () => {
    // A site named like a screen: aiming at the site must not reach the screen, nor the reverse.
    const twin = { id: 'chi-ma', siteId: 'chi-ma-gate', syncGroupId: null }
    expect(reaches({ type: 'site', id: 'chi-ma' }, twin)).toBe(false)
    expect(reaches({ type: 'screen', id: 'chi-ma-gate' }, twin)).toBe(false)
    expect(reaches({ type: 'group', id: 'chi-ma' }, twin)).toBe(false)
  })

  it('reaches nothing when the named screen, group or site has none', () => {
    expect(screensReached({ type: 'screen', id: 'gone' }, screens)).toEqual([])
    expect(screensReached({ type: 'group', id: 'gone' }, screens)).toEqual([])
    expect(screensReached({ type: 'site', id: 'chi-ma' }, screens)).toEqual([])
    expect(screensReached({ type: 'all' }, [])).toEqual([])
  })
})

describe('which screens an emergency reaches', () => {
  const reachedBy = (targets: Parameters<typeof targetsOfEmergency>[0]) =>
    screens.filter((s) => reachedByAny(targetsOfEmergency(targets), s)).map((s) => s.id)

  it('reaches every screen when sent to all, whatever else it names', () => {
    expect(reachedBy({ all: true, sites: ['tan-thanh'] })).toEqual(screens.map((s) => s.id))
  })

  it('reaches the screens of its sites and its own screens, once each', () => {
    expect(reachedBy({ sites: ['tan-thanh'], screens: ['huu-nghi-kiosk-2', 'tan-thanh-led'] })).toEqual([
      'tan-thanh-led',
      'huu-nghi-kiosk-2',
    ])
  })

  it('reaches nothing when it names nothing, or all is false', () => {
    expect(reachedBy({})).toEqual([])
    expect(reachedBy({ all: false, sites: [], screens: [] })).toEqual([])
  })
})

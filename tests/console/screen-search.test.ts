import { language } from '@console/i18n/i18n'
import { screenMatches } from '@console/i18n/names'
import { afterEach, describe, expect, it } from 'vitest'

/** The one rule both screen searches (the screens page, the preview's picker) find screens by. */
describe('screenMatches', () => {
  afterEach(() => {
    language.value = 'vi'
  })
  const screen = { id: 'chi-ma-led', name: 'Chi Ma outdoor LED' }

  it('finds a screen by its stored name, its id, or nothing typed', () => {
    expect(screenMatches(screen, '')).toBe(true)
    expect(screenMatches(screen, 'outdoor')).toBe(true)
    expect(screenMatches(screen, 'chi-ma-led')).toBe(true)
    expect(screenMatches(screen, 'kiosk')).toBe(false)
  })

  it('finds a seeded screen by the name the reader sees in their language', () => {
    language.value = 'vi'
    expect(screenMatches(screen, 'led ngoài trời')).toBe(true)
    language.value = 'en'
    expect(screenMatches(screen, 'led ngoài trời')).toBe(false)
  })
})

import {
  isFromPreview,
  isSeekMessage,
  type PreviewAddress,
  parsePreviewAddress,
  previewAddress,
  previewMode,
} from '@playlists/preview-protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/** Instants an ISO string holds exactly (whole milliseconds within the years Date prints as YYYY). */
const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) })

const address: fc.Arbitrary<PreviewAddress> = fc
  .record({
    screenId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/),
    atMs: fc.option(instant, { nil: null }),
    running: fc.boolean(),
    draft: fc.option(fc.stringMatching(/^(playlist|schedule|layout):[a-z0-9-]{1,12}:[1-9]\d{0,3}$/), {
      nil: null,
    }),
  })
  // The address carries `run` only with an instant: from server time now the clock always runs.
  .map((a) => ({ ...a, running: a.atMs !== null && a.running }))

describe('the preview protocol', () => {
  it('reads back every address it writes, console to player', () => {
    fc.assert(
      fc.property(address, (a) => {
        const url = previewAddress(a)
        expect(url.startsWith('/player/?')).toBe(true)
        expect(parsePreviewAddress(url.slice('/player/'.length))).toEqual(a)
      }),
    )
  })

  it('names the mode: a draft over an instant over live', () => {
    expect(previewMode({ atMs: null, draft: null })).toBe('live')
    expect(previewMode({ atMs: 0, draft: null })).toBe('at')
    expect(previewMode({ atMs: 0, draft: 'playlist:welcome:2' })).toBe('draft')
  })

  it('is no preview without a screen, and shows now when the instant does not parse', () => {
    expect(parsePreviewAddress('?at=2026-01-01T00:00:00Z')).toBeNull()
    expect(parsePreviewAddress('?preview=chi-ma-led&at=yesterday&run=1&draft=')).toEqual({
      screenId: 'chi-ma-led',
      atMs: null,
      running: true,
      draft: null,
    })
  })

  it('accepts only well-formed seek messages from the console', () => {
    expect(isSeekMessage({ source: 'gatecast:console', type: 'seek', atMs: 5, running: false })).toBe(true)
    expect(isSeekMessage({ source: 'gatecast:console', type: 'seek', atMs: null, running: true })).toBe(true)
    for (const bad of [
      null,
      'seek',
      { source: 'gatecast:preview', type: 'seek', atMs: 5, running: false },
      { source: 'gatecast:console', type: 'state', atMs: 5, running: false },
      { source: 'gatecast:console', type: 'seek', atMs: Number.NaN, running: false },
      { source: 'gatecast:console', type: 'seek', atMs: '5', running: false },
      { source: 'gatecast:console', type: 'seek', atMs: 5 },
    ]) {
      expect(isSeekMessage(bad)).toBe(false)
    }
  })

  it("tells the frame's messages from anything else posted to the page", () => {
    expect(isFromPreview({ source: 'gatecast:preview', type: 'ready' })).toBe(true)
    expect(isFromPreview({ source: 'gatecast:console', type: 'seek' })).toBe(false)
    expect(isFromPreview(null)).toBe(false)
    expect(isFromPreview('gatecast:preview')).toBe(false)
  })
})

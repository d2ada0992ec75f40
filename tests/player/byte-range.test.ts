import { parseRange, rangeResponse } from '@player/byte-range'
import { describe, expect, it } from 'vitest'

describe('parseRange', () => {
  it('reads the ranges Chromium sends for media: from a byte to the end, and bounded ones', () => {
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 })
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 })
    expect(parseRange('bytes=999-999', 1000)).toEqual({ start: 999, end: 999 })
  })

  it('cuts an end past the file to its last byte, and reads suffixes', () => {
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 })
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 })
  })

  it('calls a range that starts past the end, or an empty suffix, unsatisfiable', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=1000-2000', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable')
  })

  it('ignores what it cannot use, so the whole file is sent: several ranges, other units, nonsense', () => {
    for (const header of ['bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=5-1', 'bytes=a-b', '']) {
      expect(parseRange(header, 1000), header).toBeNull()
    }
  })
})

describe('rangeResponse', () => {
  const whole = () =>
    new Response(new Blob([Uint8Array.from({ length: 256 }, (_, i) => i)]), {
      headers: { 'Content-Type': 'video/mp4' },
    })

  it('answers 206 with exactly the bytes asked for and where they lie', async () => {
    const res = await rangeResponse(whole(), 'bytes=16-31')
    expect(res.status).toBe(206)
    expect(res.headers.get('Content-Range')).toBe('bytes 16-31/256')
    expect(res.headers.get('Content-Length')).toBe('16')
    expect(res.headers.get('Content-Type')).toBe('video/mp4')
    expect(res.headers.get('Accept-Ranges')).toBe('bytes')
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(Array.from({ length: 16 }, (_, i) => 16 + i))
  })

  it('answers 416 naming the size when the range lies past the end', async () => {
    const res = await rangeResponse(whole(), 'bytes=256-')
    expect(res.status).toBe(416)
    expect(res.headers.get('Content-Range')).toBe('bytes */256')
  })

  it('sends the whole file when the header cannot be used', async () => {
    const res = await rangeResponse(whole(), 'bytes=0-1,4-5')
    expect(res.status).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBe(256)
  })
})

/**
 * HTTP Range requests answered from a whole file held in Cache Storage.
 *
 * Chromium's <video> asks for `Range: bytes=0-` and then for later ranges as it seeks or
 * buffers, and refuses to play when a range request is answered with something other than the
 * part it asked for. `cache.match` ignores the Range header and returns the whole file, so the
 * service worker builds the 206 itself, slicing the cached blob (a slice of a disk-backed blob
 * reads only that part).
 */

export type ByteRange = { start: number; end: number }

/**
 * The one range a `Range` header asks of a `size`-byte file (RFC 9110 §14.1.2), inclusive;
 * `'unsatisfiable'` when it lies wholly past the end; null when the header is malformed or asks
 * for several ranges, in which case the whole file is sent (a server may ignore Range).
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match) return null
  const [, first, last] = match as unknown as [string, string, string]
  if (first === '' && last === '') return null
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last)
    if (length === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}

/**
 * The answer to `rangeHeader` from `whole`, a complete cached response: 206 with the slice,
 * 416 when the range lies past the end, or `whole` itself when the header cannot be used.
 */
export async function rangeResponse(whole: Response, rangeHeader: string): Promise<Response> {
  const blob = await whole.blob()
  const range = parseRange(rangeHeader, blob.size)
  const type = whole.headers.get('Content-Type') ?? blob.type
  if (range === null) {
    return new Response(blob, {
      status: 200,
      headers: { 'Content-Type': type, 'Content-Length': String(blob.size), 'Accept-Ranges': 'bytes' },
    })
  }
  if (range === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      statusText: 'Range Not Satisfiable',
      headers: { 'Content-Range': `bytes */${blob.size}` },
    })
  }
  const part = blob.slice(range.start, range.end + 1)
  return new Response(part, {
    status: 206,
    statusText: 'Partial Content',
    headers: {
      'Content-Type': type,
      'Content-Length': String(part.size),
      'Content-Range': `bytes ${range.start}-${range.end}/${blob.size}`,
      'Accept-Ranges': 'bytes',
    },
  })
}

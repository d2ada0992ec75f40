import type { PreviewMode } from '@playlists/preview-protocol'
import { href } from '../../router'

/** The preview's state in the console's address, so a preview can be shared, reloaded and gone back to. */

export const modeOf = (query: URLSearchParams): PreviewMode =>
  query.has('draft') ? 'draft' : query.has('at') ? 'at' : 'live'

export function parseAt(text: string | null): number | null {
  const at = text === null ? Number.NaN : Date.parse(text)
  return Number.isFinite(at) ? at : null
}

/** The console address of a preview: `#/preview/<screenId>?at=…&run=1&draft=…`. */
export function hashFor(
  screenId: string,
  mode: PreviewMode,
  o: { atMs: number | null; running: boolean; draft: string | null },
) {
  const params = new URLSearchParams()
  if (mode === 'draft') params.set('draft', o.draft ?? '')
  if (mode !== 'live' && o.atMs !== null) params.set('at', new Date(o.atMs).toISOString())
  if (mode !== 'live' && o.atMs !== null && o.running) params.set('run', '1')
  const qs = params.toString()
  return `${href('preview', screenId)}${qs ? `?${qs}` : ''}`
}

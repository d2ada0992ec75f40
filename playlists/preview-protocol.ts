import type { DocumentItem } from './schemas/items'

/**
 * The officials' remote preview: the address of the player's preview mode, and the messages
 * between it and the console page that frames it (same origin). In the core because both apps
 * speak it, so neither imports the other; it needs only `URLSearchParams` and `Date`, which Node
 * and every browser have, and touches no DOM.
 */

/** Live: what the screen shows now. At: the screen at another instant. Draft: with versions not on air. */
export type PreviewMode = 'live' | 'at' | 'draft'

export interface PreviewAddress {
  screenId: string
  /** The instant shown; null for server time now. */
  atMs: number | null
  /** From `atMs`, the clock runs on (true) or stands still (false). */
  running: boolean
  /** Versions to show as if on air: `<kind>:<id>:<version>`, comma-separated. */
  draft: string | null
}

export const previewMode = (a: Pick<PreviewAddress, 'atMs' | 'draft'>): PreviewMode =>
  a.draft !== null ? 'draft' : a.atMs !== null ? 'at' : 'live'

/** `/player/?preview=chi-ma-led&at=…&run=1&draft=…` */
export function previewAddress(a: PreviewAddress): string {
  const params = new URLSearchParams({ preview: a.screenId })
  if (a.atMs !== null) params.set('at', new Date(a.atMs).toISOString())
  if (a.atMs !== null && a.running) params.set('run', '1')
  if (a.draft !== null) params.set('draft', a.draft)
  return `/player/?${params}`
}

/** The preview asked for by a player address, or null when it is not a preview address. */
export function parsePreviewAddress(search: string): PreviewAddress | null {
  const params = new URLSearchParams(search)
  const screenId = params.get('preview')
  if (screenId === null) return null
  const at = params.get('at')
  const atMs = at === null ? null : Date.parse(at)
  return {
    screenId,
    atMs: atMs !== null && Number.isFinite(atMs) ? atMs : null,
    running: params.get('run') === '1',
    draft: params.get('draft') || null,
  }
}

/** Console → frame: move the preview's clock (null: back to server time now). */
export interface SeekMessage {
  source: 'gatecast:console'
  type: 'seek'
  atMs: number | null
  running: boolean
}

/** The screen as its player last reported (from the consoles' status feed). */
export interface PreviewScreenStatus {
  online: boolean
  /** The version the screen's player said it plays, and the newest one published. */
  appliedVersion: number | null
  publishedVersion: number | null
}

/** Frame → console: what the preview shows, sent on every change. */
export interface PreviewStateMessage {
  source: 'gatecast:preview'
  type: 'state'
  screenId: string
  mode: PreviewMode
  /** The document's version (for a compiled one: the screen's newest published, 0 for none). */
  version: number | null
  /** What the main zone shows (the item itself, so the console can name it in its language). */
  itemId: string | null
  playlistId: string | null
  item: DocumentItem | null
  playlistName: string | null
  /** The preview's clock when this was sent, and whether it runs on from there. */
  atMs: number
  running: boolean
  screen: PreviewScreenStatus | null
  /** Why nothing can be shown (the server's refusal, in English), or null. */
  error: { status: number; message: string } | null
}

/** Frame → console, once it listens: the console then sends where its clock should be. */
export interface PreviewReadyMessage {
  source: 'gatecast:preview'
  type: 'ready'
}

export type FromPreview = PreviewStateMessage | PreviewReadyMessage

export function isSeekMessage(data: unknown): data is SeekMessage {
  const m = data as Partial<SeekMessage> | null
  return (
    typeof m === 'object' &&
    m !== null &&
    m.source === 'gatecast:console' &&
    m.type === 'seek' &&
    (m.atMs === null || (typeof m.atMs === 'number' && Number.isFinite(m.atMs))) &&
    typeof m.running === 'boolean'
  )
}

export function isFromPreview(data: unknown): data is FromPreview {
  const m = data as Partial<FromPreview> | null
  return typeof m === 'object' && m !== null && m.source === 'gatecast:preview'
}

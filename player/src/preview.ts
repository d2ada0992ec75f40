import {
  type FromPreview,
  isSeekMessage,
  type PreviewAddress,
  type PreviewMode,
  type PreviewScreenStatus,
  parsePreviewAddress,
  previewMode,
} from '@playlists/preview-protocol'
import { DOCUMENT_FORMAT, type ScreenDocument } from '@playlists/schemas/document'
import { MAIN_ZONE } from '@playlists/schemas/layout'
import type { ScreenStatus } from '@playlists/schemas/status'
import { CONNECTING, NOTHING_TO_PLAY } from './idle'
import { EmergencyOverlay } from './overlay'
import type { Transition } from './playback'
import { PreviewClock } from './preview-clock'
import { followScreen } from './preview-follow'
import { showStatus } from './status'
import { Zones } from './zones'

/** What tests and the console read about the preview. */
interface PreviewState {
  screenId: string
  mode: PreviewMode
  version: number | null
  transitions: Transition[]
  errors: { atMs: number; message: string }[]
  screen: PreviewScreenStatus | null
  error: { status: number; message: string } | null
  /** The preview's clock. */
  now: () => number
}

declare global {
  interface Window {
    gatecastPreview: PreviewState
  }
}

const TRANSITIONS_KEPT = 50
const ERRORS_KEPT = 20
/** Without a status from the feed by then (websockets blocked, say), the mirror plays the newest document. */
const STATUS_WAIT_MS = 5_000

export class PreviewError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Is this page address the preview mode (`/player/?preview=<screenId>`)? */
export const isPreview = (search: string): boolean => parsePreviewAddress(search) !== null

/**
 * The player's preview mode, for officials: the screen's own playback code (zones, renderers,
 * emergency overlay, timeline) fed with a document over REST with the official's session.
 * Unlike a screen it never pairs, stores no credentials or documents, registers no service
 * worker, records no proof of play and sends no heartbeats: the server never mistakes it for
 * the screen, and the screen's figures stay the screen's.
 *
 * - live: the document version the screen's player reports it plays, on server time, so the
 *   mirror shows the same item at the same instant (the timeline is a pure function of both);
 * - at: the document as it will stand at a chosen instant, the clock stopped there or running on;
 * - draft: the document as it would be with versions not yet on air.
 * The console moves the clock of the last two with messages (playlists/preview-protocol.ts).
 */
export async function bootPreview(): Promise<void> {
  const address = parsePreviewAddress(location.search) as PreviewAddress
  const { screenId, draft } = address
  const mode = previewMode(address)
  const root = document.getElementById('stage')!
  // An official points at the preview; a screen hides the pointer.
  document.body.style.cursor = 'auto'
  document.title = `Gatecast — ${screenId}`

  const clock = new PreviewClock(() => zones.retime())
  if (address.atMs !== null) clock.seek(address.atMs, address.running)
  const state: PreviewState = {
    screenId,
    mode,
    version: null,
    transitions: [],
    errors: [],
    screen: null,
    error: null,
    now: clock.now,
  }
  window.gatecastPreview = state

  let current: ScreenDocument | null = null
  let main: Transition | null = null
  const tell = () => {
    if (parent === window) return
    const playlist = main?.playlistId ? current?.playlists[main.playlistId] : undefined
    post({
      source: 'gatecast:preview',
      type: 'state',
      screenId,
      mode,
      version: state.version,
      itemId: main?.itemId ?? null,
      playlistId: main?.playlistId ?? null,
      item: playlist?.items.find((i) => i.id === main?.itemId) ?? null,
      playlistName: playlist?.name ?? null,
      atMs: clock.now(),
      running: clock.running,
      screen: state.screen,
      error: state.error,
    })
  }

  const overlay = new EmergencyOverlay(document.getElementById('emergency')!)
  const zones = new Zones(root, overlay, {
    now: clock.now,
    onShow: (t) => {
      state.transitions.push(t)
      if (state.transitions.length > TRANSITIONS_KEPT) state.transitions.shift()
      if (t.zoneId !== MAIN_ZONE) return
      main = t
      root.dataset.itemId = t.itemId ?? ''
      tell()
    },
    onError: (message) => {
      state.errors.push({ atMs: clock.now(), message: message.slice(0, 500) })
      if (state.errors.length > ERRORS_KEPT) state.errors.shift()
      console.warn(`gatecast preview: skipped an item: ${message}`)
    },
    onScreenSettled: () => showStatus(root, 'playing'),
  })
  zones.showCard(screenId, CONNECTING)
  showStatus(root, 'waiting')

  const show = (doc: ScreenDocument) => {
    current = doc
    state.version = doc.version
    state.error = null
    root.dataset.version = String(doc.version)
    zones.setDocument(doc)
    tell()
  }
  const fail = (error: unknown) => {
    const { status, message } =
      error instanceof PreviewError ? error : { status: 0, message: 'The server cannot be reached.' }
    state.error = { status, message }
    // A mirror that could not fetch the screen's next version keeps the one it has, saying why.
    if (mode === 'live' && current && status !== 404) return tell()
    current = null
    state.version = null
    main = null
    root.dataset.itemId = ''
    zones.showCard(
      screenId,
      status === 404 && mode === 'live' ? NOTHING_TO_PLAY : [{ lang: 'en', text: message }],
    )
    showStatus(root, 'waiting')
    tell()
  }
  // Only the newest request may put its answer on screen.
  let ticket = 0
  const load = async (query: Record<string, string>): Promise<boolean> => {
    const mine = ++ticket
    try {
      const doc = await fetchDocument(screenId, query)
      if (mine === ticket) show(doc)
      return true
    } catch (error) {
      if (mine === ticket) fail(error)
      return false
    }
  }

  const sync = clock.keepInSync()
  addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.source !== parent) return
    if (!isSeekMessage(event.data) || mode === 'live') return
    clock.seek(event.data.atMs, event.data.running)
    const at = clock.now()
    // Clocks, tickers and videos show the new instant at once, not at their next tick.
    zones.redraw()
    // A document covers its horizon only; an instant beyond it needs one compiled for it.
    if (!current || at < current.horizon.fromMs || at >= current.horizon.untilMs) {
      void load(compiledQuery(at, event.data.atMs === null))
    }
    tell()
  })
  post({ source: 'gatecast:preview', type: 'ready' })

  if (mode === 'live') {
    // Server time first: the mirror's first item must already be the screen's.
    await sync
    followLive(screenId, {
      load: (version) => load(version === null ? {} : { version: String(version) }),
      holds: () => current?.version ?? null,
      status: (screen) => {
        state.screen = screen
        tell()
      },
      fail,
    })
  } else {
    if (address.atMs === null) await sync
    void load(compiledQuery(clock.now(), address.atMs === null))
  }

  function compiledQuery(at: number, now: boolean): Record<string, string> {
    return {
      ...(now ? {} : { at: new Date(at).toISOString() }),
      ...(draft === null ? {} : { draft }),
    }
  }
}

/**
 * The mirror follows the screen: whenever its player reports a version other than the one shown,
 * that version is fetched. A screen that never reported plays the newest published one when it
 * connects, and so does the mirror.
 */
function followLive(
  screenId: string,
  on: {
    /** Resolves false when the document could not be had (tried again at the next status). */
    load: (version: number | null) => Promise<boolean>
    holds: () => number | null
    status: (screen: PreviewScreenStatus) => void
    fail: (error: PreviewError) => void
  },
): void {
  let heard = false
  let asked: number | null | undefined
  const fallback = setTimeout(() => {
    if (!heard) void on.load(null)
  }, STATUS_WAIT_MS)
  followScreen(screenId, {
    onStatus: (status: ScreenStatus) => {
      heard = true
      clearTimeout(fallback)
      on.status({
        online: status.online,
        appliedVersion: status.appliedVersion,
        publishedVersion: status.publishedVersion,
      })
      const wanted = status.appliedVersion ?? status.publishedVersion
      if (wanted === null) {
        if (asked !== null)
          on.fail(new PreviewError(404, 'Nothing is scheduled on this screen: it has no programme yet.'))
        asked = null
        return
      }
      if (wanted === on.holds() || wanted === asked) return
      asked = wanted
      void on.load(wanted).then((ok) => {
        if (!ok && asked === wanted) asked = undefined
      })
    },
    onRefused: (status, message) => {
      clearTimeout(fallback)
      on.fail(new PreviewError(status, message))
    },
  })
}

async function fetchDocument(screenId: string, query: Record<string, string>): Promise<ScreenDocument> {
  const search = new URLSearchParams(query).toString()
  const url = `/api/screens/${encodeURIComponent(screenId)}/preview-document${search ? `?${search}` : ''}`
  let res: Response
  try {
    res = await fetch(url, { cache: 'no-store', credentials: 'same-origin' })
  } catch {
    throw new PreviewError(0, 'The server cannot be reached.')
  }
  const body = (await res.json().catch(() => null)) as (ScreenDocument & { message?: string }) | null
  if (!res.ok) throw new PreviewError(res.status, body?.message ?? `HTTP ${res.status}`)
  if (body?.format !== DOCUMENT_FORMAT) {
    throw new PreviewError(0, `The server sent a document of format ${body?.format}; reload the page.`)
  }
  return body
}

function post(message: FromPreview): void {
  if (parent !== window) parent.postMessage(message, location.origin)
}

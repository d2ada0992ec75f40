import type { ZoneNow } from '@playlists/events'
import { DOCUMENT_FORMAT, type ScreenDocument } from '@playlists/schemas/document'
import { MAIN_ZONE } from '@playlists/schemas/layout'
import { handleCommands } from './commands'
import { connect } from './connection'
import {
  CREDENTIALS_KEY,
  type Credentials,
  forgetCredentials,
  isScreenToken,
  readCredentials,
  saveCredentials,
  takeTokenFromAddress,
} from './credentials'
import { startHeartbeat } from './heartbeat'
import { CONNECTING, NOTHING_TO_PLAY } from './idle'
import { DOCUMENT_KEY_PREFIX, Offline, type OfflineState } from './offline'
import { EmergencyOverlay } from './overlay'
import { pairThisPlayer } from './pairing'
import type { Transition } from './playback'
import { PowerLayer } from './power'
import { bootPreview, isPreview } from './preview'
import { ProofOfPlay } from './proof-of-play'
import { CLOCK_OFFSET_KEY, type ClockSource, ServerClock } from './server-clock'
import { type PlayerStatus, showStatus } from './status'
import { startWatchdog } from './watchdog'
import { Zones } from './zones'

/** What tests and the remote preview read; bounded so a screen running for months does not grow it. */
interface PlayerState {
  /** Mirrored on `#stage[data-status]` (status.ts). */
  status: PlayerStatus
  screenId: string | null
  version: number | null
  connected: boolean
  /** Every zone's recent item changes, newest last. */
  transitions: Transition[]
  /** Recent items that could not be shown and other faults, newest last (heartbeats carry them). */
  errors: { atMs: number; message: string }[]
  /** Server clock − this PC's clock, in ms (0 in local-time mode). */
  clockOffsetMs: number
  /** Where that offset comes from: measured by this page, stored by an earlier one, none, local. */
  clockSource: ClockSource
  /** Service worker, persistent storage and the document waiting for its assets (offline.ts). */
  offline: OfflineState
  /** The power plan as applied now (power.ts): on or off-hours, and the brightness. */
  power: PowerLayer['state']
  /** Proof of play (proof-of-play.ts): plays waiting for the server's acknowledgement. */
  plays?: Pick<ProofOfPlay, 'pending' | 'flush'>
}

declare global {
  interface Window {
    gatecast: PlayerState
  }
}

const TRANSITIONS_KEPT = 50
const ERRORS_KEPT = 20
const storageKey = (screenId: string) => `${DOCUMENT_KEY_PREFIX}${screenId}`

async function boot(): Promise<void> {
  const root = document.getElementById('stage')!
  const params = new URLSearchParams(location.search)
  // A token in the address (an installer's or a test's) wins over a stored one.
  const given = takeTokenFromAddress()
  const stored = readCredentials()
  const provisional: Credentials | null =
    given && given !== stored?.token ? { token: given, screenId: null } : stored
  // Offline (offline.ts): the service worker first, so that it caches this very boot.
  const offline = new Offline()
  offline.start()
  const state: PlayerState = {
    status: provisional ? 'waiting' : 'pairing',
    screenId: null,
    version: null,
    connected: false,
    transitions: [],
    errors: [],
    clockOffsetMs: 0,
    clockSource: 'none',
    offline: offline.state,
    power: { on: true, brightness: 100 },
  }
  window.gatecast = state
  const setStatus = (status: PlayerStatus) => {
    state.status = status
    showStatus(root, status)
  }
  setStatus(state.status)

  const report = (message: string) => {
    state.errors.push({ atMs: clock.now(), message: message.slice(0, 500) })
    if (state.errors.length > ERRORS_KEPT) state.errors.shift()
    console.warn(`gatecast: ${message}`)
  }
  const nowShowing = new Map<string, ZoneNow>()
  // Set once the socket exists: a heartbeat when a new version first shows, so consoles see it at once.
  let beat = () => {}
  let beatVersion: number | null = null

  // The timeline runs on server time (see server-clock.ts); `?time=local` trusts this PC's clock
  // instead, for previews that set their own instant.
  const clock = new ServerClock(params.get('time') === 'local', () => {
    state.clockOffsetMs = clock.offsetMs
    playback.retime()
    power.retime()
  })
  // From the first frame: a restart with the server away runs on the last measured offset.
  state.clockOffsetMs = clock.offsetMs
  state.clockSource = clock.source
  clock.onFirstMeasurement(() => {
    state.clockSource = clock.source
  })
  const overlay = new EmergencyOverlay(document.getElementById('emergency')!)
  let plays: ProofOfPlay | null = null
  const power = new PowerLayer(document.getElementById('power')!, {
    now: clock.now,
    onChange: (next, previous) => {
      state.power = next
      root.dataset.power = next.on ? 'on' : 'off-hours'
      // Off-hours: nothing is seen, so nothing on screen is a play; back on, every zone shows its
      // due item afresh and each opens a play again.
      if (!next.on && previous.on) for (const zoneId of nowShowing.keys()) plays?.end(zoneId)
      if (next.on && !previous.on) playback.redraw()
      beat()
    },
  })
  const playback = new Zones(root, overlay, {
    now: clock.now,
    onShow: (t) => {
      if (power.state.on) plays?.record(t)
      state.transitions.push(t)
      if (state.transitions.length > TRANSITIONS_KEPT) state.transitions.shift()
      const wasEmpty = (nowShowing.get(t.zoneId)?.itemId ?? null) === null
      nowShowing.set(t.zoneId, { zoneId: t.zoneId, itemId: t.itemId, playlistId: t.playlistId })
      // A new version is on screen, or a zone that had nothing to play plays again: report it
      // now rather than at the next interval.
      if (t.version !== beatVersion || (wasEmpty && t.itemId !== null)) {
        beatVersion = t.version
        beat()
      }
      // The stage mirrors the main zone: what a glance at the screen (or a test) cares about.
      if (t.zoneId !== MAIN_ZONE) return
      root.dataset.itemId = t.itemId ?? ''
    },
    onError: (message) => report(`skipped an item: ${message}`),
    onZoneEnd: (zoneId) => plays?.end(zoneId),
    onScreenSettled: () => {
      setStatus('playing')
      // `data-version` changes when a document is applied, before its zones have re-asked the
      // timeline; this one says every zone has dealt with it (shown or skipped its due item), so
      // a test checking what a new version left untouched looks after the fact, not between.
      root.dataset.settledVersion = String(state.version)
    },
  })

  // Which screen this player is: from its token, after pairing if it has none.
  const credentials = await screenCredentials(provisional, {
    waiting: () => playback.showCard('Gatecast', CONNECTING),
    pairing: () => setStatus('pairing'),
  })
  setStatus('waiting')
  saveCredentials(credentials)
  const screenId = credentials.screenId
  state.screenId = screenId
  let token = credentials.token

  const apply = (doc: ScreenDocument) => {
    state.version = doc.version
    root.dataset.version = String(doc.version)
    playback.setDocument(doc)
    power.setScreen(doc.screen)
    try {
      localStorage.setItem(storageKey(screenId), JSON.stringify(doc))
    } catch {
      // Storage full or disabled: the screen still plays, it just cannot boot offline.
    }
  }

  // Boot from the last document this screen played, so a restart with the server away is not dark.
  const saved = readSaved(screenId)
  if (saved) apply(saved)
  else playback.showCard(screenId, CONNECTING)
  // Offline: a new document is applied only once its assets are cached (the current one plays
  // on meanwhile); the saved one gets any file the cache lost back while the server is there.
  const documents = offline.documents(apply)
  if (saved) offline.repair(saved)

  const socket = connect(
    () => token,
    () => state.version,
    {
      onDocument: (doc) => documents.offer(doc),
      onNothingPublished: () => {
        playback.showCard(screenId, NOTHING_TO_PLAY)
        setStatus('waiting')
      },
      onRefused: (message) => {
        if (!state.version) playback.showCard(screenId, [{ lang: 'en', text: message }])
      },
      onUnpaired: (message) => {
        // Revoked, or replaced by another player: forget the token and show a pairing code.
        console.warn(`gatecast: ${message}`)
        forgetCredentials(token)
        location.reload()
      },
      onToken: (next) => {
        if (!isScreenToken(next)) return false
        token = next
        saveCredentials({ token, screenId })
        return readCredentials()?.token === next
      },
      onStatus: (status) => {
        state.connected = status === 'connected'
        root.dataset.connected = String(state.connected)
        // Offline: a download that failed while the server was away is retried now it is back.
        if (state.connected) documents.retryNow()
      },
    },
  )
  clock.keepInSync(socket)
  plays = state.plays = new ProofOfPlay({ screenId, clock, socket, report })
  const proof = plays
  beat = startHeartbeat(
    socket,
    () => ({
      version: state.version,
      zones: [...nowShowing.values()],
      errors: state.errors,
      clockOffsetMs: clock.offsetMs,
      pendingVersion: state.offline.pendingVersion,
      power: power.state,
    }),
    () => proof.pending(),
  )
  handleCommands(socket, {
    forget: async () => {
      // Everything but the token and the clock's offset: clearing the cache must not unpair the
      // screen, nor start its next page on the PC's clock.
      const kept = new Set([CREDENTIALS_KEY, CLOCK_OFFSET_KEY])
      for (const key of Object.keys(localStorage))
        if (key.startsWith('gatecast:') && !kept.has(key)) localStorage.removeItem(key)
      await offline.clearAll()
    },
  })
  startWatchdog({
    now: clock.now,
    lag: (at) => playback.lag(at),
    canReload: () => state.connected || navigator.serviceWorker?.controller != null,
    report,
    reload: () => location.reload(),
  })
}

function readSaved(screenId: string): ScreenDocument | null {
  try {
    const raw = localStorage.getItem(storageKey(screenId))
    const doc = raw ? (JSON.parse(raw) as ScreenDocument) : null
    // A document saved by an older player may lack fields this one needs: wait for the server.
    return doc?.format === DOCUMENT_FORMAT ? doc : null
  } catch {
    return null
  }
}

/**
 * The screen's token and id. With no token the player pairs (pairing.ts); with a bare token from
 * the address it asks the server which screen that is, and pairs if the server does not know it.
 */
async function screenCredentials(
  known: Credentials | null,
  show: { waiting: () => void; pairing: () => void },
): Promise<Credentials & { screenId: string }> {
  let backoffMs = 1_000
  let credentials = known
  for (;;) {
    if (!credentials) {
      show.pairing()
      const paired = await pairThisPlayer()
      return { token: paired.token, screenId: paired.screenId }
    }
    if (credentials.screenId) return { ...credentials, screenId: credentials.screenId }
    try {
      const res = await fetch('/api/player/screen', {
        headers: { authorization: `Bearer ${credentials.token}` },
        cache: 'no-store',
      })
      if (res.status === 401) {
        forgetCredentials()
        credentials = null
        continue
      }
      if (!res.ok) throw new Error(`${res.status}`)
      const { screenId } = (await res.json()) as { screenId: string }
      return { token: credentials.token, screenId }
    } catch (error) {
      console.warn('gatecast: cannot ask the server which screen this is', error)
      // Only once the server failed to answer: a card shown for every boot would be one more
      // swap before the first document.
      show.waiting()
      await new Promise((r) => setTimeout(r, backoffMs))
      backoffMs = Math.min(backoffMs * 2, 30_000)
    }
  }
}

// An official's preview (preview.ts) plays with the screen's code but is never the screen.
if (isPreview(location.search)) void bootPreview()
else void boot()

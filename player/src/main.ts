import { DOCUMENT_FORMAT, type ScreenDocument } from '../../playlists/schemas/document'
import { MAIN_ZONE } from '../../playlists/schemas/layout'
import { connect } from './connection'
import { CONNECTING, NOTHING_TO_PLAY } from './idle'
import { EmergencyOverlay } from './overlay'
import type { Transition } from './playback'
import { Zones } from './zones'

/** What tests and the remote preview read; bounded so a screen running for months does not grow it. */
interface PlayerState {
  screenId: string | null
  version: number | null
  connected: boolean
  /** Every zone's recent item changes, newest last. */
  transitions: Transition[]
  /** Recent items that could not be shown, newest last (the health report will carry them). */
  errors: { atMs: number; message: string }[]
}

declare global {
  interface Window {
    gatecast: PlayerState
  }
}

const TRANSITIONS_KEPT = 50
const ERRORS_KEPT = 20
const storageKey = (screenId: string) => `gatecast:document:${screenId}`

function boot(): void {
  const root = document.getElementById('stage')!
  const screenId = new URLSearchParams(location.search).get('screen')
  const state: PlayerState = { screenId, version: null, connected: false, transitions: [], errors: [] }
  window.gatecast = state

  const overlay = new EmergencyOverlay(document.getElementById('emergency')!)
  const playback = new Zones(root, overlay, {
    now: Date.now,
    onShow: (t) => {
      state.transitions.push(t)
      if (state.transitions.length > TRANSITIONS_KEPT) state.transitions.shift()
      // The stage mirrors the main zone: what a glance at the screen (or a test) cares about.
      if (t.zoneId !== MAIN_ZONE) return
      root.dataset.itemId = t.itemId ?? ''
    },
    onError: (message) => {
      state.errors.push({ atMs: Date.now(), message })
      if (state.errors.length > ERRORS_KEPT) state.errors.shift()
      console.warn(`gatecast: skipped an item: ${message}`)
    },
  })

  if (!screenId) {
    playback.showCard('Gatecast', [
      { lang: 'vi', text: 'Thêm ?screen=<mã màn hình> vào địa chỉ, ví dụ /player/?screen=tan-thanh-led' },
      { lang: 'zh-Hans', text: '请在地址后加上 ?screen=<屏幕编号>，例如 /player/?screen=tan-thanh-led' },
      { lang: 'en', text: 'Add ?screen=<screen id> to the address, e.g. /player/?screen=tan-thanh-led' },
    ])
    return
  }

  const apply = (doc: ScreenDocument) => {
    state.version = doc.version
    root.dataset.version = String(doc.version)
    playback.setDocument(doc)
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

  connect(screenId, () => state.version, {
    onDocument: apply,
    onNothingPublished: () => playback.showCard(screenId, NOTHING_TO_PLAY),
    onRefused: (message) => {
      if (!state.version) playback.showCard(screenId, [{ lang: 'en', text: message }])
    },
    onStatus: (status) => {
      state.connected = status === 'connected'
      root.dataset.connected = String(state.connected)
    },
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

boot()

import { PAIRING_POLL_MS } from '@playlists/limits'
import type { PairingStarted, PairingState } from '@playlists/schemas/pairing'
import { CONNECTING } from './idle'

type Paired = Extract<PairingState, { status: 'paired' }>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The instruction under the code, in the programme's three languages. */
export const PAIRING_INSTRUCTIONS = [
  { lang: 'vi', text: 'Nhập mã này trong bảng điều khiển Gatecast để ghép nối màn hình.' },
  { lang: 'zh-Hans', text: '请在 Gatecast 控制台中输入此代码，以配对本屏幕。' },
  { lang: 'en', text: 'Enter this code in the Gatecast console to pair this screen.' },
]

/** The full-screen pairing card: the code very large, the instruction below it. */
class PairingCard {
  private readonly root: HTMLElement

  constructor() {
    this.root = document.createElement('section')
    this.root.id = 'pairing'
    document.body.append(this.root)
  }

  showCode(code: string): void {
    const big = document.createElement('div')
    big.className = 'pairing-code'
    big.dataset.code = code
    big.textContent = code
    this.root.replaceChildren(big, ...lines(PAIRING_INSTRUCTIONS))
    this.root.dataset.state = 'code'
  }

  showConnecting(): void {
    this.root.replaceChildren(...lines(CONNECTING))
    this.root.dataset.state = 'connecting'
  }

  remove(): void {
    this.root.remove()
  }
}

function lines(texts: readonly { lang: string; text: string }[]): HTMLElement[] {
  return texts.map(({ lang, text }) => {
    const p = document.createElement('p')
    p.lang = lang
    p.textContent = text
    return p
  })
}

/**
 * Pairing mode: asks the server for a code, shows it, and polls until an operator binds it to a
 * screen; then returns the screen's token. An expired or refused code is replaced by a new one;
 * an unreachable server is retried, backing off from 2 s to 30 s.
 */
export async function pairThisPlayer(): Promise<Paired> {
  const card = new PairingCard()
  card.showConnecting()
  let backoffMs = 2_000
  try {
    for (;;) {
      let started: PairingStarted
      try {
        const res = await fetch('/api/pairing', { method: 'POST', cache: 'no-store' })
        if (res.status === 429) {
          const wait = Number(res.headers.get('retry-after') ?? 60)
          await sleep(Math.min(Math.max(wait, 5), 120) * 1_000)
          continue
        }
        if (!res.ok) throw new Error(`pairing: ${res.status}`)
        started = (await res.json()) as PairingStarted
        backoffMs = 2_000
      } catch (error) {
        console.warn('gatecast: cannot reach the server to pair', error)
        card.showConnecting()
        await sleep(backoffMs)
        backoffMs = Math.min(backoffMs * 2, 30_000)
        continue
      }
      card.showCode(started.code)
      const paired = await waitForBinding(started)
      if (paired) return paired
    }
  } finally {
    card.remove()
  }
}

/** Polls one request: the token once bound, null when the code is spent (expired, refused). */
async function waitForBinding(started: PairingStarted): Promise<Paired | null> {
  const expiresAt = Date.parse(started.expiresAt)
  for (;;) {
    await sleep(PAIRING_POLL_MS)
    try {
      const res = await fetch(`/api/pairing/${encodeURIComponent(started.id)}`, {
        headers: { authorization: `Bearer ${started.secret}` },
        cache: 'no-store',
      })
      if (res.ok) {
        const state = (await res.json()) as PairingState
        if (state.status === 'paired') return state
        continue
      }
      // 410 expired or already collected, 404/401 unknown: this code is done, ask for another.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return null
    } catch {
      // The server is away for a moment: keep polling while the code may still be bound.
      // (The local clock may be off; the server's 410 is what really ends a code.)
      if (Date.now() > expiresAt + 60_000) return null
    }
  }
}

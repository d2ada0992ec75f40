import type { Transition } from '@player/playback'
import { PLAYS_ALIVE_INTERVAL_MS } from '@player/proof-of-play'
import type { Play } from '@playlists/schemas/plays'
import type { BrowserContext, Page } from 'playwright-core'

/** A play the transitions imply, keyed by zone and start. */
export interface ExpectedPlay {
  key: string
  itemId: string
  playlistId: string
  version: number
  /** The exact end, or the window in which it must fall (a page that died, a zone rebuilt). */
  end: number | { lo: number; hi: number }
  /** When the player knew it as a finished play. */
  closedMs: number
}

interface Window {
  lo: number
  hi: number
}

export const playKey = (p: Play) => `${p.zoneId}@${Date.parse(p.start)}`

/**
 * What the player showed, seen at the source: every transition of every page load of a browser
 * context, reported as main.ts records it. The ground truth proof of play is checked against.
 */
export class ShownLog {
  /** Every transition, as it happened; `life` tells page loads apart. */
  readonly shown: { life: number; page: Page; t: Transition }[] = []
  /** Page loads that ended (reload, crash, browser closed), with when. */
  private readonly ended = new Map<number, Window & { from: number }>()
  /** A new layout rebuilt the zones (and took `gone` off the screen) between lo and hi. */
  private relayout: (Window & { version: number; gone: string[] }) | null = null

  get endedLives(): number {
    return this.ended.size
  }

  async watch(context: BrowserContext): Promise<void> {
    await context.exposeBinding('__shown', ({ page }, life: number, t: Transition) => {
      this.shown.push({ life, page, t })
    })
    await context.addInitScript(() => {
      // Wraps the player's transitions list as soon as main.ts publishes it.
      let state: { transitions: unknown[] } | undefined
      Object.defineProperty(window, 'gatecast', {
        configurable: true,
        get: () => state,
        set: (value: { transitions: unknown[] }) => {
          state = value
          const push = value.transitions.push.bind(value.transitions)
          const report = (window as unknown as { __shown: (life: number, t: unknown) => void }).__shown
          value.transitions.push = (...ts: unknown[]) => {
            for (const t of ts) report(performance.timeOrigin, t)
            return push(...ts)
          }
        },
      })
    })
  }

  lifeOf(page: Page): number | undefined {
    return this.shown.filter((s) => s.page === page).at(-1)?.life
  }

  /** Ends the page load now in `page` with `how`: its last items end at the last save before. */
  async endLife(page: Page, how: () => Promise<unknown>): Promise<void> {
    const life = this.lifeOf(page)!
    const from = Date.now()
    await how()
    this.ended.set(life, { from, lo: from - PLAYS_ALIVE_INTERVAL_MS - 1_000, hi: Date.now() + 1_000 })
  }

  relaid(version: number, lo: number, hi: number, gone: string[]): void {
    this.relayout = { version, lo, hi, gone }
  }

  /** The plays the transitions imply: each item ends at its zone's next transition. */
  expected(): Map<string, ExpectedPlay> {
    const lives = new Map<string, Transition[]>()
    for (const { life, t } of this.shown) {
      const key = `${life}|${t.zoneId}`
      lives.set(key, [...(lives.get(key) ?? []), t])
    }
    const out = new Map<string, ExpectedPlay>()
    const relayout = this.relayout
    for (const [key, ts] of lives) {
      const lifeEnd = this.ended.get(Number(key.split('|')[0]))
      ts.forEach((t, i) => {
        if (!t.itemId || !t.playlistId || !t.version) return
        const next = ts[i + 1]
        // The zone was rebuilt or removed: its item ended then, before the new zone showed anything.
        const rebuilt =
          relayout && t.version < relayout.version && (!next || (next.version ?? 0) >= relayout.version)
        let end: ExpectedPlay['end']
        if (rebuilt && next) end = { lo: relayout.lo, hi: Math.round(next.shownMs) }
        else if (next) end = Math.round(next.shownMs)
        else if (lifeEnd) end = lifeEnd
        else if (rebuilt && relayout.gone.includes(t.zoneId)) end = relayout
        else return // still on screen: not a play yet
        const start = Math.round(t.shownMs)
        out.set(`${t.zoneId}@${start}`, {
          key: `${t.zoneId}@${start}`,
          itemId: t.itemId,
          playlistId: t.playlistId,
          version: t.version,
          end: typeof end === 'number' ? end : { lo: end.lo, hi: end.hi },
          closedMs: typeof end === 'number' ? end : end.hi,
        })
      })
    }
    return out
  }

  /**
   * A play the test did not see shown, because the item appeared in the very instant its page
   * died: the player wrote it to IndexedDB, but the report to the test died with the page. It
   * must start after the last item the test saw in its zone, and end before the page's end.
   */
  diedUnseen(p: Play): boolean {
    const start = Date.parse(p.start)
    const end = Date.parse(p.end)
    return [...this.ended].some(([life, w]) => {
      const seen = this.shown.filter((s) => s.life === life && s.t.zoneId === p.zoneId)
      const last = seen.at(-1)?.t.shownMs ?? Number.POSITIVE_INFINITY
      return start > last && start >= w.from - 1_000 && end <= w.hi
    })
  }
}

import type { AgentEvent, HealingStep } from '@playlists/agent'
import { isBlank } from './blank'
import { keptSteps, type LadderStep, nextStep } from './ladder'
import type { PageReading, PlayerPage } from './page'
import type { AgentStore } from './state'

/** A healthy player's frame is kept as the last good one at most this often (each is a capture). */
const LAST_GOOD_EVERY_MS = 60_000
/** Checks in a row a failure must be seen on before the ladder acts on it. */
const FAILING_CHECKS = 2
/** The width of the capture checked for a blank page: enough for a line of text to show. */
const CHECK_WIDTH = 160

export interface HealthHooks {
  allowReboot: () => boolean
  graceMs: number | null
  report: (event: AgentEvent) => void
  restartBrowser: () => Promise<void>
  reboot: () => Promise<void>
}

/** Why the page is failing, or null when it is fine. */
export async function failureOf(
  page: PlayerPage,
  reading: PageReading,
  playerUrl: URL,
): Promise<string | null> {
  if (reading.crashed) return 'the renderer crashed ("Aw, Snap!")'
  if (reading.url.startsWith('chrome-error://')) return 'the browser shows an error page'
  if (!reading.url.startsWith(playerUrl.origin))
    return `the page is not the player (${reading.url.slice(0, 80)})`
  if (reading.status === null) return 'the player is not running on its page'
  // Off hours the player shows black on purpose.
  if (!reading.off && isBlank((await page.capture(CHECK_WIDTH, 'png')).bytes)) return 'the page is blank'
  return null
}

/**
 * Watches the player's page and climbs the healing ladder (ladder.ts) while it fails. Every
 * failure, and every step, is reported into the screen's history.
 */
export class Health {
  private steps: LadderStep[] = []
  private watchdogReloads: number[] = []
  private lastGoodAt = 0
  private lastFailure: string | null = null
  private lastUrl = ''
  /** Checks in a row that found the page failing. */
  private failing = 0
  private showingFrame = false

  constructor(
    private readonly page: PlayerPage,
    private readonly store: AgentStore,
    private readonly playerUrl: URL,
    private readonly hooks: HealthHooks,
  ) {}

  async start(): Promise<void> {
    this.steps = await this.store.steps()
  }

  /** The latest reading, for the rest of the agent (the token); null when the page could not be read. */
  async check(now: number): Promise<PageReading | null> {
    let reading: PageReading | null = null
    let failure: string | null
    try {
      reading = await this.page.read()
      this.lastUrl = reading.url
      this.watchdogReloads =
        reading.watchdogReloads.length > 0 ? reading.watchdogReloads : this.watchdogReloads
      // The last resort is showing: nothing to check until the ladder starts again (ladder.ts).
      if (this.showingFrame && reading.url === 'about:blank') {
        const step = this.nextStep(now)
        if (step) await this.take(step, now, 'the last good frame was shown for an hour')
        return reading
      }
      this.showingFrame = false
      failure = await failureOf(this.page, reading, this.playerUrl)
    } catch (error) {
      failure = `DevTools does not answer: ${(error as Error).message.slice(0, 120)}`
    }
    if (failure === null) {
      // Back from a failure it had reported: said once, so the server can close what it opened.
      if (this.lastFailure !== null)
        this.hooks.report({ kind: 'recovered', atMs: now, detail: `plays again after: ${this.lastFailure}` })
      this.failing = 0
      this.lastFailure = null
      if (reading?.status === 'playing' && now - this.lastGoodAt >= LAST_GOOD_EVERY_MS)
        await this.keepFrame(now)
      return reading
    }
    // Seen once, a failure may be a page between two states (loading after a reload): act on the second look.
    this.failing++
    if (this.failing < FAILING_CHECKS) return reading
    if (failure !== this.lastFailure || this.failing === FAILING_CHECKS)
      this.hooks.report({ kind: 'failure', atMs: now, detail: failure })
    this.lastFailure = failure
    const step = this.nextStep(now)
    if (step) await this.take(step, now, failure)
    return reading
  }

  private nextStep(now: number): HealingStep | null {
    return nextStep(
      {
        steps: this.steps,
        watchdogReloads: this.watchdogReloads,
        allowReboot: this.hooks.allowReboot(),
        graceMs: this.hooks.graceMs ?? undefined,
      },
      now,
    )
  }

  private async keepFrame(now: number): Promise<void> {
    try {
      const frame = await this.page.capture(960)
      await this.store.saveLastGoodFrame(frame)
      this.lastGoodAt = now
    } catch (error) {
      console.warn(`gatecast-agent: could not keep the last good frame: ${(error as Error).message}`)
    }
  }

  private async take(step: HealingStep, now: number, failure: string): Promise<void> {
    this.steps = [...keptSteps(this.steps, now), { step, atMs: now }]
    await this.store.saveSteps(this.steps)
    let detail = `${failure}: ${step}`
    try {
      if (step === 'reload') {
        // From a crashed page, an error page or a shown frame, "reload" is going back to the player.
        if (this.page.isCrashed || !this.lastUrl.startsWith(this.playerUrl.origin))
          await this.page.navigate(this.playerUrl.href)
        else await this.page.reload()
      } else if (step === 'restart-browser') {
        this.page.disconnect()
        await this.hooks.restartBrowser()
      } else if (step === 'last-good-frame') {
        const frame = await this.store.lastGoodFrame()
        if (!frame) detail = `${failure}: no good frame was ever captured to show`
        else {
          await this.page.showFrame(frame)
          this.showingFrame = true
        }
      }
      // A reboot is reported before it is taken: nothing is sent once it is under way.
      if (step === 'reboot') {
        this.hooks.report({ kind: 'healing', step, atMs: now, detail })
        await this.hooks.reboot()
        return
      }
    } catch (error) {
      detail = `${detail} failed: ${(error as Error).message.slice(0, 200)}`
    }
    this.hooks.report({ kind: 'healing', step, atMs: now, detail })
  }
}

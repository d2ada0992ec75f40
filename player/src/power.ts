import { type PowerState, powerStateAt } from '@playlists/power/plan'
import type { DocumentScreen } from '@playlists/schemas/document'
import type { PowerReport } from '@playlists/schemas/power'

/**
 * The screen's power plan applied by the player itself, by its own clock (offline too): outside
 * operating hours a black layer covers everything; inside them the same layer, part transparent,
 * dims the output to the plan's brightness. A black layer at opacity 1 − level/100 scales every
 * pixel value the panel is sent by level/100: an LED wall fed by a sending card draws power in
 * proportion to those values, so this is real dimming, not a look. Panels with a backlight or
 * DDC/CI are the kiosk agent's to drive from the same plan; this is the fallback every screen has.
 *
 * Like the timeline, the plan says when it next changes and the player sleeps until then, but
 * never longer than MAX_SLEEP_MS: a PC that slept or a clock corrected by the server must not leave
 * a screen lit past closing time for hours.
 */
export const MAX_SLEEP_MS = 60_000

export class PowerLayer {
  private screen: DocumentScreen | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private current: PowerReport = { on: true, brightness: 100 }

  constructor(
    private readonly element: HTMLElement,
    private readonly options: {
      now: () => number
      /** The screen went on or off, or its brightness changed (a heartbeat reports it at once). */
      onChange: (state: PowerReport, previous: PowerReport) => void
    },
  ) {}

  /** The state reported in heartbeats. */
  get state(): PowerReport {
    return this.current
  }

  /** A new document: its plan (or the same one) applies from now. */
  setScreen(screen: DocumentScreen): void {
    this.screen = screen
    this.evaluate()
  }

  /** The clock moved (a new server offset): read the plan again at the corrected time. */
  retime(): void {
    if (this.screen) this.evaluate()
  }

  private evaluate(): void {
    clearTimeout(this.timer)
    const screen = this.screen
    if (!screen) return
    const now = this.options.now()
    const { latitude, longitude } = screen.power
    const state: PowerState = powerStateAt(
      screen.power.plan,
      {
        timeZone: screen.timeZone,
        location: latitude === null || longitude === null ? null : { latitude, longitude },
      },
      now,
    )
    this.show(state)
    const sleep = state.nextChangeAt === null ? MAX_SLEEP_MS : state.nextChangeAt - now
    this.timer = setTimeout(() => this.evaluate(), Math.max(0, Math.min(sleep, MAX_SLEEP_MS)))
  }

  private show(state: PowerState): void {
    const next: PowerReport = { on: state.on, brightness: state.brightness }
    const opacity = state.on ? 1 - state.brightness / 100 : 1
    this.element.style.opacity = String(opacity)
    // Hidden at full brightness: not even a transparent layer over what plays.
    this.element.hidden = opacity === 0
    this.element.dataset.power = state.on ? 'on' : 'off-hours'
    this.element.dataset.brightness = String(next.brightness)
    const previous = this.current
    this.current = next
    if (previous.on !== next.on || previous.brightness !== next.brightness)
      this.options.onChange(next, previous)
  }
}

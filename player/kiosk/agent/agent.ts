import { exec } from 'node:child_process'
import {
  AGENT_NAMESPACE,
  type AgentCommand,
  type AgentConfig,
  type AgentEvent,
  type AgentResult,
  type AgentState,
  type AgentToServerEvents,
  type ServerToAgentEvents,
} from '@playlists/agent'
import { powerStateAt } from '@playlists/power/plan'
import { io, type Socket } from 'socket.io-client'
import type { AgentSettings } from './config'
import type { Display } from './hardware'
import { Health } from './health'
import { Outbox } from './outbox'
import { PlayerPage } from './page'
import { AgentStore } from './state'
import { type ScreenshotReason, uploadScreenshot } from './upload'

export const AGENT_VERSION = '1'

type OutgoingMessage =
  | { name: 'agent:state'; state: AgentState }
  | { name: 'agent:result'; result: AgentResult }

/** The widest screenshot uploaded: enough to read a slide's title, a tenth of a 4K frame's bytes. */
export const SCREENSHOT_WIDTH_MAX = 960
/** A plan's next change further away than this is looked at again then (a clock jump, a lost timer). */
const PLAN_RECHECK_MS = 60 * 60_000

/** Runs a configured command (restart the browser, reboot) through the shell, as the kiosk user. */
const shell = (command: string): Promise<void> =>
  new Promise((resolve, reject) =>
    exec(command, { timeout: 60_000 }, (error, _out, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolve(),
    ),
  )

/**
 * The kiosk agent: one per screen PC, beside the kiosk's Chromium. It connects out only, to
 * Chromium's DevTools on loopback and to the server's /agent channel with the player's own
 * token; it applies the power plan to the display, answers the console's commands, uploads
 * screenshots and heals the player (health.ts).
 */
export class Agent {
  private readonly page: PlayerPage
  private readonly health: Health
  private socket: Socket<ServerToAgentEvents, AgentToServerEvents> | null = null
  private token: string | null = null
  private config: AgentConfig | null = null
  private display: AgentState['display'] = null
  private timers: NodeJS.Timeout[] = []
  private planTimer: NodeJS.Timeout | undefined
  private shotTimer: NodeJS.Timeout | undefined
  private checking = false
  /** Reports and results until the server has them, across a new token's new connection. */
  private readonly outbox = new Outbox<OutgoingMessage>()

  constructor(
    private readonly settings: AgentSettings,
    private readonly hardware: Display,
    private readonly clock: () => number = Date.now,
  ) {
    this.page = new PlayerPage(settings.devtools, settings.playerUrl.origin)
    this.health = new Health(this.page, new AgentStore(settings.stateDir), settings.playerUrl, {
      allowReboot: () => this.config?.allowReboot ?? false,
      graceMs: settings.ladderGraceMs,
      report: (event) => this.report(event),
      restartBrowser: () => shell(settings.restartBrowserCommand),
      reboot: () => shell(settings.rebootCommand),
    })
  }

  async start(): Promise<void> {
    await this.health.start()
    this.timers.push(setInterval(() => void this.check(), this.settings.checkMs))
    await this.check()
  }

  stop(): void {
    for (const timer of [...this.timers, this.planTimer, this.shotTimer]) clearTimeout(timer)
    this.socket?.close()
    this.page.disconnect()
  }

  /** One look at the page: the ladder's business, and the player's token, which opens the channel. */
  private async check(): Promise<void> {
    if (this.checking) return
    this.checking = true
    try {
      const reading = await this.health.check(this.clock())
      if (reading?.token && reading.token !== this.token) {
        this.token = reading.token
        this.connect()
      }
      // What a busy server refused goes again, one check later.
      this.flush()
    } catch (error) {
      console.warn(`gatecast-agent: check failed: ${(error as Error).message}`)
    } finally {
      this.checking = false
    }
  }

  /** (Re)connects with the token the player holds now: a re-paired or rotated player brings its agent along. */
  private connect(): void {
    this.socket?.close()
    const socket: Socket<ServerToAgentEvents, AgentToServerEvents> = io(
      `${this.settings.playerUrl.origin}${AGENT_NAMESPACE}`,
      {
        auth: (cb) => cb({ token: this.token, version: AGENT_VERSION }),
        transports: ['websocket'],
        reconnectionDelay: 1_000,
        reconnectionDelayMax: 30_000,
      },
    )
    this.socket = socket
    socket.on('connect', () => {
      console.log('gatecast-agent: connected to the server')
      // Sent on a connection that is gone (the old token's socket, a dropped link): again here.
      this.outbox.reset()
      this.flush()
    })
    socket.on('connect_error', (error) => {
      console.warn(`gatecast-agent: the server refused the connection: ${error.message}`)
      // A refusal by the server's middleware is not retried by socket.io: try again later, with
      // the token the page holds then.
      if (!socket.active) setTimeout(() => this.socket === socket && socket.connect(), 30_000)
    })
    socket.on('agent:config', (config) => {
      this.config = config
      this.applyPlan()
      this.scheduleScreenshots()
    })
    socket.on('agent:command', (command) => void this.run(command))
  }

  private report(event: AgentEvent | null): void {
    const state: AgentState = { hardware: [...this.hardware.hardware], display: this.display, event }
    if (event)
      console.log(`gatecast-agent: ${event.kind}${event.step ? ` ${event.step}` : ''}: ${event.detail}`)
    // A bare state (display, hardware) is replaced by the next one: only events must arrive.
    if (event) {
      this.outbox.add({ name: 'agent:state', state })
      this.flush()
    } else this.socket?.emit('agent:state', state, () => {})
  }

  private result(command: AgentCommand, ok: boolean, detail: string): void {
    const result: AgentResult = { id: command.id, type: command.type, ok, detail: detail.slice(0, 500) }
    this.outbox.add({ name: 'agent:result', result })
    this.flush()
  }

  /** Sends what waits, once connected; until then the 'connect' handler does. */
  private flush(): void {
    const socket = this.socket
    if (!socket?.connected) return
    this.outbox.flush((message, ack) =>
      message.name === 'agent:state'
        ? socket.emit('agent:state', message.state, ack)
        : socket.emit('agent:result', message.result, ack),
    )
  }

  private async run(command: AgentCommand): Promise<void> {
    try {
      switch (command.type) {
        case 'screenshot':
          return this.result(command, ...(await this.screenshot('on-demand')))
        case 'reload':
          await this.page.reload()
          return this.result(command, true, 'reloaded the player')
        case 'restart-browser':
          this.page.disconnect()
          await shell(this.settings.restartBrowserCommand)
          return this.result(command, true, 'restarted the browser')
        case 'reboot':
          if (!this.config?.allowReboot)
            return this.result(command, false, 'this screen does not allow reboots')
          // Said first: once the reboot is under way nothing more is sent.
          this.result(command, true, 'rebooting')
          return await shell(this.settings.rebootCommand)
        case 'display-power': {
          const applied = await this.hardware.power(command.on)
          if (applied.ok) this.display = { on: command.on, brightness: this.display?.brightness ?? 100 }
          this.report(null)
          return this.result(command, applied.ok, applied.detail)
        }
        case 'brightness': {
          const applied = await this.hardware.brightness(command.level)
          if (applied.ok) this.display = { on: this.display?.on ?? true, brightness: command.level }
          this.report(null)
          return this.result(command, applied.ok, applied.detail)
        }
      }
    } catch (error) {
      this.result(command, false, (error as Error).message)
    }
  }

  private async screenshot(reason: ScreenshotReason): Promise<[boolean, string]> {
    if (!this.token) return [false, 'the player holds no token yet']
    const capturedAt = this.clock()
    const capture = await this.page.capture(SCREENSHOT_WIDTH_MAX)
    const outcome = await uploadScreenshot(
      this.settings.playerUrl.origin,
      this.token,
      capture,
      capturedAt,
      reason,
    )
    return [outcome.ok, outcome.detail]
  }

  private scheduleScreenshots(): void {
    clearInterval(this.shotTimer)
    const minutes = this.config?.screenshotIntervalMinutes ?? 0
    if (minutes === 0) return
    this.shotTimer = setInterval(
      () =>
        void this.screenshot('scheduled').then(
          ([ok, detail]) => !ok && console.warn(`gatecast-agent: scheduled screenshot: ${detail}`),
          (error: Error) => console.warn(`gatecast-agent: scheduled screenshot: ${error.message}`),
        ),
      minutes * 60_000,
    )
  }

  /** Applies the plan's state now, and again at its next change. */
  private applyPlan(): void {
    clearTimeout(this.planTimer)
    const config = this.config
    if (!config) return
    const now = this.clock()
    const { plan, latitude, longitude } = config.power
    const location = latitude === null || longitude === null ? null : { latitude, longitude }
    const wanted = powerStateAt(plan, { timeZone: config.timeZone, location }, now)
    void this.applyState(wanted.on, wanted.brightness, now)
    const wait =
      wanted.nextChangeAt === null ? PLAN_RECHECK_MS : Math.min(PLAN_RECHECK_MS, wanted.nextChangeAt - now)
    this.planTimer = setTimeout(() => this.applyPlan(), Math.max(1_000, wait))
  }

  private async applyState(on: boolean, brightness: number, now: number): Promise<void> {
    const before = this.display
    if (before === null || before.on !== on) {
      const applied = await this.hardware.power(on)
      this.display = { on, brightness: before?.brightness ?? brightness }
      this.report({ kind: 'power', atMs: now, detail: `by the plan: ${applied.detail}` })
    }
    // At start the backlight's level is unknown: set it once whatever it seems to be.
    const unknown = before === null
    if (
      on &&
      this.hardware.hardware.includes('ddcutil') &&
      (unknown || this.display?.brightness !== brightness)
    ) {
      const applied = await this.hardware.brightness(brightness)
      this.display = { on, brightness }
      this.report({ kind: 'brightness', atMs: now, detail: `by the plan: ${applied.detail}` })
    }
  }
}

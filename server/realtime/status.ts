import { HEARTBEAT_INTERVAL_MS, type Heartbeat } from '@playlists/events'
import type { ScreenStatus } from '@playlists/schemas/status'
import type { Clock } from '../clock'
import type { StatusRepository } from '../repositories/status'

/** A player that has not reported for this long is offline, even if its socket looks open. */
export const SILENT_AFTER_MS = 3 * HEARTBEAT_INTERVAL_MS

/**
 * Which screens have a live player, from connections, disconnections and heartbeats, with every
 * change handed to `broadcast` (the consoles' namespace). A screen is online while at least one
 * of its players is connected and reporting; it goes offline when the last one disconnects or
 * when none has reported for three heartbeat intervals (a frozen page keeps its socket open).
 */
export class ScreenStatusService {
  private readonly connections = new Map<string, number>()

  constructor(
    private readonly repo: StatusRepository,
    private readonly clock: Clock,
    /** Hands changed statuses to the consoles; those of one batch of writes together. */
    private readonly broadcast: (statuses: readonly ScreenStatus[]) => void,
    /**
     * A node starting alone starts from "every screen offline": its players reconnect within
     * seconds. A node starting beside live ones must not mark offline the screens connected to
     * them (services.ts asks the nodes' heartbeats).
     */
    resetOnStart = true,
    /** Resolves when no publish is being handed out (Publisher.idle); writes of applied versions wait for it. */
    private readonly afterDeliveries: () => Promise<void> | null = () => null,
    /** The statuses could not be read or handed out (a busy database): the consoles miss that change. */
    private readonly tellingFailed: (error: unknown) => void = () => {},
  ) {
    if (resetOnStart) repo.allOffline(clock())
  }

  /** Players of this screen connected to this node. */
  playersOf(screenId: string): number {
    return this.connections.get(screenId) ?? 0
  }

  connected(screenId: string): void {
    this.connections.set(screenId, (this.connections.get(screenId) ?? 0) + 1)
    this.repo.setOnline(screenId, true, this.clock())
    this.repo.seen(screenId, this.clock())
    this.publish(screenId)
  }

  disconnected(screenId: string): void {
    const left = (this.connections.get(screenId) ?? 1) - 1
    if (left > 0) {
      this.connections.set(screenId, left)
      return
    }
    this.connections.delete(screenId)
    if (this.repo.setOnline(screenId, false, this.clock())) this.publish(screenId)
  }

  heartbeat(screenId: string, report: Heartbeat): void {
    // A player that fell silent and speaks again is back.
    this.repo.setOnline(screenId, true, this.clock())
    this.repo.seen(screenId, this.clock(), report)
    this.publish(screenId)
  }

  /**
   * Records that a player applied a version. Writes arriving together (a publish reaching a
   * thousand players brings a thousand acknowledgements within milliseconds) are committed in
   * one transaction, so they share one fsync instead of paying one each; resolves once stored.
   */
  applied(screenId: string, version: number): Promise<void> {
    const at = this.clock()
    return this.batched(screenId, () => this.repo.applied(screenId, version, at))
  }

  /** Calls silent screens offline; returns their ids. Run by a job every few seconds. */
  sweep(now: number): string[] {
    const silent = this.repo.silentSince(now - SILENT_AFTER_MS)
    // One commit for them all: ten thousand players fall silent together when a link drops.
    this.repo.inTransaction(() => {
      for (const id of silent) if (this.repo.setOnline(id, false, now)) this.publish(id)
    })
    return silent
  }

  private pending: { screenId: string; write: () => void }[] = []
  private flush: Promise<void> | null = null

  private batched(screenId: string, write: () => void): Promise<void> {
    this.pending.push({ screenId, write })
    this.flush ??= new Promise<void>((resolve, reject) => {
      const run = () => {
        const writes = this.pending
        this.pending = []
        this.flush = null
        try {
          this.repo.inTransaction(() => {
            for (const w of writes) w.write()
          })
          for (const w of writes) this.publish(w.screenId)
          resolve()
        } catch (error) {
          reject(error)
        }
      }
      setImmediate(() => {
        const delivering = this.afterDeliveries()
        if (delivering) void delivering.then(() => setImmediate(run))
        else run()
      })
    })
    return this.flush
  }

  /** Screens whose status changed since the consoles were last told. */
  private changed = new Set<string>()

  /**
   * Tells the consoles of a screen's new status on the next turn of the event loop, together
   * with every other change of this turn, each screen once, as it stands then: players
   * connecting after a restart, a publish's acknowledgements or a sweep change thousands at
   * once, and with several nodes each telling is a message through Redis (bench `fanout
   * --nodes=2`: one per screen was ten thousand per publish).
   */
  private publish(screenId: string): void {
    if (this.changed.size === 0) setImmediate(() => this.tell())
    this.changed.add(screenId)
  }

  private tell(): void {
    const ids = [...this.changed]
    this.changed = new Set()
    try {
      this.broadcast(this.repo.findMany(ids))
    } catch (error) {
      // From the event loop: thrown here, it would end the process.
      this.tellingFailed(error)
    }
  }
}

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
     * The primary node starts from "every screen offline": its players reconnect within seconds.
     * A secondary starting must not mark offline the screens connected to the other nodes.
     */
    resetOnStart = true,
    /** Resolves when no publish is being handed out (Publisher.idle); writes of applied versions wait for it. */
    private readonly afterDeliveries: () => Promise<void> | null = () => null,
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
    for (const id of silent) {
      if (this.repo.setOnline(id, false, now)) this.publish(id)
    }
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
          this.broadcast(this.repo.findMany([...new Set(writes.map((w) => w.screenId))]))
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

  private publish(screenId: string): void {
    const status = this.repo.find(screenId)
    if (status) this.broadcast([status])
  }
}

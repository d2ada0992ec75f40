import { canonicalJson } from '@playlists/canonical'
import type { ScreenDocument } from '@playlists/schemas/document'
import { type DocumentZone, fullScreenLayout, MAIN_ZONE, zonePixels } from '@playlists/schemas/layout'
import type { EmergencyOverlay } from './overlay'
import { Playback, type PlaybackOptions } from './playback'
import { Stage } from './stage'

type Callbacks = Pick<PlaybackOptions, 'now' | 'onShow' | 'onError'> & {
  /** A zone left the screen (a new layout): what it showed ends now, with no next item. */
  onZoneEnd?: (zoneId: string) => void
  /**
   * Every zone has dealt with the current document (see Playback.settledWith): the screen shows
   * what the document puts on it now. Called after each zone's evaluation once that holds.
   */
  onScreenSettled?: () => void
}

interface ZonePlayer {
  zone: DocumentZone
  element: HTMLElement
  playback: Playback
}

/**
 * The screen divided into its layout's zones, each an element placed in whole pixels with its
 * own playback. A new document with the same zones only hands them the document (nothing on
 * screen is rebuilt); different zones rebuild the set. Emergency messages belong to the main
 * zone's playback, which shows them over the whole screen.
 */
export class Zones {
  private players: ZonePlayer[] = []
  private shape = ''
  private document: ScreenDocument | null = null

  constructor(
    private readonly root: HTMLElement,
    private readonly overlay: EmergencyOverlay,
    private readonly callbacks: Callbacks,
  ) {
    // A kiosk rarely resizes, but a window moved to another output must not keep stale zones.
    addEventListener('resize', () => this.place())
  }

  setDocument(document: ScreenDocument): void {
    this.document = document
    this.build(document.layout.zones)
    for (const p of this.players) p.playback.setDocument(document)
  }

  /** The clock moved (a new server offset): ask the timeline again with the corrected time. */
  retime(): void {
    if (this.document) this.setDocument(this.document)
  }

  /** Every zone shows its due item afresh (see Playback.redraw): the preview's clock jumped. */
  redraw(): void {
    for (const p of this.players) p.playback.redraw()
  }

  /** The zone furthest behind the timeline, and by how much (see Playback.lagMs). */
  lag(at: number): { zoneId: string; ms: number } {
    let worst = { zoneId: MAIN_ZONE, ms: 0 }
    for (const p of this.players) {
      const ms = p.playback.lagMs(at)
      if (ms > worst.ms) worst = { zoneId: p.zone.id, ms }
    }
    return worst
  }

  /** A card over the whole screen (no document yet, unknown screen…). */
  showCard(title: string, lines: readonly { lang: string; text: string }[]): void {
    this.document = null
    this.build(fullScreenLayout(null).zones)
    this.main()!.playback.showCard(title, lines)
  }

  private main(): ZonePlayer | undefined {
    return this.players.find((p) => p.zone.id === MAIN_ZONE)
  }

  private build(zones: readonly DocumentZone[]): void {
    // The default playlist is the playback's business; only geometry decides a rebuild.
    const shape = canonicalJson(zones.map(({ defaultPlaylistId: _, ...geometry }) => geometry))
    if (shape === this.shape) return
    this.shape = shape
    for (const p of this.players) {
      p.playback.dispose()
      p.element.remove()
      this.callbacks.onZoneEnd?.(p.zone.id)
    }
    this.players = zones.map((zone) => {
      const element = document.createElement('div')
      element.className = 'zone'
      element.dataset.zoneId = zone.id
      this.root.append(element)
      const playback = new Playback(new Stage(element), {
        ...this.callbacks,
        zoneId: zone.id,
        overlay: zone.id === MAIN_ZONE ? this.overlay : null,
        onSettled: () => {
          const current = this.document
          if (current && this.players.every((p) => p.playback.settledWith(current)))
            this.callbacks.onScreenSettled?.()
        },
      })
      return { zone, element, playback }
    })
    this.place()
  }

  private place(): void {
    const width = this.root.clientWidth
    const height = this.root.clientHeight
    for (const { zone, element } of this.players) {
      const box = zonePixels(zone, width, height)
      element.style.left = `${box.left}px`
      element.style.top = `${box.top}px`
      element.style.width = `${box.width}px`
      element.style.height = `${box.height}px`
    }
  }
}

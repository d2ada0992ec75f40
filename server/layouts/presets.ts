import type { Zone } from '@playlists/schemas/layout'

export interface LayoutPreset {
  id: string
  name: string
  description: string
  aspect: number
  zones: Zone[]
}

const zone = (id: string, name: string, x: number, y: number, width: number, height: number): Zone => ({
  id,
  name,
  x,
  y,
  width,
  height,
  playlistId: null,
})

/**
 * Zone arrangements for the panel shapes at the gates. The ticker strip is tall enough for one
 * line read from a queue (about 100 pixels on the smallest panel, Chi Ma's 768 rows); the clock
 * corner beside the main area keeps the main area close to the 16:9 or 4:3 pictures the
 * province's press office supplies.
 */
export const LAYOUT_PRESETS: readonly LayoutPreset[] = [
  {
    id: 'full-screen',
    name: 'Full screen',
    description: 'One zone over the whole panel.',
    aspect: 0,
    zones: [zone('main', 'Main', 0, 0, 1, 1)],
  },
  {
    id: 'wide-led',
    name: 'Wide LED 2:1 — main, clock, ticker',
    description:
      'Tân Thanh (1920×960) and Chi Ma (1536×768): main area, clock corner on the right, ticker strip below.',
    aspect: 2,
    zones: [
      zone('main', 'Main', 0, 0, 0.75, 0.86),
      zone('clock', 'Clock', 0.75, 0, 0.25, 0.86),
      zone('ticker', 'Ticker', 0, 0.86, 1, 0.14),
    ],
  },
  {
    id: 'wall-16x9',
    name: '16:9 wall — main, clock, ticker',
    description: 'Hữu Nghị wall (1920×1080): a 16:9-ish main area, clock corner, ticker strip below.',
    aspect: 16 / 9,
    zones: [
      zone('main', 'Main', 0, 0, 0.8, 0.88),
      zone('clock', 'Clock', 0.8, 0, 0.2, 0.88),
      zone('ticker', 'Ticker', 0, 0.88, 1, 0.12),
    ],
  },
  {
    id: 'portrait-kiosk',
    name: 'Portrait kiosk — clock, main, ticker',
    description: 'Hữu Nghị kiosks (1080×1920): clock band on top, main area, ticker strip at the bottom.',
    aspect: 9 / 16,
    zones: [
      zone('clock', 'Clock', 0, 0, 1, 0.09),
      zone('main', 'Main', 0, 0.09, 1, 0.81),
      zone('ticker', 'Ticker', 0, 0.9, 1, 0.1),
    ],
  },
]

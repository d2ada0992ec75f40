import type { Heartbeat } from '@playlists/events'

/** A player's report as a healthy player sends it, holding `version`, with `extra` laid over it. */
export const heartbeat = (version: number | null, extra: Partial<Heartbeat> = {}): Heartbeat => ({
  version,
  zones: [{ zoneId: 'main', itemId: 's1', playlistId: 'pl-a' }],
  uptimeMs: 12_345,
  memory: { usedBytes: 20e6, totalBytes: 40e6 },
  resolution: { width: 1920, height: 960, pixelRatio: 1 },
  errors: [],
  clockOffsetMs: -42,
  ...extra,
})

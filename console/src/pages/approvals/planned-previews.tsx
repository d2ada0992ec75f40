import type { PlaylistItem } from '@playlists/schemas/items'
import { type Zone, zonePixels } from '@playlists/schemas/layout'
import type { Reach } from '@playlists/schemas/reach'
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { ItemFrame, useFitScale } from '../playlists/item-frame'
import type { PreviewSize } from '../playlists/screen-sizes'
import { PlaylistPreviews, sizeCaption } from './playlist-previews'
import { tr } from './reach-messages'
import { documentItemOf, itemsOf, mediaIdIn, useMediaMap, zonesOf } from './version-items'

/**
 * What a screen would play of a playlist: the version on air (screens are compiled from it), or
 * the waiting version that goes on air together with the one previewed. A playlist with no
 * version on air plays nothing anywhere.
 */
type Played =
  | { state: 'playing'; name: string; items: PlaylistItem[] }
  | { state: 'off-air'; name: string }
  | { state: 'missing' }
  | { state: 'error'; error: ApiError }

const nameIn = (body: unknown): string | null => {
  const name = body !== null && typeof body === 'object' ? (body as { name?: unknown }).name : undefined
  return typeof name === 'string' ? name : null
}

async function loadPlayed(id: string, number: number | undefined): Promise<Played> {
  try {
    const [playlist, versions] = await Promise.all([
      api.get('/api/playlists/:id', { params: { id } }),
      api.get('/api/playlists/:id/versions', { params: { id } }),
    ])
    const n = number ?? versions.find((v) => v.live)?.number
    if (n === undefined) return { state: 'off-air', name: playlist.name }
    const version = await api.get('/api/playlists/:id/versions/:n', { params: { id, n } })
    // A withdrawal on air: the playlist is off every screen.
    if (version.body === null) return { state: 'off-air', name: playlist.name }
    return { state: 'playing', name: nameIn(version.body) ?? playlist.name, items: itemsOf(version.body) }
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { state: 'missing' }
    return { state: 'error', error: toApiError(e) }
  }
}

/** The playlists these ids name as screens would play them, by id (absent while loading). */
function usePlayed(ids: readonly string[], chosen: ReadonlyMap<string, number>): ReadonlyMap<string, Played> {
  const key = [...new Set(ids)]
    .sort()
    .map((id) => `${id}:${chosen.get(id) ?? 'live'}`)
    .join(',')
  const [played, setPlayed] = useState<ReadonlyMap<string, Played>>(new Map())
  useEffect(() => {
    let current = true
    setPlayed(new Map())
    for (const pair of key ? key.split(',') : []) {
      const [id = '', number = 'live'] = pair.split(':')
      void loadPlayed(id, number === 'live' ? undefined : Number(number)).then(
        (p) => current && setPlayed((old) => new Map(old).set(id, p)),
      )
    }
    return () => {
      current = false
    }
  }, [key])
  return played
}

const NO_CHOICE: ReadonlyMap<string, number> = new Map()

/** What a zone says of itself: what it plays, or why it shows nothing of its own. */
function zoneLabel(zone: Zone, played: Played | undefined): string {
  const name = shownName(zone.name)
  if (zone.playlistId === null) return tr(zone.id === 'main' ? 'zone.default' : 'zone.none', { zone: name })
  if (!played) return tr('zone.loading', { zone: name })
  switch (played.state) {
    case 'playing':
      return played.items.length > 0
        ? tr('zone.plays', { zone: name, playlist: shownName(played.name) })
        : tr('zone.empty', { zone: name, playlist: shownName(played.name) })
    case 'off-air':
      return tr('zone.off-air', { zone: name, playlist: shownName(played.name) })
    case 'missing':
      return tr('zone.missing', { zone: name })
    default:
      return name // the server's refusal is shown above the previews
  }
}

/**
 * One zone placed as the player places it (whole pixels on the panel, scaled down with it),
 * showing its playlist's first item drawn by the player's renderers, or an outline saying why
 * it has nothing of its own.
 */
function ZoneBox({
  zone,
  size,
  scale,
  played,
  media,
}: {
  zone: Zone
  size: PreviewSize
  scale: number
  played: Played | undefined
  media: ReturnType<typeof useMediaMap>
}) {
  const box = zonePixels(zone, size.width, size.height)
  const first = played?.state === 'playing' ? played.items[0] : undefined
  const label = zoneLabel(zone, played)
  return (
    <div
      class={first ? 'approvals-zone' : 'approvals-zone approvals-zone-empty'}
      data-zone={zone.id}
      style={{
        left: `${box.left * scale}px`,
        top: `${box.top * scale}px`,
        width: `${box.width * scale}px`,
        height: `${box.height * scale}px`,
      }}
    >
      {first && (
        <ItemFrame
          item={documentItemOf(first, media)}
          width={box.width}
          height={box.height}
          timeZone={size.timeZone}
          scale={scale}
          title={tr('zone.frame-title', { label, width: box.width, height: box.height })}
        />
      )}
      <span class="approvals-zone-label">{label}</span>
    </div>
  )
}

/** The layout on a panel of one size: every zone where the player puts it. */
function LayoutShape({
  zones,
  size,
  played,
  media,
}: {
  zones: readonly Zone[]
  size: PreviewSize
  played: ReadonlyMap<string, Played>
  media: ReturnType<typeof useMediaMap>
}) {
  const fit = useRef<HTMLDivElement>(null)
  const scale = useFitScale(fit, size.width, size.height)
  return (
    <div ref={fit} class="pl-preview-fit">
      <div
        class="pl-preview-screen approvals-layout-screen"
        style={{ width: `${size.width * scale}px`, height: `${size.height * scale}px` }}
      >
        {scale > 0 &&
          zones.map((z) => (
            <ZoneBox
              key={z.id}
              zone={z}
              size={size}
              scale={scale}
              played={z.playlistId === null ? undefined : played.get(z.playlistId)}
              media={media}
            />
          ))}
      </div>
    </div>
  )
}

/**
 * A layout no screen uses yet, at each planned panel shape: its zones as the player places them,
 * each with the first item of the playlist it plays (the version on air) or a labelled outline.
 */
export function LayoutShapes({ body, sizes }: { body: unknown; sizes: readonly PreviewSize[] }) {
  const zones = zonesOf(body)
  const played = usePlayed(
    zones.flatMap((z) => z.playlistId ?? []),
    NO_CHOICE,
  )
  const firsts = [...played.values()].flatMap((p) => (p.state === 'playing' ? p.items.slice(0, 1) : []))
  const media = useMediaMap(firsts.flatMap((i) => mediaIdIn(i) ?? []))
  const failed = [...played.values()].find((p) => p.state === 'error')
  return (
    <>
      <p>{tr('previews.layout-shapes')}</p>
      {failed?.state === 'error' && <ErrorMessage error={failed.error} />}
      <ul class="approvals-previews">
        {sizes.map((s) => (
          <li key={s.id} data-size={s.id}>
            <p class="approvals-previews-size">{sizeCaption(s)}</p>
            <LayoutShape zones={zones} size={s} played={played} media={media} />
          </li>
        ))}
      </ul>
    </>
  )
}

/**
 * A schedule entry whose target holds no screen, at each planned panel shape: the items of the
 * playlist it plays (the waiting version that goes with it, else the one on air).
 */
export function ScheduleShapes({
  body,
  reach,
  sizes,
}: {
  body: unknown
  reach: Reach
  sizes: readonly PreviewSize[]
}) {
  const raw = body !== null && typeof body === 'object' ? (body as { playlistId?: unknown }).playlistId : null
  const playlistId = typeof raw === 'string' ? raw : null
  const companion = reach.companions.find((c) => c.objectType === 'playlist' && c.objectId === playlistId)
  const chosen = playlistId && companion ? new Map([[playlistId, companion.number]]) : NO_CHOICE
  const played = usePlayed(playlistId ? [playlistId] : [], chosen).get(playlistId ?? '')
  if (!playlistId) return null
  if (!played) return <p class="loading">{tc('loading')}</p>
  switch (played.state) {
    case 'playing':
      return (
        <>
          <p>{tr('previews.schedule-shapes', { playlist: shownName(played.name) })}</p>
          <PlaylistPreviews body={{ items: played.items }} sizes={sizes} />
        </>
      )
    case 'off-air':
      return <p class="empty">{tr('previews.schedule-off-air', { playlist: shownName(played.name) })}</p>
    case 'missing':
      return <p class="empty">{tr('previews.schedule-missing')}</p>
    default:
      return <ErrorMessage error={played.error} />
  }
}

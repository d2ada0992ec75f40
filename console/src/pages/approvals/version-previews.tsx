import { previewAddress } from '@playlists/preview-protocol'
import type { ApprovableType } from '@playlists/schemas/approval'
import type { Reach } from '@playlists/schemas/reach'
import type { Screen } from '@playlists/schemas/screen'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useRef } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { useResource } from '../../use-resource'
import { previewSizes } from '../playlists/screen-sizes'
import { PreviewFrame } from '../preview/preview-frame'
import { LayoutShapes, ScheduleShapes } from './planned-previews'
import { PlaylistPreviews, type SizeGroup, sizeCaption } from './playlist-previews'
import { tr } from './reach-messages'

/**
 * The sizes to preview at: those of the screens the version reaches, else those its waiting
 * companion would reach with it, else (nothing shows it yet) every panel shape of the programme.
 */
function sizesFor(reach: Reach, all: readonly Screen[]): { sizes: SizeGroup[]; planned: boolean } {
  const byId = new Map(all.map((s) => [s.id, s]))
  const ids =
    reach.screens.length > 0 ? reach.screens.map((s) => s.id) : reach.companions.flatMap((c) => c.screens)
  const screens = [...new Set(ids)].flatMap((id) => byId.get(id) ?? [])
  if (screens.length === 0) {
    return { sizes: previewSizes(undefined, undefined).map((s) => ({ ...s, screenIds: [] })), planned: true }
  }
  const groups = new Map<string, SizeGroup>()
  for (const s of screens) {
    const key = `${s.width}x${s.height}`
    const group = groups.get(key)
    if (group) {
      group.screens.push(shownName(s.name))
      group.screenIds.push(s.id)
    } else
      groups.set(key, {
        id: key,
        width: s.width,
        height: s.height,
        timeZone: s.timeZone ?? DEFAULT_TIME_ZONE,
        screens: [shownName(s.name)],
        screenIds: [s.id],
      })
  }
  return { sizes: [...groups.values()], planned: false }
}

/** A screen's own preview mode (layout, zones, schedule) with this version as if on air, scaled down. */
function ScreenFrame({ size, draft }: { size: SizeGroup; draft: string }) {
  const frame = useRef<HTMLIFrameElement>(null)
  const screenId = size.screenIds[0]!
  return (
    <PreviewFrame
      src={previewAddress({ screenId, atMs: null, running: true, draft })}
      width={size.width}
      height={size.height}
      name={size.screens[0] ?? screenId}
      frame={frame}
    />
  )
}

/**
 * The version as the screens it reaches will show it, at the size of each: a playlist item by
 * item at every size; a schedule entry or a layout in the screen's own preview mode, on one
 * screen of each size. With no screen yet, each is shown at every planned panel shape: a playlist
 * item by item, a layout zone by zone with what each zone plays, a schedule entry as its
 * playlist's items.
 */
export function VersionPreviews({
  type,
  id,
  number,
  body,
  reach,
}: {
  type: ApprovableType
  id: string
  number: number
  body: unknown
  reach: Reach
}) {
  const all = useResource(read('/api/screens'))
  // A feed's version is a source and its policy, a dataset's a table: no slides of their own to draw.
  if (type === 'feed' || type === 'dataset') return null
  if (all.error) return <ErrorMessage error={all.error} />
  if (!all.data) return <p class="loading">{tc('loading')}</p>
  const { sizes, planned } = sizesFor(reach, all.data)
  if (type === 'playlist') {
    return (
      <>
        <p>{tr(planned ? 'previews.shapes' : 'previews.screens')}</p>
        <PlaylistPreviews body={body} sizes={sizes} />
      </>
    )
  }
  // No screen to play it on (the reach says why): drawn at each planned panel shape instead.
  if (planned && type === 'layout') return <LayoutShapes body={body} sizes={sizes} />
  if (planned) return <ScheduleShapes body={body} reach={reach} sizes={sizes} />
  // A companion that brings the version to these screens is previewed with it.
  const draft = [
    `${type}:${id}:${number}`,
    ...reach.companions.map((c) => `${c.objectType}:${c.objectId}:${c.number}`),
  ]
  return (
    <>
      <p>{tr('previews.screens')}</p>
      <ul class="approvals-previews">
        {sizes.map((s) => (
          <li key={s.id} data-size={s.id}>
            <p class="approvals-previews-size">{sizeCaption(s)}</p>
            <ScreenFrame size={s} draft={draft.join(',')} />
          </li>
        ))}
      </ul>
    </>
  )
}

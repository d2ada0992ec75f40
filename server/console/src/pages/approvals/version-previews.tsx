import { useRef, useState } from 'preact/hooks'
import { previewAddress } from '../../../../../playlists/preview-protocol'
import type { ApprovableType } from '../../../../../playlists/schemas/approval'
import type { Reach } from '../../../../../playlists/schemas/reach'
import type { Screen } from '../../../../../playlists/schemas/screen'
import { DEFAULT_TIME_ZONE } from '../../../../../playlists/time/zone'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { useResource } from '../../use-resource'
import { ItemPreview } from '../playlists/item-preview'
import { type PreviewSize, previewSizes } from '../playlists/screen-sizes'
import { PreviewFrame } from '../preview/preview-frame'
import { t } from './change-messages'
import { entryTitle } from './diff-model'
import { tr } from './reach-messages'
import { documentItemOf, itemsOf, mediaIdIn, useMediaMap } from './version-items'

/** A panel size the version reaches, with the screens of that size (the first one is previewed on). */
interface SizeGroup extends PreviewSize {
  screenIds: string[]
}

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

const sizeCaption = (s: SizeGroup) =>
  s.screens.length > 0
    ? tr('previews.size-screens', { width: s.width, height: s.height, names: s.screens.join(', ') })
    : tr('previews.size', { width: s.width, height: s.height })

/**
 * A playlist version item by item, drawn by the player's own renderers at every size at once:
 * the approver steps through the items and sees each as each panel shows it.
 */
function PlaylistPreviews({ body, sizes }: { body: unknown; sizes: SizeGroup[] }) {
  const items = itemsOf(body)
  const media = useMediaMap(items.flatMap((i) => mediaIdIn(i) ?? []))
  const [index, setIndex] = useState(0)
  if (items.length === 0) return <p class="empty">{tr('previews.empty')}</p>
  const at = Math.min(index, items.length - 1)
  const item = items[at]!
  const drawn = documentItemOf(item, media)
  const label = [
    tr('previews.item', { position: at + 1, count: items.length }),
    t(`item-kind.${item.kind}`),
    entryTitle(item, language.value),
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <>
      <div class="toolbar approvals-previews-steps">
        <button type="button" name="previous-item" disabled={at === 0} onClick={() => setIndex(at - 1)}>
          {tr('previews.previous')}
        </button>
        <span aria-live="polite" class="approvals-previews-item">
          {label}
        </span>
        <button
          type="button"
          name="next-item"
          disabled={at === items.length - 1}
          onClick={() => setIndex(at + 1)}
        >
          {tr('previews.next')}
        </button>
      </div>
      <ul class="approvals-previews">
        {sizes.map((s) => (
          <li key={s.id} data-size={s.id}>
            <p class="approvals-previews-size">{sizeCaption(s)}</p>
            <ItemPreview item={drawn} size={s} label={label} waiting={drawn ? undefined : tc('loading')} />
          </li>
        ))}
      </ul>
    </>
  )
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
 * screen of each size. With no screen yet, a playlist is shown at each planned panel shape.
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
  const all = useResource<Screen[]>('/api/screens')
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
  if (planned) return null // no screen to play it on: the reach says why
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

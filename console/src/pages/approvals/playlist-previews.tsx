import { useState } from 'preact/hooks'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { ItemPreview } from '../playlists/item-preview'
import type { PreviewSize } from '../playlists/screen-sizes'
import { t } from './change-messages'
import { entryTitle } from './diff-model'
import { tr } from './reach-messages'
import { documentItemOf, itemsOf, mediaIdIn, useMediaMap } from './version-items'

/** A panel size the version reaches, with the screens of that size (the first one is previewed on). */
export interface SizeGroup extends PreviewSize {
  screenIds: string[]
}

export const sizeCaption = (s: PreviewSize) =>
  s.screens.length > 0
    ? tr('previews.size-screens', { width: s.width, height: s.height, names: s.screens.join(', ') })
    : tr('previews.size', { width: s.width, height: s.height })

/**
 * A playlist version item by item, drawn by the player's own renderers at every size at once:
 * the approver steps through the items and sees each as each panel shows it.
 */
export function PlaylistPreviews({ body, sizes }: { body: unknown; sizes: readonly PreviewSize[] }) {
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

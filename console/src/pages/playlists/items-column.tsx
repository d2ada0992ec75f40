import { PLAYLIST_ITEMS_MAX } from '@playlists/limits'
import { ITEM_KINDS, type ItemKind } from '@playlists/schemas/items'
import { useId } from 'preact/hooks'
import { formatDuration } from '../../i18n/i18n'
import { durationMsOf, type EditItem } from './draft'
import type { ErrorOf } from './field-error'
import { ItemList } from './item-list'
import { t } from './messages'

interface Props {
  items: readonly EditItem[]
  selectedKey: string | null
  editable: boolean
  errorOf: ErrorOf
  onSelect: (key: string) => void
  /** Image and video ask for a medium first (the media picker); the other kinds are added at once. */
  onAdd: (kind: ItemKind) => void
  onMove: (from: number, to: number) => void
  onRemove: (key: string) => void
  needsFixing: (key: string) => boolean
  onDuration: (key: string, text: string) => void
}

/** The playlist's items in order, their count and total length, and a button per kind to add one. */
export function ItemsColumn({ items, editable, onAdd, ...list }: Props) {
  const titleId = useId()
  const full = items.length >= PLAYLIST_ITEMS_MAX
  const total = items.reduce((sum, i) => sum + (durationMsOf(i) ?? 0), 0)
  return (
    <section class="card pl-items-col" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t('items.title')}{' '}
        <span class="muted">
          {t('items.summary', { count: items.length, duration: formatDuration(total) })}
        </span>
      </h2>
      {editable && (
        <fieldset class="pl-add">
          <legend class="visually-hidden">{t('add.label')}</legend>
          {ITEM_KINDS.map((kind) => (
            <button key={kind} type="button" name={`add-${kind}`} disabled={full} onClick={() => onAdd(kind)}>
              {t(`add.${kind}`)}
            </button>
          ))}
        </fieldset>
      )}
      {editable && full && <p class="muted">{t('add.full', { max: PLAYLIST_ITEMS_MAX })}</p>}
      <ItemList items={items} editable={editable} {...list} />
    </section>
  )
}

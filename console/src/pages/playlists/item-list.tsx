import { ITEM_DURATION_MS_MAX, ITEM_DURATION_MS_MIN } from '@playlists/limits'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import { type EditItem, itemField, missingLanguages } from './draft'
import { type ErrorOf, FieldError, invalid } from './field-error'
import { t as ti } from './item-messages'
import { useMedia } from './media-cache'
import { t } from './messages'

/** What a row says about its item: the Vietnamese title or line, the medium's name, the address. */
function Summary({ item }: { item: EditItem }) {
  const { media } = useMedia(item.kind === 'image' || item.kind === 'video' ? item.mediaId || null : null)
  switch (item.kind) {
    case 'image':
    case 'video':
      return <span class="pl-summary">{media?.name ?? (item.mediaId || ti('field.no-media'))}</span>
    case 'slide':
      return (
        <span class="pl-summary" lang="vi">
          {item.text.vi.title || t('list.untitled')}
        </span>
      )
    case 'ticker':
      return (
        <span class="pl-summary" lang="vi">
          {item.text.vi || t('list.untitled')}
        </span>
      )
    case 'web':
      return (
        <span class="pl-summary" lang="en">
          {item.url}
        </span>
      )
    case 'clock':
      return <span class="pl-summary">{t(item.showSeconds ? 'list.clock-seconds' : 'list.clock')}</span>
    case 'feed':
      return <span class="pl-summary">{t('list.feed', { source: item.sourceId, count: item.count })}</span>
    case 'dataset':
      return (
        <span class="pl-summary">
          {t('list.dataset', { dataset: item.datasetId, rows: item.rowsPerPage })}
        </span>
      )
  }
}

/**
 * The playlist's items in playing order. Reordering works by dragging a row's handle (HTML5
 * drag and drop) and, for keyboards and screen readers, by each row's move up / move down
 * buttons, which keep the focus on the moved item and announce its new place.
 */
export function ItemList({
  items,
  selectedKey,
  editable,
  errorOf,
  onSelect,
  onMove,
  onRemove,
  onDuration,
  needsFixing,
}: {
  items: readonly EditItem[]
  selectedKey: string | null
  editable: boolean
  errorOf: ErrorOf
  onSelect: (key: string) => void
  onMove: (from: number, to: number) => void
  onRemove: (key: string) => void
  onDuration: (key: string, text: string) => void
  /** The item has a refused setting, shown when it is selected. */
  needsFixing: (key: string) => boolean
}) {
  const list = useRef<HTMLOListElement>(null)
  const [dragKey, setDragKey] = useState<string | null>(null)
  const [dropAt, setDropAt] = useState<{ key: string; after: boolean } | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const focusAfter = useRef<{ key: string; which: 'up' | 'down' } | null>(null)

  // Before paint: the pressed button may have just become disabled (top or bottom reached), and
  // the focus must not fall to the page in between.
  useLayoutEffect(() => {
    const wanted = focusAfter.current
    if (!wanted || !list.current) return
    focusAfter.current = null
    const row = list.current.querySelector<HTMLElement>(`[data-key="${wanted.key}"]`)
    const button =
      row?.querySelector<HTMLButtonElement>(`.pl-move-${wanted.which}:not(:disabled)`) ??
      row?.querySelector<HTMLButtonElement>('.pl-move-up:not(:disabled), .pl-move-down:not(:disabled)')
    button?.focus()
  })

  const moved = (from: number, to: number, which?: 'up' | 'down') => {
    const item = items[from]
    if (!item || to < 0 || to >= items.length || from === to) return
    if (which) focusAfter.current = { key: item.key, which }
    onMove(from, to)
    setAnnouncement(t('list.moved', { position: to + 1, count: items.length }))
  }

  const endDrag = () => {
    setDragKey(null)
    setDropAt(null)
  }

  if (items.length === 0) return <p class="empty">{t('list.no-items')}</p>

  return (
    <>
      <ol ref={list} class="pl-items" aria-label={t('list.label')}>
        {items.map((item, index) => {
          const selected = item.key === selectedKey
          const duration = itemField(item.key, 'durationMs')
          const missing = missingLanguages(item).filter((m) => m.part === 'all')
          const drop = dropAt?.key === item.key ? (dropAt.after ? ' drop-after' : ' drop-before') : ''
          return (
            <li
              key={item.key}
              data-key={item.key}
              class={`pl-item${selected ? ' selected' : ''}${dragKey === item.key ? ' dragging' : ''}${drop}`}
              onDragOver={(e) => {
                if (!dragKey || !e.dataTransfer) return
                e.preventDefault()
                e.dataTransfer.dropEffect = 'move'
                const box = e.currentTarget.getBoundingClientRect()
                const after = e.clientY > box.top + box.height / 2
                if (dropAt?.key !== item.key || dropAt.after !== after) setDropAt({ key: item.key, after })
              }}
              onDrop={(e) => {
                e.preventDefault()
                const from = items.findIndex(
                  (i) => i.key === (dragKey ?? e.dataTransfer?.getData('text/plain')),
                )
                const box = e.currentTarget.getBoundingClientRect()
                const target = index + (e.clientY > box.top + box.height / 2 ? 1 : 0)
                endDrag()
                if (from >= 0) moved(from, from < target ? target - 1 : target)
              }}
            >
              {editable && (
                <span
                  class="pl-handle"
                  draggable
                  title={t('list.drag')}
                  aria-hidden="true"
                  onDragStart={(e) => {
                    if (!e.dataTransfer) return
                    e.dataTransfer.effectAllowed = 'move'
                    e.dataTransfer.setData('text/plain', item.key)
                    const row = e.currentTarget.closest('li')
                    if (row) e.dataTransfer.setDragImage(row, 12, 12)
                    setDragKey(item.key)
                  }}
                  onDragEnd={endDrag}
                >
                  ⠿
                </span>
              )}
              <span class="pl-position">{index + 1}</span>
              <button
                type="button"
                class="pl-pick"
                aria-pressed={selected}
                onClick={() => onSelect(item.key)}
                aria-label={t('list.select', { position: index + 1, kind: t(`kind.${item.kind}`) })}
              >
                <span class="badge">{t(`kind.${item.kind}`)}</span> <Summary item={item} />
              </button>
              {needsFixing(item.key) && <span class="badge danger">{t('list.needs-fixing')}</span>}
              {missing.length > 0 && (
                <span class="badge warn">
                  {t('list.missing', { languages: missing.map((m) => m.lang).join(', ') })}
                </span>
              )}
              <label class="pl-duration">
                <span class="visually-hidden">{t('list.duration', { position: index + 1 })}</span>
                <input
                  type="number"
                  name={`duration-${index + 1}`}
                  inputMode="decimal"
                  min={ITEM_DURATION_MS_MIN / 1000}
                  max={ITEM_DURATION_MS_MAX / 1000}
                  step="any"
                  value={item.durationText}
                  disabled={!editable}
                  onInput={(e) => onDuration(item.key, e.currentTarget.value)}
                  {...invalid(duration, errorOf)}
                />
                <span aria-hidden="true">{t('unit.seconds')}</span>
              </label>
              {editable && (
                <span class="pl-row-actions">
                  <button
                    type="button"
                    class="pl-move-up"
                    disabled={index === 0}
                    aria-label={t('list.move-up', { position: index + 1 })}
                    title={t('list.move-up', { position: index + 1 })}
                    onClick={() => moved(index, index - 1, 'up')}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="pl-move-down"
                    disabled={index === items.length - 1}
                    aria-label={t('list.move-down', { position: index + 1 })}
                    title={t('list.move-down', { position: index + 1 })}
                    onClick={() => moved(index, index + 1, 'down')}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="danger pl-remove"
                    aria-label={t('list.remove', { position: index + 1 })}
                    title={t('list.remove', { position: index + 1 })}
                    onClick={() => {
                      onRemove(item.key)
                      setAnnouncement(t('list.removed', { position: index + 1 }))
                    }}
                  >
                    ×
                  </button>
                </span>
              )}
              <FieldError field={duration} errorOf={errorOf} />
              <FieldError field={itemField(item.key, 'item')} errorOf={errorOf} />
            </li>
          )
        })}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  )
}

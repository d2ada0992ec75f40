import { FEED_ON_AIR_MAX, type OnAirEntry } from '@playlists/schemas/feed'
import { FEED_ORDERS, FEED_STYLES } from '@playlists/schemas/items'
import { read } from '../../api'
import { Field } from '../../components/form/field'
import { useResource } from '../../use-resource'
import { type EditItemOf, itemField } from './draft'
import { checkOf, type ErrorOf } from './field-error'
import { t } from './item-messages'
import { SpeedField } from './speed-field'

const COUNTS = Array.from({ length: FEED_ON_AIR_MAX }, (_, i) => String(i + 1))

/** A list to choose one of `values` from, each labelled by `label`. */
export function Choice<V extends string>(props: {
  label: string
  name: string
  value: V
  values: readonly V[]
  text: (value: V) => string
  onChange: (value: V) => void
  class?: string
}) {
  return (
    <Field label={props.label} class={props.class}>
      {(control) => (
        <select
          {...control}
          name={props.name}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value as V)}
        >
          {props.values.map((v) => (
            <option key={v} value={v}>
              {props.text(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** A feed item's settings: the source, the style, how many entries, the order of languages, a ticker's speed. */
export function FeedFields({
  item,
  onChange,
  errorOf,
}: {
  item: EditItemOf<'feed'>
  onChange: (item: EditItemOf<'feed'>) => void
  errorOf: ErrorOf
}) {
  const sources = useResource(read('/api/feeds'))
  const list = sources.data ?? []
  // A source kept by the draft but no longer listed still shows, by its id.
  const ids = ['', ...(item.sourceId && !list.some((s) => s.id === item.sourceId) ? [item.sourceId] : [])]
  const names = new Map(list.map((s) => [s.id, s.name]))
  return (
    <div class="form">
      <Field
        label={t('field.feed-source')}
        {...checkOf(errorOf)(itemField(item.key, 'sourceId'))}
        hint={sources.data && list.length === 0 ? t('field.feed-none') : t('field.feed-hint')}
      >
        {(control) => (
          <select
            {...control}
            name="feed-source"
            value={item.sourceId}
            onChange={(e) => onChange({ ...item, sourceId: e.currentTarget.value })}
          >
            {[...ids, ...list.map((s) => s.id)].map((id) => (
              <option key={id} value={id}>
                {id === '' ? t('field.feed-pick') : (names.get(id) ?? id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="pl-row">
        <Choice
          label={t('field.feed-style')}
          name="feed-style"
          value={item.style}
          values={FEED_STYLES}
          text={(s) => t(`feed-style.${s}`)}
          onChange={(style) => onChange({ ...item, style })}
        />
        <Choice
          label={t('field.feed-count')}
          name="feed-count"
          class="pl-short"
          value={String(item.count)}
          values={COUNTS}
          text={(n) => n}
          onChange={(n) => onChange({ ...item, count: Number(n) })}
        />
        <Choice
          label={t('field.feed-order')}
          name="feed-order"
          value={item.languages}
          values={FEED_ORDERS}
          text={(o) => t(`feed-order.${o}`)}
          onChange={(languages) => onChange({ ...item, languages })}
        />
      </div>
      {item.style === 'ticker' && (
        <SpeedField item={item} errorOf={errorOf} onChange={(speed) => onChange({ ...item, speed })} />
      )}
    </div>
  )
}

/** What the source's approved policy lets on air now (for the editor's preview); none before a source is chosen. */
export function useOnAir(sourceId: string | null): readonly OnAirEntry[] | undefined {
  return useResource(sourceId ? read('/api/feeds/:id/on-air', { params: { id: sourceId } }) : null).data
}

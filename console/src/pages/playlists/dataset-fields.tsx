import type { DatasetOnAir } from '@playlists/schemas/dataset'
import { DATASET_ROWS_PER_PAGE_MAX, DATASET_STYLES } from '@playlists/schemas/items'
import { read } from '../../api'
import { Field } from '../../components/form/field'
import { language } from '../../i18n/i18n'
import { useResource } from '../../use-resource'
import { type EditItemOf, itemField } from './draft'
import { Choice } from './feed-fields'
import { checkOf, type ErrorOf } from './field-error'
import { t } from './item-messages'

const ROWS = Array.from({ length: DATASET_ROWS_PER_PAGE_MAX }, (_, i) => String(i + 1))

/**
 * A dataset item's settings: the dataset, the style (table or board), the rows on a page and the
 * columns shown (the dataset's own, ticked; none ticked shows them all, in the dataset's order).
 */
export function DatasetFields({
  item,
  onChange,
  errorOf,
}: {
  item: EditItemOf<'dataset'>
  onChange: (item: EditItemOf<'dataset'>) => void
  errorOf: ErrorOf
}) {
  const datasets = useResource(read('/api/datasets'))
  const list = datasets.data ?? []
  const chosen = list.find((d) => d.id === item.datasetId)
  // A dataset kept by the draft but no longer listed still shows, by its id.
  const ids = ['', ...(item.datasetId && !chosen ? [item.datasetId] : [])]
  const lang = language.value
  const toggle = (column: string, on: boolean) => {
    const order = chosen?.columns.map((c) => c.id) ?? item.columns
    const picked = new Set(item.columns)
    if (on) picked.add(column)
    else picked.delete(column)
    onChange({ ...item, columns: order.filter((c) => picked.has(c)) })
  }
  return (
    <div class="form">
      <Field
        label={t('field.dataset')}
        {...checkOf(errorOf)(itemField(item.key, 'datasetId'))}
        hint={datasets.data && list.length === 0 ? t('field.dataset-none') : t('field.dataset-hint')}
      >
        {(control) => (
          <select
            {...control}
            name="dataset"
            value={item.datasetId}
            onChange={(e) => onChange({ ...item, datasetId: e.currentTarget.value, columns: [] })}
          >
            {[...ids, ...list.map((d) => d.id)].map((id) => (
              <option key={id} value={id}>
                {id === '' ? t('field.dataset-pick') : (list.find((d) => d.id === id)?.name ?? id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="pl-row">
        <Choice
          label={t('field.dataset-style')}
          name="dataset-style"
          value={item.style}
          values={DATASET_STYLES}
          text={(s) => t(`dataset-style.${s}`)}
          onChange={(style) => onChange({ ...item, style })}
        />
        <Choice
          label={t('field.dataset-rows')}
          name="dataset-rows"
          class="pl-short"
          value={String(item.rowsPerPage)}
          values={ROWS}
          text={(n) => n}
          onChange={(n) => onChange({ ...item, rowsPerPage: Number(n) })}
        />
      </div>
      {chosen && (
        <fieldset class="pl-columns">
          <legend>{t('field.dataset-columns')}</legend>
          <p class="hint">{t('field.dataset-columns-hint')}</p>
          {chosen.columns.map((c) => (
            <label key={c.id} class="check">
              <input
                type="checkbox"
                name={`dataset-column-${c.id}`}
                checked={item.columns.includes(c.id)}
                onChange={(e) => toggle(c.id, e.currentTarget.checked)}
              />
              {c.label[lang]}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  )
}

/** The dataset's version on air (for the editor's preview); none before a dataset is chosen. */
export function useDatasetOnAir(datasetId: string | null): DatasetOnAir | undefined {
  return useResource(datasetId ? read('/api/datasets/:id/on-air', { params: { id: datasetId } }) : null).data
}

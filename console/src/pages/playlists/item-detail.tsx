import type { LegibilityReport } from '@playlists/schemas/legibility'
import { useId } from 'preact/hooks'
import { Field } from '../../components/form/field'
import { tc } from '../../i18n/common'
import type { Resource } from '../../use-resource'
import { useDatasetOnAir } from './dataset-fields'
import type { EditItem } from './draft'
import { useOnAir } from './feed-fields'
import type { ErrorOf } from './field-error'
import { ItemFields } from './item-fields'
import { t } from './item-messages'
import { ItemPreview } from './item-preview'
import { LegibilityPanel } from './legibility-panel'
import { useMedia } from './media-cache'
import { t as tp } from './messages'
import { documentItem } from './preview-item'
import type { PreviewSize } from './screen-sizes'

/** The selected item: its live preview on a chosen panel size, and its settings. */
export function ItemDetail({
  item,
  position,
  sizes,
  sizeId,
  onSize,
  onChange,
  errorOf,
  webOrigins,
  editable,
  legibility,
}: {
  item: EditItem
  position: number
  sizes: PreviewSize[]
  sizeId: string
  onSize: (id: string) => void
  onChange: (item: EditItem) => void
  errorOf: ErrorOf
  webOrigins: readonly string[] | null
  editable: boolean
  /** The shapes the playlist reaches, with their physical facts, for the slide's legibility check. */
  legibility: Resource<LegibilityReport>
}) {
  const id = useId()
  const mediaId = 'mediaId' in item ? item.mediaId || null : null
  const { media, error } = useMedia(mediaId)
  const onAir = useOnAir(item.kind === 'feed' && item.sourceId ? item.sourceId : null)
  const dataset = useDatasetOnAir(item.kind === 'dataset' && item.datasetId ? item.datasetId : null)
  const size = sizes.find((s) => s.id === sizeId) ?? sizes[0]!
  const kind = tp(`kind.${item.kind}`)
  const waiting =
    (item.kind === 'image' || item.kind === 'video') && !item.mediaId
      ? t('preview.choose-media')
      : mediaId && error
        ? t('preview.media-missing')
        : mediaId && !media
          ? tc('loading')
          : undefined
  return (
    <section class="card pl-detail" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('detail.title', { position, kind })}</h2>
      <div class="pl-preview-bar">
        <Field label={t('preview.size')}>
          {(control) => (
            <select
              {...control}
              name="preview-size"
              value={size.id}
              onChange={(e) => onSize(e.currentTarget.value)}
            >
              {sizes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.screens.length > 0
                    ? t('preview.size-screens', {
                        width: s.width,
                        height: s.height,
                        screens: s.screens.join(', '),
                      })
                    : t('preview.size-planned', { width: s.width, height: s.height })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ItemPreview
        item={documentItem(item, media, onAir, dataset)}
        size={size}
        label={t('detail.title', { position, kind })}
        waiting={waiting}
      />
      {item.kind === 'slide' && (
        <LegibilityPanel item={item} report={legibility.data} error={legibility.error} />
      )}
      <fieldset class="pl-settings" disabled={!editable}>
        <legend class="visually-hidden">{t('detail.settings')}</legend>
        <ItemFields item={item} onChange={onChange} errorOf={errorOf} webOrigins={webOrigins} />
      </fieldset>
    </section>
  )
}

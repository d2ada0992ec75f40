import { WEB_URL_CHARS_MAX } from '@playlists/limits'
import { FIT_MODES, type Fit, SLIDE_DISPLAYS, type SlideDisplay } from '@playlists/schemas/items'
import type { MediaKind } from '@playlists/schemas/media'
import { useState } from 'preact/hooks'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { UrlField } from '../../components/form/text-field'
import { ClockFields } from './clock-fields'
import { DatasetFields } from './dataset-fields'
import { type EditItem, itemField } from './draft'
import { FeedFields } from './feed-fields'
import { checkOf, type ErrorOf, FieldError } from './field-error'
import { t } from './item-messages'
import { useMedia } from './media-cache'
import { MediaPicker } from './media-picker'
import { SpeedField } from './speed-field'
import { SlideTexts, TickerTexts } from './trilingual-fields'

/** The settings of the selected item, by kind; every change goes up whole (`onChange`). */
export function ItemFields({
  item,
  onChange,
  errorOf,
  webOrigins,
}: {
  item: EditItem
  onChange: (item: EditItem) => void
  errorOf: ErrorOf
  webOrigins: readonly string[] | null
}) {
  switch (item.kind) {
    case 'image':
    case 'video':
      return (
        <div class="form">
          <MediaField
            kind={item.kind}
            mediaId={item.mediaId}
            field={itemField(item.key, 'mediaId')}
            errorOf={errorOf}
            onPick={(mediaId) => onChange({ ...item, mediaId: mediaId ?? item.mediaId })}
          />
          <FitField value={item.fit} onChange={(fit) => onChange({ ...item, fit })} />
          {item.kind === 'video' && (
            <label class="pl-check">
              <input
                type="checkbox"
                name="sound"
                checked={item.sound}
                onChange={(e) => onChange({ ...item, sound: e.currentTarget.checked })}
              />
              {t('field.sound')}
            </label>
          )}
        </div>
      )
    case 'slide':
      return (
        <div class="form">
          <div class="pl-row">
            <Field label={t('field.display')}>
              {(control) => (
                <select
                  {...control}
                  name="display"
                  value={item.display}
                  onChange={(e) => onChange({ ...item, display: e.currentTarget.value as SlideDisplay })}
                >
                  {SLIDE_DISPLAYS.map((d) => (
                    <option key={d} value={d}>
                      {t(`display.${d}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <MediaField
              kind="image"
              optional
              mediaId={item.mediaId}
              field={itemField(item.key, 'mediaId')}
              errorOf={errorOf}
              onPick={(mediaId) => onChange({ ...item, mediaId })}
            />
          </div>
          <SlideTexts item={item} errorOf={errorOf} onChange={(text) => onChange({ ...item, text })} />
        </div>
      )
    case 'web': {
      const field = itemField(item.key, 'url')
      return (
        <div class="form">
          <UrlField
            label={t('field.url')}
            name="url"
            lang="en"
            maxLength={WEB_URL_CHARS_MAX}
            value={item.url}
            onValue={(url) => onChange({ ...item, url })}
            hint={
              webOrigins === null
                ? t('field.url-hint')
                : webOrigins.length === 0
                  ? t('field.url-none-allowed')
                  : t('field.url-allowed', { origins: webOrigins.join(', ') })
            }
            {...checkOf(errorOf)(field)}
          />
        </div>
      )
    }
    case 'ticker':
      return (
        <div class="form">
          <SpeedField item={item} errorOf={errorOf} onChange={(speed) => onChange({ ...item, speed })} />
          <TickerTexts item={item} errorOf={errorOf} onChange={(text) => onChange({ ...item, text })} />
        </div>
      )
    case 'clock':
      return <ClockFields item={item} onChange={onChange} errorOf={errorOf} />
    case 'feed':
      return <FeedFields item={item} onChange={onChange} errorOf={errorOf} />
    case 'dataset':
      return <DatasetFields item={item} onChange={onChange} errorOf={errorOf} />
  }
}

function FitField({ value, onChange }: { value: Fit; onChange: (fit: Fit) => void }) {
  return (
    <Field label={t('field.fit')} class="pl-short">
      {(control) => (
        <select
          {...control}
          name="fit"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value as Fit)}
        >
          {FIT_MODES.map((f) => (
            <option key={f} value={f}>
              {t(`fit.${f}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** The medium an item shows: its thumbnail and name, and the picker to choose another. */
export function MediaField({
  kind,
  mediaId,
  optional,
  field,
  errorOf,
  onPick,
}: {
  kind: MediaKind
  mediaId: string | null
  optional?: boolean
  field: string
  errorOf: ErrorOf
  onPick: (mediaId: string | null) => void
}) {
  const [picking, setPicking] = useState(false)
  const { media, error } = useMedia(mediaId)
  return (
    <div class="field pl-media-field">
      <span>{t(optional ? 'field.slide-image' : kind === 'image' ? 'field.image' : 'field.video')}</span>
      <div class="pl-media-current">
        {media?.thumbnailUrl && <img src={media.thumbnailUrl} alt="" />}
        <span>{mediaId ? (media?.name ?? mediaId) : t('field.no-media')}</span>
        <button type="button" onClick={() => setPicking(true)}>
          {mediaId ? t('field.change-media') : t('field.choose-media')}
        </button>
        {optional && mediaId && (
          <button type="button" onClick={() => onPick(null)}>
            {t('field.remove-image')}
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      <FieldError field={field} errorOf={errorOf} />
      <MediaPicker
        kind={kind}
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(m) => {
          setPicking(false)
          onPick(m.id)
        }}
      />
    </div>
  )
}

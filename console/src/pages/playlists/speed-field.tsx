import { TICKER_SPEED_MAX, TICKER_SPEED_MIN } from '@playlists/limits'
import { Field } from '../../components/form/field'
import { itemField } from './draft'
import { checkOf, type ErrorOf } from './field-error'
import { t } from './item-messages'

/** A scrolling speed in screen pixels a second, as typed (a ticker's, a feed ticker's). */
export function SpeedField({
  item,
  errorOf,
  onChange,
}: {
  item: { key: string; speed: string }
  errorOf: ErrorOf
  onChange: (speed: string) => void
}) {
  return (
    <Field
      label={t('field.speed', { min: TICKER_SPEED_MIN, max: TICKER_SPEED_MAX })}
      class="pl-short"
      {...checkOf(errorOf)(itemField(item.key, 'speed'))}
    >
      {(control) => (
        <input
          {...control}
          type="number"
          name="speed"
          min={TICKER_SPEED_MIN}
          max={TICKER_SPEED_MAX}
          step={10}
          value={item.speed}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  )
}

import { LANG_TAG } from '@player/trilingual'
import { LANGUAGES } from '@playlists/schemas/common'
import { Field } from '../../components/form/field'
import { type EditItemOf, itemField } from './draft'
import { checkOf, type ErrorOf } from './field-error'
import { t } from './item-messages'

/** A clock's settings: seconds, the lunar date, and a second time zone with its label in three languages. */
export function ClockFields({
  item,
  onChange,
  errorOf,
}: {
  item: EditItemOf<'clock'>
  onChange: (item: EditItemOf<'clock'>) => void
  errorOf: ErrorOf
}) {
  const check = checkOf(errorOf)
  const box = (name: string, key: 'showSeconds' | 'lunarDate' | 'zoneOn', label: string) => (
    <label class="pl-check">
      <input
        type="checkbox"
        name={name}
        checked={item[key]}
        onChange={(e) => onChange({ ...item, [key]: e.currentTarget.checked })}
      />
      {label}
    </label>
  )
  return (
    <div class="form">
      {box('show-seconds', 'showSeconds', t('field.show-seconds'))}
      {box('lunar-date', 'lunarDate', t('field.lunar-date'))}
      {box('second-zone', 'zoneOn', t('field.second-zone'))}
      {item.zoneOn && (
        <>
          <Field label={t('field.zone-name')} {...check(itemField(item.key, 'secondZone.timeZone'))}>
            {(control) => (
              <input
                {...control}
                name="zone-name"
                value={item.zoneName}
                onInput={(e) => onChange({ ...item, zoneName: e.currentTarget.value })}
              />
            )}
          </Field>
          {LANGUAGES.map((lang) => (
            <Field
              key={lang}
              label={t('field.zone-label', { language: t(`lang-in.${lang}`) })}
              {...check(itemField(item.key, `secondZone.label.${lang}`))}
            >
              {(control) => (
                <input
                  {...control}
                  name={`zone-label-${lang}`}
                  lang={LANG_TAG[lang]}
                  value={item.zoneLabel[lang]}
                  onInput={(e) =>
                    onChange({ ...item, zoneLabel: { ...item.zoneLabel, [lang]: e.currentTarget.value } })
                  }
                />
              )}
            </Field>
          ))}
        </>
      )}
      <p class="muted">{t('field.clock-hint')}</p>
    </div>
  )
}

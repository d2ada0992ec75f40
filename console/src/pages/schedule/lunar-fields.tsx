import { Field, type FieldCheck } from '../../components/form/field'
import { t } from './messages'
import type { Fields } from './rule-fields'

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

interface Props {
  f: Fields
  set: <K extends keyof Fields>(key: K, value: Fields[K]) => void
  check: (...fields: string[]) => FieldCheck
}

/** The lunar dates an entry plays on: one lunar month or every month, and the days in it. */
export function LunarFields({ f, set, check }: Props) {
  return (
    <div class="sched-form-row">
      <Field label={t('form.lunar-month')} {...check('lunar.month', 'lunar')}>
        {(control) => (
          <select
            {...control}
            name="lunarMonth"
            value={f.lunarMonth}
            onChange={(e) => set('lunarMonth', e.currentTarget.value)}
          >
            <option value="">{t('form.lunar-every-month')}</option>
            {MONTHS.map((m) => (
              <option key={m} value={String(m)}>
                {t('form.lunar-month-n', { month: m })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('form.lunar-days')} {...check('lunar.days')} hint={t('form.lunar-days-hint')}>
        {(control) => (
          <input
            {...control}
            name="lunarDays"
            inputMode="numeric"
            value={f.lunarDays}
            onInput={(e) => set('lunarDays', e.currentTarget.value)}
          />
        )}
      </Field>
    </div>
  )
}

import { Field, type FieldCheck } from '../../components/form/field'
import { LunarFields } from './lunar-fields'
import { t } from './messages'
import type { Fields } from './rule-fields'
import { weekdayName } from './rule-text'

const WEEK = [1, 2, 3, 4, 5, 6, 7]

interface Props {
  f: Fields
  set: <K extends keyof Fields>(key: K, value: Fields[K]) => void
  /** A Field's error and state for these schedule fields, from the form's checks and the server's refusal. */
  check: (...fields: string[]) => FieldCheck
}

/** When a schedule entry plays: weekdays or lunar dates and a daily window, or a cron expression and a duration. */
export function RecurrenceFields({ f, set, check }: Props) {
  return (
    <fieldset class="sched-fieldset">
      <legend>{t('form.recurrence')}</legend>
      <div class="sched-form-row">
        <label class="sched-check">
          <input
            type="radio"
            name="mode"
            value="window"
            checked={f.mode === 'window'}
            onChange={() => set('mode', 'window')}
          />
          {t('form.mode-window')}
        </label>
        <label class="sched-check">
          <input
            type="radio"
            name="mode"
            value="lunar"
            checked={f.mode === 'lunar'}
            onChange={() => set('mode', 'lunar')}
          />
          {t('form.mode-lunar')}
        </label>
        <label class="sched-check">
          <input
            type="radio"
            name="mode"
            value="cron"
            checked={f.mode === 'cron'}
            onChange={() => set('mode', 'cron')}
          />
          {t('form.mode-cron')}
        </label>
      </div>
      {f.mode !== 'cron' ? (
        <>
          {f.mode === 'lunar' ? (
            <LunarFields f={f} set={set} check={check} />
          ) : (
            <fieldset class="sched-fieldset sched-days">
              <legend>{t('form.days')}</legend>
              {WEEK.map((d) => (
                <label key={d} class="sched-check">
                  <input
                    type="checkbox"
                    name="days"
                    value={d}
                    checked={f.days.includes(d)}
                    onChange={(e) =>
                      set('days', e.currentTarget.checked ? [...f.days, d] : f.days.filter((x) => x !== d))
                    }
                  />
                  {weekdayName(d)}
                </label>
              ))}
              <span class="muted">{t('form.days-hint')}</span>
            </fieldset>
          )}
          <div class="sched-form-row">
            <label class="sched-check">
              <input
                type="checkbox"
                name="allDay"
                checked={f.allDay}
                onChange={(e) => set('allDay', e.currentTarget.checked)}
              />
              {t('form.all-day')}
            </label>
            {!f.allDay && (
              <>
                <Field label={t('form.start')} {...check('window.start')}>
                  {(control) => (
                    <input
                      {...control}
                      type="time"
                      name="start"
                      value={f.start}
                      onInput={(e) => set('start', e.currentTarget.value)}
                    />
                  )}
                </Field>
                <Field label={t('form.end')} {...check('window.end')}>
                  {(control) => (
                    <input
                      {...control}
                      type="time"
                      name="end"
                      value={f.end}
                      onInput={(e) => set('end', e.currentTarget.value)}
                    />
                  )}
                </Field>
              </>
            )}
          </div>
          {!f.allDay && <p class="muted">{t('form.window-hint')}</p>}
        </>
      ) : (
        <div class="sched-form-row">
          <Field label={t('form.cron')} {...check('cron.expression', 'cron')} hint={t('form.cron-hint')}>
            {(control) => (
              <input
                {...control}
                name="cron"
                value={f.expression}
                onInput={(e) => set('expression', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('form.duration')} {...check('cron.durationMinutes')}>
            {(control) => (
              <input
                {...control}
                type="number"
                name="durationMinutes"
                min={1}
                max={1440}
                value={f.duration}
                onInput={(e) => set('duration', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      )}
    </fieldset>
  )
}

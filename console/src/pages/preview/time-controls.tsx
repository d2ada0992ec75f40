import { useId, useState } from 'preact/hooks'
import { Field } from '../../components/form/field'
import { formatDateTime } from '../../i18n/i18n'
import { instantFromInput, localInputValue, QUICK_PICKS, quickPick, toMinute } from './local-time'
import { t } from './messages'

/** The longest range the scrubber spans: a week holds every daypart, and its plays list stays readable. */
export const RANGE_DAYS_MAX = 7
const DAY = 86_400_000
const MINUTE = 60_000

export interface Range {
  from: number
  to: number
}

/**
 * Choosing the instant the preview shows, in the screen's time zone: a date-time field, quick picks,
 * and a slider over a range that moves the instant as it is dragged (keyboard: arrows by the minute).
 */
export function TimeControls({
  zone,
  atMs,
  running,
  range,
  onSeek,
  onRange,
}: {
  zone: string
  atMs: number
  running: boolean
  range: Range
  onSeek: (atMs: number, running: boolean) => void
  onRange: (range: Range) => void
}) {
  const [badAt, setBadAt] = useState(false)
  const [badRange, setBadRange] = useState(false)
  const rangeErrorId = useId()

  const setRange = (from: number | null, to: number | null) => {
    const ok = from !== null && to !== null && to > from && to - from <= RANGE_DAYS_MAX * DAY
    setBadRange(!ok)
    if (!ok) return
    onRange({ from, to })
    if (atMs < from || atMs > to) onSeek(from, running)
  }

  return (
    <div class="preview-time">
      <div class="toolbar">
        <Field label={t('at.when', { zone })} error={badAt ? t('at.invalid') : null}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              name="at"
              step={60}
              value={localInputValue(atMs, zone)}
              onChange={(e) => {
                const at = instantFromInput(e.currentTarget.value, zone)
                setBadAt(at === null)
                if (at !== null) onSeek(at, running)
              }}
            />
          )}
        </Field>
        <label class="preview-run">
          <input
            type="checkbox"
            name="run"
            checked={running}
            onChange={(e) => onSeek(atMs, e.currentTarget.checked)}
          />
          {t('at.run')}
        </label>
      </div>
      <fieldset class="preview-quick">
        <legend>{t('at.quick')}</legend>
        {QUICK_PICKS.map((pick) => (
          <button
            key={pick}
            type="button"
            data-pick={pick}
            onClick={() => onSeek(quickPick(pick, Date.now(), zone), running)}
          >
            {t(`quick.${pick}`)}
          </button>
        ))}
      </fieldset>
      <fieldset class="preview-range">
        <legend>{t('range.title')}</legend>
        <div class="toolbar">
          <Field label={t('range.from')} invalid={badRange} refusalId={rangeErrorId}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                name="from"
                step={60}
                value={localInputValue(range.from, zone)}
                onChange={(e) => setRange(instantFromInput(e.currentTarget.value, zone), range.to)}
              />
            )}
          </Field>
          <Field label={t('range.to')} invalid={badRange} refusalId={rangeErrorId}>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                name="to"
                step={60}
                value={localInputValue(range.to, zone)}
                onChange={(e) => setRange(range.from, instantFromInput(e.currentTarget.value, zone))}
              />
            )}
          </Field>
        </div>
        {/* One message for the two ends: either may be the one to move. */}
        {badRange && (
          <p class="field-error" role="alert" id={rangeErrorId}>
            {t('range.invalid', { days: RANGE_DAYS_MAX })}
          </p>
        )}
        <Field label={t('range.slider')} class="preview-slider">
          {(control) => (
            <input
              {...control}
              type="range"
              name="scrub"
              min={range.from}
              max={range.to}
              step={MINUTE}
              value={Math.min(Math.max(toMinute(atMs), range.from), range.to)}
              aria-valuetext={formatDateTime(atMs, zone)}
              onInput={(e) => onSeek(Number(e.currentTarget.value), running)}
            />
          )}
        </Field>
      </fieldset>
    </div>
  )
}

import { ALWAYS_ON, type BrightnessPlan, type PowerPlan } from '@playlists/schemas/power'
import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './power-messages'

/** What the dialog edits: a gate's plan (the default of its screens) or one screen's own. */
export type PowerTarget =
  | { kind: 'site'; site: Site }
  | { kind: 'screen'; screen: Screen; site: Site | undefined }

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
const WINDOW = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/
const STEP = /^(\d{2}:\d{2})\s+(\d{1,3})$/

/** `06:00–22:00, 13:00–14:00` ↔ windows; null where a piece is not a window. */
const windowsText = (ws: readonly { start: string; end: string }[]) =>
  ws.map((w) => `${w.start}–${w.end}`).join(', ')
function parseList<T>(text: string, pattern: RegExp, make: (m: RegExpExecArray) => T): T[] | null {
  const pieces = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const parsed = pieces.map((p) => pattern.exec(p))
  return parsed.every((m) => m !== null) ? parsed.map((m) => make(m!)) : null
}
const stepsText = (b: BrightnessPlan) =>
  b.mode === 'fixed' ? b.steps.map((s) => `${s.from} ${s.level}`).join(', ') : '06:00 100, 18:00 60'

export function PowerPlanDialog({
  target,
  onClose,
  onSaved,
}: {
  target: PowerTarget | null
  onClose: () => void
  onSaved: () => void
}) {
  const title = !target
    ? ''
    : target.kind === 'site'
      ? t('title.site', { name: target.site.name[language.value] })
      : t('title.screen', { name: shownName(target.screen.name) })
  return (
    <Dialog title={title} open={target !== null} onClose={onClose}>
      {target && <PlanForm target={target} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  )
}

function PlanForm({
  target,
  onClose,
  onSaved,
}: {
  target: PowerTarget
  onClose: () => void
  onSaved: () => void
}) {
  const sitePlan = target.site?.powerPlan ?? ALWAYS_ON
  const own = target.kind === 'screen' ? target.screen.powerPlan : target.site.powerPlan
  const start = own ?? sitePlan
  const [follow, setFollow] = useState(target.kind === 'screen' && own === null)
  const [hoursMode, setHoursMode] = useState(start.hours.mode)
  const [days, setDays] = useState(
    WEEKDAYS.map((d) =>
      start.hours.mode === 'weekly' ? windowsText(start.hours.days[d - 1] ?? []) : '06:00–22:00',
    ),
  )
  const [mode, setMode] = useState(start.brightness.mode)
  const [steps, setSteps] = useState(stepsText(start.brightness))
  const [dayLevel, setDayLevel] = useState(
    String(start.brightness.mode === 'sun' ? start.brightness.day : 100),
  )
  const [nightLevel, setNightLevel] = useState(
    String(start.brightness.mode === 'sun' ? start.brightness.night : 40),
  )
  const refusalId = useId()

  const parsedDays = days.map((text) => parseList(text, WINDOW, (m) => ({ start: m[1]!, end: m[2]! })))
  const parsedSteps = parseList(steps, STEP, (m) => ({ from: m[1]!, level: Number(m[2]) }))
  const plan = (): PowerPlan => ({
    hours:
      hoursMode === 'always' ? { mode: 'always' } : { mode: 'weekly', days: parsedDays.map((d) => d ?? []) },
    brightness:
      mode === 'fixed'
        ? { mode: 'fixed', steps: parsedSteps ?? [], cap: start.brightness.cap }
        : { mode: 'sun', day: Number(dayLevel), night: Number(nightLevel), cap: start.brightness.cap },
  })
  const save = useAction(async () => {
    if (target.kind === 'site') {
      await api.put('/api/sites/:id/power-plan', { params: { id: target.site.id }, body: plan() })
    } else {
      await api.put('/api/screens/:id/power-plan', {
        params: { id: target.screen.id },
        body: { plan: follow ? null : plan() },
      })
    }
    onSaved()
    onClose()
  })
  const blocked =
    !follow &&
    ((hoursMode === 'weekly' && parsedDays.some((d) => d === null)) ||
      (mode === 'fixed' && parsedSteps === null))
  const submit = (e: Event) => {
    e.preventDefault()
    if (!blocked) void save.run()
  }
  return (
    <form class="power-plan-form" onSubmit={submit}>
      {target.kind === 'screen' && (
        <label class="checkbox">
          <input
            type="checkbox"
            name="follow"
            checked={follow}
            onChange={(e) => setFollow(e.currentTarget.checked)}
          />{' '}
          {t('follow')}
        </label>
      )}
      <fieldset class="power-plan-part" disabled={follow}>
        <Field label={t('hours')}>
          {(control) => (
            <select
              {...control}
              name="hoursMode"
              value={hoursMode}
              onChange={(e) => setHoursMode(e.currentTarget.value as 'always')}
            >
              <option value="always">{t('hours.always')}</option>
              <option value="weekly">{t('hours.weekly')}</option>
            </select>
          )}
        </Field>
        {hoursMode === 'weekly' &&
          WEEKDAYS.map((d) => (
            <Field
              key={d}
              label={t(`day.${d}`)}
              hint={d === 1 ? t('hours.hint') : undefined}
              error={parsedDays[d - 1] === null ? t('bad.windows') : null}
            >
              {(control) => (
                <input
                  {...control}
                  name={`day-${d}`}
                  value={days[d - 1]}
                  onInput={(e) => {
                    const text = e.currentTarget.value
                    setDays((all) => all.map((v, i) => (i === d - 1 ? text : v)))
                  }}
                />
              )}
            </Field>
          ))}
      </fieldset>
      <fieldset class="power-plan-part" disabled={follow}>
        <Field label={t('brightness')}>
          {(control) => (
            <select
              {...control}
              name="brightnessMode"
              value={mode}
              onChange={(e) => setMode(e.currentTarget.value as 'sun')}
            >
              <option value="fixed">{t('brightness.fixed')}</option>
              <option value="sun">{t('brightness.sun')}</option>
            </select>
          )}
        </Field>
        {mode === 'fixed' ? (
          <Field
            label={t('steps')}
            hint={t('steps.hint')}
            error={parsedSteps === null ? t('bad.steps') : null}
          >
            {(control) => (
              <input
                {...control}
                name="steps"
                value={steps}
                onInput={(e) => setSteps(e.currentTarget.value)}
              />
            )}
          </Field>
        ) : (
          <>
            <Field label={t('sun.day')}>
              {(control) => (
                <input
                  {...control}
                  name="dayLevel"
                  type="number"
                  min={0}
                  max={100}
                  value={dayLevel}
                  onInput={(e) => setDayLevel(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('sun.night')}>
              {(control) => (
                <input
                  {...control}
                  name="nightLevel"
                  type="number"
                  min={0}
                  max={100}
                  value={nightLevel}
                  onInput={(e) => setNightLevel(e.currentTarget.value)}
                />
              )}
            </Field>
          </>
        )}
      </fieldset>
      <ErrorMessage error={save.error} id={refusalId} />
      <FormActions class="screens-dialog-actions" label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { ChoiceField } from '../../components/form/choice-field'
import { Field } from '../../components/form/field'
import { ScreenPicker } from '../../components/form/screen-picker'
import { SitePicker } from '../../components/form/site-picker'
import { useResource } from '../../use-resource'
import { tr } from './messages'
import { currentYear, FIRST_YEAR, type Period } from './period'

/** What a report covers: a year or a range of days, and optionally one site or one screen. */
export interface ReportFilter {
  mode: 'year' | 'custom'
  year: number
  custom: Period
  siteId: string
  screenId: string
}

const CUSTOM = 'custom'

export function Filters({
  value,
  onChange,
}: {
  value: ReportFilter
  onChange: (next: ReportFilter) => void
}) {
  const sites = useResource(read('/api/sites'))
  const screens = useResource(read('/api/screens'))
  const years: number[] = []
  for (let y = Math.max(currentYear(), value.year); y >= FIRST_YEAR; y--) years.push(y)
  const siteScreens = (screens.data ?? []).filter((s) => !value.siteId || s.siteId === value.siteId)

  const choosePeriod = (choice: string) =>
    onChange(
      choice === CUSTOM ? { ...value, mode: 'custom' } : { ...value, mode: 'year', year: Number(choice) },
    )
  const chooseSite = (siteId: string) => {
    const keep = (screens.data ?? []).some((s) => s.id === value.screenId && (!siteId || s.siteId === siteId))
    onChange({ ...value, siteId, screenId: keep ? value.screenId : '' })
  }

  return (
    <div class="toolbar report-filters">
      <ChoiceField
        label={tr('period.label')}
        name="period"
        value={value.mode === 'year' ? String(value.year) : CUSTOM}
        choices={[
          ...years.map((y) => [String(y), tr('period.year', { year: y })] as const),
          [CUSTOM, tr('period.custom')],
        ]}
        onChange={choosePeriod}
      />
      {value.mode === 'custom' &&
        (['from', 'to'] as const).map((end) => (
          <Field key={end} label={tr(`period.${end}`)}>
            {(control) => (
              <input
                {...control}
                type="date"
                name={end}
                value={value.custom[end]}
                required
                onChange={(e) =>
                  onChange({ ...value, custom: { ...value.custom, [end]: e.currentTarget.value } })
                }
              />
            )}
          </Field>
        ))}
      <Field label={tr('filter.site')}>
        {(control) => (
          <SitePicker
            {...control}
            sites={sites.data ?? []}
            value={value.siteId}
            onChange={chooseSite}
            anyLabel={tr('filter.all-sites')}
          />
        )}
      </Field>
      <Field label={tr('filter.screen')}>
        {(control) => (
          <ScreenPicker
            {...control}
            screens={siteScreens}
            value={value.screenId}
            onChange={(screenId) => onChange({ ...value, screenId })}
            anyLabel={tr('filter.all-screens')}
          />
        )}
      </Field>
      <ErrorMessage error={sites.error ?? screens.error} />
    </div>
  )
}

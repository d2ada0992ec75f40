import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
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
      <label class="field">
        <span>{tr('period.label')}</span>
        <select
          name="period"
          value={value.mode === 'year' ? String(value.year) : CUSTOM}
          onChange={(e) => choosePeriod(e.currentTarget.value)}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {tr('period.year', { year: y })}
            </option>
          ))}
          <option value={CUSTOM}>{tr('period.custom')}</option>
        </select>
      </label>
      {value.mode === 'custom' && (
        <>
          <label class="field">
            <span>{tr('period.from')}</span>
            <input
              type="date"
              name="from"
              value={value.custom.from}
              required
              onChange={(e) =>
                onChange({ ...value, custom: { ...value.custom, from: e.currentTarget.value } })
              }
            />
          </label>
          <label class="field">
            <span>{tr('period.to')}</span>
            <input
              type="date"
              name="to"
              value={value.custom.to}
              required
              onChange={(e) => onChange({ ...value, custom: { ...value.custom, to: e.currentTarget.value } })}
            />
          </label>
        </>
      )}
      <label class="field">
        <span>{tr('filter.site')}</span>
        <select name="site" value={value.siteId} onChange={(e) => chooseSite(e.currentTarget.value)}>
          <option value="">{tr('filter.all-sites')}</option>
          {(sites.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name[language.value]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{tr('filter.screen')}</span>
        <select
          name="screen"
          value={value.screenId}
          onChange={(e) => onChange({ ...value, screenId: e.currentTarget.value })}
        >
          <option value="">{tr('filter.all-screens')}</option>
          {siteScreens.map((s) => (
            <option key={s.id} value={s.id}>
              {shownName(s.name)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={sites.error ?? screens.error} />
    </div>
  )
}

import type { ReportGrouping } from '@playlists/schemas/reports'
import { REPORT_DAYS_MAX, REPORT_PAGE_SIZE_MAX } from '@playlists/schemas/reports'
import { useState } from 'preact/hooks'
import { hrefOf, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { ChoiceField } from '../../components/form/choice-field'
import { Pager } from '../../components/form/pager'
import { tc } from '../../i18n/common'
import { formatDate, language } from '../../i18n/i18n'
import { href } from '../../router'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { Filters, type ReportFilter } from './filters'
import { GroupTable } from './group-table'
import { tr } from './messages'
import { currentYear, isValidPeriod, type Period, yearPeriod } from './period'
import { type Metric, PlaysChart, type Step } from './plays-chart'
import { PrintReport } from './print-report'
import { Totals } from './totals'
import { UptimeChart, UptimeTable } from './uptime-view'
import './reports.css'

const GROUP_PAGE = 20
const UPTIME_PAGE = 20
const GROUPINGS: readonly ReportGrouping[] = ['site', 'screen', 'playlist', 'item', 'day', 'month']

/**
 * Reports for the yearly evaluation: what played where, how often and how long, and how long
 * each screen ran. `#/reports?year=2026` (or `?from=…&to=…`, `&site=`, `&screen=`) opens on a
 * period; `#/reports/print/2026` is the printable yearly report.
 */
export function ReportsPage({ params, query }: PageProps) {
  if (params[0] === 'print') return <PrintReport yearText={params[1] ?? ''} />
  return <Overview query={query} />
}

function initialFilter(query: URLSearchParams): ReportFilter {
  const year = Number(query.get('year')) || currentYear()
  const from = query.get('from')
  const to = query.get('to')
  return {
    mode: from && to ? 'custom' : 'year',
    year,
    custom: from && to ? { from, to } : yearPeriod(year),
    siteId: query.get('site') ?? '',
    screenId: query.get('screen') ?? '',
  }
}

function Overview({ query }: { query: URLSearchParams }) {
  const [filter, setFilterState] = useState<ReportFilter>(() => initialFilter(query))
  const [metric, setMetric] = useState<Metric>('plays')
  const [step, setStep] = useState<Step>('day')
  const [group, setGroup] = useState<ReportGrouping>('site')
  const [groupPage, setGroupPage] = useState(1)
  const [uptimePage, setUptimePage] = useState(1)
  const setFilter = (next: ReportFilter) => {
    setFilterState(next)
    setGroupPage(1)
    setUptimePage(1)
  }

  const period: Period = filter.mode === 'year' ? yearPeriod(filter.year) : filter.custom
  const valid = isValidPeriod(period)
  const scope = { from: period.from, to: period.to, siteId: filter.siteId, screenId: filter.screenId }
  const chart = useResource(
    valid
      ? read('/api/reports/plays', { query: { ...scope, by: step, pageSize: REPORT_PAGE_SIZE_MAX } })
      : null,
  )
  const groups = useResource(
    valid
      ? read('/api/reports/plays', { query: { ...scope, by: group, page: groupPage, pageSize: GROUP_PAGE } })
      : null,
  )
  const uptime = useResource(
    valid
      ? read('/api/reports/uptime', { query: { ...scope, page: uptimePage, pageSize: UPTIME_PAGE } })
      : null,
  )
  const printYear = filter.mode === 'year' ? filter.year : Number(period.from.slice(0, 4))

  return (
    <div class="reports-page">
      <h1>{tr('title')}</h1>
      <p class="muted">{tr('intro')}</p>
      <Filters value={filter} onChange={setFilter} />
      {!valid && (
        <p class="field-error" role="alert">
          {tr('period.invalid', { days: REPORT_DAYS_MAX })}
        </p>
      )}
      <p>
        <a href={href('reports', 'print', String(printYear))}>{tr('print.link', { year: printYear })}</a>
      </p>

      {valid && (
        <>
          <section aria-labelledby="reports-totals-title">
            <h2 id="reports-totals-title">{tr('totals.label')}</h2>
            <ErrorMessage error={chart.error} />
            {chart.data && uptime.data ? (
              <Totals plays={chart.data} uptime={uptime.data} />
            ) : (
              !chart.error && <p class="loading">{tc('loading')}</p>
            )}
          </section>

          <section aria-labelledby="reports-chart-title">
            <h2 id="reports-chart-title">{tr(`chart.${metric}.${step}`)}</h2>
            <div class="toolbar">
              <ChoiceField
                label={tr('chart.metric')}
                name="metric"
                value={metric}
                choices={[
                  ['plays', tr('metric.plays')],
                  ['hours', tr('metric.hours')],
                ]}
                onChange={(next) => setMetric(next as Metric)}
              />
              <ChoiceField
                label={tr('chart.step')}
                name="step"
                value={step}
                choices={[
                  ['day', tr('step.day')],
                  ['month', tr('step.month')],
                ]}
                onChange={(next) => setStep(next as Step)}
              />
            </div>
            {chart.data && chart.data.by === step ? (
              <PlaysChart report={chart.data} period={period} metric={metric} step={step} />
            ) : (
              !chart.error && <p class="loading">{tc('loading')}</p>
            )}
          </section>

          <section aria-labelledby="reports-groups-title">
            <h2 id="reports-groups-title">{tr('group.title')}</h2>
            <div class="toolbar">
              <ChoiceField
                label={tr('group.label')}
                name="group"
                value={group}
                choices={GROUPINGS.map((g) => [g, tr(`group.${g}`)] as const)}
                onChange={(next) => {
                  setGroup(next as ReportGrouping)
                  setGroupPage(1)
                }}
              />
              <a
                class="download"
                href={hrefOf('/api/reports/plays.csv', {
                  query: { ...scope, by: group, lang: language.value },
                })}
                download
              >
                {tr('csv.download')}
              </a>
            </div>
            <ErrorMessage error={groups.error} />
            {groups.data ? (
              <>
                <GroupTable report={groups.data} />
                <Pager
                  page={groups.data.page}
                  pageSize={GROUP_PAGE}
                  total={groups.data.total}
                  onPage={setGroupPage}
                />
              </>
            ) : (
              !groups.error && <p class="loading">{tc('loading')}</p>
            )}
          </section>

          <section aria-labelledby="reports-uptime-title">
            <h2 id="reports-uptime-title">{tr('uptime.title')}</h2>
            <p class="muted">{tr('uptime.intro')}</p>
            <div class="toolbar">
              <a
                class="download"
                href={hrefOf('/api/reports/uptime.csv', { query: { ...scope, lang: language.value } })}
                download
              >
                {tr('csv.uptime')}
              </a>
            </div>
            <ErrorMessage error={uptime.error} />
            {uptime.data ? (
              <>
                <p class="muted">
                  {uptime.data.recordedSince
                    ? tr('uptime.recorded', { date: formatDate(uptime.data.recordedSince) })
                    : tr('uptime.none')}
                </p>
                <UptimeChart report={uptime.data} />
                <UptimeTable report={uptime.data} />
                <Pager
                  page={uptime.data.page}
                  pageSize={UPTIME_PAGE}
                  total={uptime.data.total}
                  onPage={setUptimePage}
                />
              </>
            ) : (
              !uptime.error && <p class="loading">{tc('loading')}</p>
            )}
          </section>
        </>
      )}
    </div>
  )
}

import type { PlaysReport } from '@playlists/schemas/reports'
import { formatNumber } from '../../i18n/i18n'
import { type Step, slotsOf, timeTicks } from './chart-axes'
import { type Column, ColumnChart } from './charts'
import { tr } from './messages'
import { formatDay, formatMonth, type Period } from './period'

export type { Step }
export type Metric = 'plays' | 'hours'

export const hoursText = (hours: number) =>
  tr('chart.hours-unit', { hours: formatNumber(hours, { maximumFractionDigits: 1 }) })

/** Plays or hours on air per day or month of the period, from a report grouped the same way. */
export function PlaysChart({
  report,
  period,
  metric,
  step,
}: {
  report: PlaysReport
  period: Period
  metric: Metric
  step: Step
}) {
  const slots = slotsOf(period, step)
  const slotOf = new Map(slots.map((s, i) => [s, i]))
  const value = (r: PlaysReport['rows'][number]) => (metric === 'plays' ? r.plays : r.seconds / 3600)
  const text = (v: number) => (metric === 'plays' ? formatNumber(v) : hoursText(v))
  const label = (key: string) => (step === 'day' ? formatDay(key) : formatMonth(key, 'long'))
  const columns: Column[] = report.rows
    .filter((r) => r.plays > 0 && slotOf.has(r.key))
    .map((r) => ({
      slot: slotOf.get(r.key) ?? 0,
      value: value(r),
      label: label(r.key),
      valueText: text(value(r)),
    }))

  const ticks = timeTicks(slots, step)

  const highest = columns.reduce<Column | null>((best, c) => (best && best.value >= c.value ? best : c), null)
  const description = highest
    ? tr('chart.desc', {
        count: columns.length,
        from: formatDay(period.from),
        to: formatDay(period.to),
        max: highest.valueText,
        at: highest.label,
      })
    : tr('chart.empty')
  return (
    <ColumnChart
      id="plays-chart"
      title={tr(`chart.${metric}.${step}`)}
      description={description}
      slots={slots.length}
      columns={columns}
      ticks={ticks}
      formatAxis={(v) => formatNumber(v)}
      xLabel={tr(`step.${step}`)}
      yLabel={tr(`metric.${metric}`)}
    />
  )
}

import { axisTicks } from './chart-axes'
import { tr } from './messages'

/**
 * Two small hand-drawn SVG charts (a library would weigh more than the whole console page):
 * columns over time and horizontal bars per screen. Each is an image with a title and a
 * description a screen reader announces, a tooltip on every bar, and the same figures as a
 * table just below for anyone who cannot or would rather not read a picture.
 */

const WIDTH = 960
const MARGIN = { top: 16, right: 16, bottom: 60, left: 76 }

export interface Column {
  /** Position on the time axis, 0-based (a day or month of the period). */
  slot: number
  value: number
  /** The slot's full name (a date), for the tooltip and the table. */
  label: string
  valueText: string
}

export interface ColumnChartProps {
  id: string
  title: string
  description: string
  slots: number
  columns: readonly Column[]
  ticks: readonly { slot: number; text: string }[]
  formatAxis: (value: number) => string
  xLabel: string
  yLabel: string
  height?: number
}

/** Columns over a period: one slot per day or month, drawn where data exists. */
export function ColumnChart(props: ColumnChartProps) {
  const height = props.height ?? 320
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = height - MARGIN.top - MARGIN.bottom
  const ticks = axisTicks(Math.max(0, ...props.columns.map((c) => c.value)))
  const top = ticks[ticks.length - 1] ?? 1
  const slotW = plotW / Math.max(1, props.slots)
  const barW = Math.max(1, slotW * (props.slots > 60 ? 0.9 : 0.7))
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH
  const titleId = `${props.id}-title`
  const descId = `${props.id}-desc`
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-chart={props.id}
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        <g class="grid">
          {ticks.map((v) => (
            <g key={v}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(v)} y2={y(v)} />
              <text x={MARGIN.left - 8} y={y(v) + 4} text-anchor="end">
                {props.formatAxis(v)}
              </text>
            </g>
          ))}
        </g>
        <g class="bars">
          {props.columns.map((c) => (
            <rect
              key={c.slot}
              class="bar"
              x={MARGIN.left + c.slot * slotW + (slotW - barW) / 2}
              y={y(c.value)}
              width={barW}
              height={Math.max(0, MARGIN.top + plotH - y(c.value))}
            >
              <title>{`${c.label}: ${c.valueText}`}</title>
            </rect>
          ))}
        </g>
        <g class="axis">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH} />
          {props.ticks.map((t) => (
            <text
              key={t.slot}
              x={MARGIN.left + (t.slot + 0.5) * slotW}
              y={height - MARGIN.bottom + 20}
              text-anchor="middle"
            >
              {t.text}
            </text>
          ))}
          <text class="axis-title" x={MARGIN.left + plotW / 2} y={height - 10} text-anchor="middle">
            {props.xLabel}
          </text>
          <text
            class="axis-title"
            transform={`translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)`}
            text-anchor="middle"
          >
            {props.yLabel}
          </text>
        </g>
      </svg>
      <DataTable
        caption={props.title}
        headers={[props.xLabel, props.yLabel]}
        rows={props.columns.map((c) => [c.label, c.valueText])}
      />
    </figure>
  )
}

export interface RowBar {
  key: string
  label: string
  /** A longer name for the tooltip and the table (the screen and its site). */
  detail: string
  /** 0 to 1. */
  value: number
  valueText: string
}

const LABEL_WIDTH = 300
const ROW_HEIGHT = 28
const LABEL_CHARS_MAX = 38

const shorten = (text: string) =>
  text.length > LABEL_CHARS_MAX ? `${text.slice(0, LABEL_CHARS_MAX - 1)}…` : text

/** A share per row (uptime per screen), 0–100 %, each bar labelled with its figure. */
export function RowChart(props: {
  id: string
  title: string
  description: string
  rows: readonly RowBar[]
  headers: [string, string]
  formatAxis: (share: number) => string
}) {
  const height = MARGIN.top + props.rows.length * ROW_HEIGHT + 36
  const plotW = WIDTH - LABEL_WIDTH - 90
  const x = (share: number) => LABEL_WIDTH + share * plotW
  const titleId = `${props.id}-title`
  const descId = `${props.id}-desc`
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-chart={props.id}
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        <g class="grid">
          {[0, 0.25, 0.5, 0.75, 1].map((share) => (
            <g key={share}>
              <line x1={x(share)} x2={x(share)} y1={MARGIN.top} y2={height - 30} />
              <text x={x(share)} y={height - 12} text-anchor="middle">
                {props.formatAxis(share)}
              </text>
            </g>
          ))}
        </g>
        {props.rows.map((r, i) => {
          const rowY = MARGIN.top + i * ROW_HEIGHT
          return (
            <g key={r.key} class="row">
              <text x={LABEL_WIDTH - 10} y={rowY + ROW_HEIGHT / 2 + 4} text-anchor="end">
                {shorten(r.label)}
              </text>
              <rect
                class="bar"
                x={x(0)}
                y={rowY + 5}
                width={Math.max(0, x(r.value) - x(0))}
                height={ROW_HEIGHT - 10}
              >
                <title>{`${r.detail}: ${r.valueText}`}</title>
              </rect>
              <text class="value" x={x(r.value) + 6} y={rowY + ROW_HEIGHT / 2 + 4}>
                {r.valueText}
              </text>
            </g>
          )
        })}
      </svg>
      <DataTable
        caption={props.title}
        headers={props.headers}
        rows={props.rows.map((r) => [r.detail, r.valueText])}
      />
    </figure>
  )
}

/** The chart's figures as a table, folded away until asked for. */
function DataTable({
  caption,
  headers,
  rows,
}: {
  caption: string
  headers: readonly string[]
  rows: readonly (readonly string[])[]
}) {
  return (
    <details class="chart-table no-print">
      <summary>{tr('chart.table')}</summary>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, row) => (
            // Labels may repeat (two screens of one name): rows are keyed by position.
            <tr key={row}>
              <th scope="row">{r[0]}</th>
              {r.slice(1).map((cell, i) => (
                <td key={i} class="number">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

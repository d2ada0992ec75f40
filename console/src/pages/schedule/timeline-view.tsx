import { dateFormat, formatTime } from '../../i18n/format'
import { NOTHING_COLOR } from './colors'
import { t } from './messages'
import { percentOf, type TimeRange, ticksOf } from './range'
import type { Conflict, Entry } from './timelines'

/** One row of the drawing: a screen's main zone (site view) or one zone of a screen. */
export interface Lane {
  key: string
  label: string
  /** Shown under the label: the zone's name, or the screen's size. */
  note?: string
  timeZone: string
  entries: Entry[]
  conflicts: Conflict[]
}

export type Selection = { lane: string; kind: 'entry' | 'conflict'; index: number }

export interface Names {
  playlist: (id: string | null) => string
  rule: (id: string | null) => string
}

interface Props {
  range: TimeRange
  lanes: readonly Lane[]
  now: number
  names: Names
  colors: ReadonlyMap<string, string>
  selected: Selection | null
  onSelect: (s: Selection) => void
  /** "Screen" or "Zone": what the lanes are. */
  laneKind: string
}

const span = (a: number, b: number, range: TimeRange) => {
  const left = percentOf(range, a)
  return { left: `${left}%`, width: `${percentOf(range, b) - left}%` }
}

/** `08:00–12:00`, or with the day when the stretch crosses midnight or the range is a week. */
export function timeSpan(start: string, end: string, zone: string, withDay: boolean): string {
  if (!withDay) return `${formatTime(start, zone)}–${formatTime(end, zone)}`
  const day = dateFormat({
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  })
  return `${day.format(new Date(start))} – ${day.format(new Date(end))}`
}

/**
 * What plays when, drawn to scale: blocks coloured by playlist, a hatched strip under each
 * stretch where schedule entries compete (the winner named in its label), grid lines at the
 * zone's local hours and a line at the present instant. Every block and strip is a button that
 * opens its details, so the drawing works from the keyboard as well.
 */
export function TimelineView({ range, lanes, now, names, colors, selected, onSelect, laneKind }: Props) {
  const ticks = ticksOf(range)
  const week = range.kind === 'week'
  const label = dateFormat(
    week
      ? { weekday: 'short', day: 'numeric', month: 'numeric', timeZone: range.zone }
      : { hour: '2-digit', minute: '2-digit', timeZone: range.zone },
  )
  const showNow = now >= range.from && now < range.to
  const nowLeft = `${percentOf(range, now)}%`

  return (
    <section class="sched-timeline" aria-label={t('timeline.label')}>
      <div class="sched-row sched-axis" aria-hidden="true">
        <div class="sched-lane-label">{laneKind}</div>
        <div class="sched-track">
          {ticks
            .filter((k) => k.major)
            .map((k) => (
              <span key={k.at} class="sched-tick-label" style={{ left: `${percentOf(range, k.at)}%` }}>
                {label.format(new Date(k.at))}
              </span>
            ))}
          {showNow && (
            <span class="sched-now-label" style={{ left: nowLeft }}>
              {t('now')}
            </span>
          )}
        </div>
      </div>
      {lanes.map((lane) => (
        <div key={lane.key} class="sched-row sched-lane" data-lane={lane.key}>
          <div class="sched-lane-label">
            <span>{lane.label}</span>
            {lane.note && <span class="muted sched-lane-note">{lane.note}</span>}
          </div>
          <div class="sched-track">
            {ticks.map((k) => (
              <span
                key={k.at}
                class={k.major ? 'sched-grid major' : 'sched-grid'}
                style={{ left: `${percentOf(range, k.at)}%` }}
              />
            ))}
            {lane.entries.map((e, index) => {
              const start = Date.parse(e.start)
              const end = Date.parse(e.end)
              const playlist = names.playlist(e.playlistId)
              const when = timeSpan(e.start, e.end, lane.timeZone, week || end - start > 86_400_000)
              const text = e.ruleId
                ? t('block.rule', { playlist, when, rule: names.rule(e.ruleId) })
                : t('block.default', { playlist, when })
              const isSelected =
                selected?.lane === lane.key && selected.kind === 'entry' && selected.index === index
              return (
                <button
                  key={e.start}
                  type="button"
                  class={`sched-block${e.ruleId ? '' : ' default'}${e.overrideId ? ' override' : ''}`}
                  style={{
                    ...span(start, end, range),
                    background: e.playlistId ? (colors.get(e.playlistId) ?? NOTHING_COLOR) : NOTHING_COLOR,
                  }}
                  title={e.overrideId ? `${text} — ${t('block.override')}` : text}
                  aria-label={text}
                  aria-pressed={isSelected}
                  data-playlist={e.playlistId ?? ''}
                  data-rule={e.ruleId ?? ''}
                  data-start={e.start}
                  data-end={e.end}
                  onClick={() => onSelect({ lane: lane.key, kind: 'entry', index })}
                >
                  <span class="sched-block-name">{playlist}</span>
                  <span class="sched-block-time">{timeSpan(e.start, e.end, lane.timeZone, false)}</span>
                </button>
              )
            })}
            {lane.conflicts.map((c, index) => {
              const text = t('conflict.label', {
                winner: names.rule(c.winner.ruleId),
                losers: c.losers.map((l) => names.rule(l.ruleId)).join(', '),
                when: timeSpan(c.start, c.end, lane.timeZone, week),
              })
              const isSelected =
                selected?.lane === lane.key && selected.kind === 'conflict' && selected.index === index
              return (
                <button
                  key={`c-${c.start}`}
                  type="button"
                  class="sched-conflict"
                  style={span(Date.parse(c.start), Date.parse(c.end), range)}
                  title={text}
                  aria-label={text}
                  aria-pressed={isSelected}
                  data-winner={c.winner.ruleId}
                  data-losers={c.losers.map((l) => l.ruleId).join(' ')}
                  data-start={c.start}
                  data-end={c.end}
                  onClick={() => onSelect({ lane: lane.key, kind: 'conflict', index })}
                />
              )
            })}
            {showNow && <span class="sched-now" style={{ left: nowLeft }} />}
          </div>
        </div>
      ))}
    </section>
  )
}

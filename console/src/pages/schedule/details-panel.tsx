import { t } from './messages'
import { reasonText, targetKindText } from './rule-text'
import { type Lane, type Names, type Selection, timeSpan } from './timeline-view'
import type { Conflict } from './timelines'

interface Props {
  lanes: readonly Lane[]
  selected: Selection | null
  names: Names
  /** Opens the entry's form; absent for readers who may not edit. */
  onEditRule?: (ruleId: string) => void
}

function ConflictReasons({ conflict, names }: { conflict: Conflict; names: Names }) {
  return (
    <ul class="sched-reasons">
      {conflict.losers.map((l) => (
        <li key={l.ruleId}>{reasonText(conflict.winner, l, (id) => names.rule(id))}</li>
      ))}
    </ul>
  )
}

/**
 * The chosen block or conflict in words: which playlist, when in the screen's time, which schedule
 * entry put it there (or that the default plays), and for a conflict who wins and why.
 */
export function DetailsPanel({ lanes, selected, names, onEditRule }: Props) {
  const lane = selected ? lanes.find((l) => l.key === selected.lane) : undefined
  if (!selected || !lane) {
    return (
      <section class="card sched-details" aria-live="polite" aria-labelledby="sched-details-title">
        <h2 id="sched-details-title">{t('details.title')}</h2>
        <p class="muted">{t('details.hint')}</p>
      </section>
    )
  }
  const edit = (ruleId: string) =>
    onEditRule && (
      <button type="button" onClick={() => onEditRule(ruleId)}>
        {t('details.edit-rule', { name: names.rule(ruleId) })}
      </button>
    )

  if (selected.kind === 'conflict') {
    const c = lane.conflicts[selected.index]
    if (!c) return null
    return (
      <section class="card sched-details" aria-live="polite" aria-labelledby="sched-details-title">
        <h2 id="sched-details-title">{t('details.conflict')}</h2>
        <p>
          {lane.label} · {timeSpan(c.start, c.end, lane.timeZone, true)}
        </p>
        <p>
          <strong>
            {t('details.plays', {
              rule: names.rule(c.winner.ruleId),
              priority: c.winner.priority,
              target: targetKindText(c.winner.target),
            })}
          </strong>
        </p>
        <ConflictReasons conflict={c} names={names} />
        {edit(c.winner.ruleId)}
      </section>
    )
  }

  const e = lane.entries[selected.index]
  if (!e) return null
  const start = Date.parse(e.start)
  const end = Date.parse(e.end)
  const overlapping = lane.conflicts.filter((c) => Date.parse(c.start) < end && Date.parse(c.end) > start)
  return (
    <section class="card sched-details" aria-live="polite" aria-labelledby="sched-details-title">
      <h2 id="sched-details-title">{names.playlist(e.playlistId)}</h2>
      <p>
        {lane.label} · {timeSpan(e.start, e.end, lane.timeZone, true)}
      </p>
      <p>{e.ruleId ? t('details.by-rule', { rule: names.rule(e.ruleId) }) : t('details.by-default')}</p>
      {e.overrideId && <p class="badge danger">{t('block.override')}</p>}
      {overlapping.map((c) => (
        <div key={c.start}>
          <p>{t('details.contested', { when: timeSpan(c.start, c.end, lane.timeZone, true) })}</p>
          <ConflictReasons conflict={c} names={names} />
        </div>
      ))}
      {e.ruleId && edit(e.ruleId)}
    </section>
  )
}

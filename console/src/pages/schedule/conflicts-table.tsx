import { useState } from 'preact/hooks'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { t } from './messages'
import { reasonText } from './rule-text'
import { type Names, timeSpan } from './timeline-view'
import type { Conflict } from './timelines'

export interface ConflictRow {
  /** Where: the screen, and the zone when it is not the main one. */
  where: string
  timeZone: string
  conflict: Conflict
}

const PAGE_SIZE = 10

/** Every conflict of the range as a table, for reading and for screen readers. */
export function ConflictsTable({ rows, names }: { rows: readonly ConflictRow[]; names: Names }) {
  const [page, setPage] = useState(1)
  const { page: current, rows: shown } = pageOf(rows, page, PAGE_SIZE)
  return (
    <section class="sched-section" aria-labelledby="sched-conflicts-title">
      <h2 id="sched-conflicts-title">{t('conflicts.title', { count: rows.length })}</h2>
      {rows.length === 0 ? (
        <p class="empty">{t('conflicts.none')}</p>
      ) : (
        <>
          <p class="muted">{t('conflicts.rule')}</p>
          <table class="sched-conflicts">
            <thead>
              <tr>
                <th scope="col">{t('conflicts.when')}</th>
                <th scope="col">{t('conflicts.where')}</th>
                <th scope="col">{t('conflicts.winner')}</th>
                <th scope="col">{t('conflicts.losers')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={`${r.where}-${r.conflict.start}`} data-winner={r.conflict.winner.ruleId}>
                  <td>{timeSpan(r.conflict.start, r.conflict.end, r.timeZone, true)}</td>
                  <td>{r.where}</td>
                  <td>
                    <strong>{names.rule(r.conflict.winner.ruleId)}</strong>
                  </td>
                  <td>
                    <ul class="sched-reasons">
                      {r.conflict.losers.map((l) => (
                        <li key={l.ruleId}>{reasonText(r.conflict.winner, l, (id) => names.rule(id))}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={current} pageSize={PAGE_SIZE} total={rows.length} onPage={setPage} />
        </>
      )}
    </section>
  )
}

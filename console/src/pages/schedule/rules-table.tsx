import type { Schedule } from '@playlists/schemas/schedule'
import { useState } from 'preact/hooks'
import { type ApprovalStanding, ApprovalState, isOnAir, useStandings } from '../../components/approval-state'
import { useFailureNotice } from '../../components/form/failure-notice'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { useAction } from '../../components/form/use-action'
import { tc } from '../../i18n/common'
import { t } from './messages'
import { type Places, targetText, whenText } from './rule-text'

const PAGE_SIZE = 15

export interface RuleActions {
  edit: (rule: Schedule) => void
  submit: (rule: Schedule) => Promise<void>
  withdraw: (rule: Schedule) => Promise<void>
  remove: (rule: Schedule) => void
}

interface Props {
  rules: readonly Schedule[]
  places: Places
  playlistName: (id: string) => string
  /** Bumped after a submission or an edit, so states are read again. */
  nonce: number
  /** Absent for readers who may not change schedules. */
  actions?: RuleActions
}

function Actions({
  rule,
  standing,
  actions,
}: {
  rule: Schedule
  standing?: ApprovalStanding
  actions: RuleActions
}) {
  // One action at a time per rule: a second click while a submission runs is not sent.
  const action = useAction((f: (r: Schedule) => Promise<void>) => f(rule))
  useFailureNotice(action.error)
  const busy = action.busy
  const run = (f: (r: Schedule) => Promise<void>) => () => void action.run(f)
  return (
    <div class="sched-actions">
      <button
        type="button"
        onClick={() => actions.edit(rule)}
        aria-label={t('rules.edit-label', { name: rule.name })}
      >
        {tc('edit')}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={run(actions.submit)}
        aria-label={t('rules.submit-label', { name: rule.name })}
      >
        {t('rules.submit')}
      </button>
      {isOnAir(standing) ? (
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={run(actions.withdraw)}
          aria-label={t('rules.withdraw-label', { name: rule.name })}
        >
          {t('rules.withdraw')}
        </button>
      ) : (
        <button
          type="button"
          class="danger"
          onClick={() => actions.remove(rule)}
          aria-label={t('rules.delete-label', { name: rule.name })}
        >
          {tc('delete')}
        </button>
      )}
    </div>
  )
}

/** The schedule entries reaching what the page shows, with where each stands on its way to air. */
export function RulesTable({ rules, places, playlistName, nonce, actions }: Props) {
  const [page, setPage] = useState(1)
  const { page: current, rows: shown } = pageOf(rules, page, PAGE_SIZE)
  const standings = useStandings('schedule', shown, nonce)

  if (rules.length === 0) return <p class="empty">{t('rules.none')}</p>
  return (
    <>
      <table class="sched-rules">
        <thead>
          <tr>
            <th scope="col">{tc('name')}</th>
            <th scope="col">{t('form.playlist')}</th>
            <th scope="col">{t('rules.target')}</th>
            <th scope="col">{t('rules.when')}</th>
            <th scope="col">{t('form.priority')}</th>
            <th scope="col">{t('rules.state')}</th>
            {actions && <th scope="col">{tc('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <td>
                {r.name}
                {r.zoneId !== 'main' && <div class="muted">{t('rules.zone', { zone: r.zoneId })}</div>}
              </td>
              <td>{playlistName(r.playlistId)}</td>
              <td>{targetText(r.target, places)}</td>
              <td>{whenText(r)}</td>
              <td>{r.priority}</td>
              <td>
                <ApprovalState standing={standings.get(r.id)} />
              </td>
              {actions && (
                <td>
                  <Actions rule={r} standing={standings.get(r.id)} actions={actions} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={current} pageSize={PAGE_SIZE} total={rules.length} onPage={setPage} />
    </>
  )
}

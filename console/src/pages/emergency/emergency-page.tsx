import { useEffect, useState } from 'preact/hooks'
import { ErrorMessage } from '../../components/error-message'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'
import { useEmergencyData } from './data'
import { EmergencyForm } from './emergency-form'
import { EmergencyTable } from './emergency-table'
import { t } from './messages'
import { phaseOf } from './targets'

const RECENT_PAGE = 10
/** Other approvers send, approve and end messages too; and a message's end comes by the clock. */
const REFRESH_MS = 30_000

/**
 * Emergency messages (approvers and admins): send one to every screen, chosen sites or chosen
 * screens; approve another approver's; end one on air; read what was sent before.
 */
export function EmergencyPage(_props: PageProps) {
  const data = useEmergencyData()
  const [recentPage, setRecentPage] = useState(1)
  const [, setTick] = useState(0)
  const reloadList = data.emergencies.reload
  useEffect(() => {
    const timer = setInterval(() => {
      setTick((n) => n + 1)
      reloadList()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reloadList])

  const now = Date.now()
  const all = data.emergencies.data ?? []
  const pending = all.filter((e) => phaseOf(e, now) === 'pending')
  const live = all.filter((e) => ['active', 'scheduled'].includes(phaseOf(e, now)))
  const ended = all.filter((e) => phaseOf(e, now) === 'ended')
  const recent = pageOf(ended, recentPage, RECENT_PAGE)
  const listed = data.emergencies.data !== undefined

  const list = (rows: typeof all, label: string, empty: string) =>
    !listed ? (
      !data.emergencies.error && <p class="loading">{tc('loading')}</p>
    ) : rows.length === 0 ? (
      <p class="empty">{empty}</p>
    ) : (
      <EmergencyTable rows={rows} data={data} now={now} label={label} />
    )

  return (
    <div class="emergency-page">
      <h1>{ts('nav.emergency')}</h1>
      <p class="muted">{t('intro')}</p>

      <section class="card emergency-section" aria-labelledby="emergency-form-title">
        <h2 id="emergency-form-title">{t('form.title')}</h2>
        <ErrorMessage error={data.placesError} />
        {data.placesLoaded ? (
          <EmergencyForm data={data} />
        ) : (
          !data.placesError && <p class="loading">{tc('loading')}</p>
        )}
      </section>

      <ErrorMessage error={data.emergencies.error} />
      <section class="emergency-section" aria-labelledby="emergency-pending-title">
        <h2 id="emergency-pending-title">{t('pending.title')}</h2>
        {list(pending, t('pending.title'), t('pending.empty'))}
      </section>

      <section class="emergency-section" aria-labelledby="emergency-active-title">
        <h2 id="emergency-active-title">{t('active.title')}</h2>
        {list(live, t('active.title'), t('active.empty'))}
      </section>

      <section class="emergency-section" aria-labelledby="emergency-recent-title">
        <h2 id="emergency-recent-title">{t('recent.title')}</h2>
        {list(recent.rows, t('recent.title'), t('recent.empty'))}
        <Pager page={recent.page} pageSize={RECENT_PAGE} total={ended.length} onPage={setRecentPage} />
      </section>
    </div>
  )
}

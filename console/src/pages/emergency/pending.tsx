import { ErrorMessage } from '../../components/error-message'
import { href } from '../../router'
import { useEmergencyData } from './data'
import { EmergencyTable } from './emergency-table'
import { t } from './messages'
import { phaseOf } from './targets'

/**
 * Emergency messages waiting for a second approver, for the approvals page: nothing at all when
 * none waits, so the queue stays the page's subject.
 */
export function PendingEmergencies() {
  const data = useEmergencyData()
  const now = Date.now()
  const waiting = (data.emergencies.data ?? []).filter((e) => phaseOf(e, now) === 'pending')
  if (data.emergencies.error) return <ErrorMessage error={data.emergencies.error} />
  if (waiting.length === 0) return null
  return (
    <section class="emergency-pending card" aria-labelledby="approvals-emergencies-title">
      <h2 id="approvals-emergencies-title">{t('pending.title')}</h2>
      <p>
        {t('pending.intro')} <a href={href('emergency')}>{t('pending.link')}</a>
      </p>
      <EmergencyTable rows={waiting} data={data} now={now} label={t('pending.title')} />
    </section>
  )
}

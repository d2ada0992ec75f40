import { ts } from '../../i18n/shell'
import { can } from '../../session'
import { PendingEmergencies } from '../emergency/pending'
import type { PageProps } from '../index'
import { isApprovable } from './kinds'
import { t } from './messages'
import { QueueList } from './queue-list'
import { VersionDetail } from './version-detail'
import './approvals.css'

/**
 * Approvals: `#/approvals` is the queue (editors follow their own submissions, approvers act),
 * `#/approvals/<kind>/<id>/<version>` one version with what it changes. Emergency messages
 * waiting for a second approver are listed here too, for approvers.
 */
export function ApprovalsPage({ params, query }: PageProps) {
  const [type, id, number] = params
  if (isApprovable(type) && id && number && /^[1-9][0-9]{0,8}$/.test(number)) {
    return <VersionDetail key={`${type}:${id}:${number}`} type={type} id={id} number={Number(number)} />
  }
  return (
    <div class="approvals-page">
      <h1>{ts('nav.approvals')}</h1>
      <p class="muted">{can('approve') ? t('intro.approver') : t('intro.editor')}</p>
      {can('emergency:send') && <PendingEmergencies />}
      <QueueList initialView={query.get('view')} />
    </div>
  )
}

import type { Emergency } from '@playlists/schemas/emergency'
import { formatDateTime } from '../../i18n/i18n'
import { tcap } from './cap-messages'

/** A break-glass message on air that still waits for its second approver's confirmation. */
export const awaitsConfirmation = (e: Emergency): boolean =>
  Boolean(e.cap?.confirmBy) && e.approvedBy === null && e.clearedAt === null

/**
 * Where an official alert came from, beside its text: the approver checks the message against
 * its source and the sender's own grading before putting it on air.
 */
export function CapOrigin({ e, zone }: { e: Emergency; zone: string | undefined }) {
  const cap = e.cap
  if (!cap) return null
  const notReal = cap.status !== 'Actual'
  const msgType = cap.msgType === 'Update' ? tcap('msg.Update') : tcap('msg.Alert')
  return (
    <div class="emergency-cap" data-cap-source={cap.sourceId}>
      <p>
        <strong>{tcap('title')}</strong> · {msgType}{' '}
        <span class={`badge ${notReal ? 'warn' : 'danger'}`}>{tcap(`status.${cap.status}`)}</span>
      </p>
      <ul>
        <li>{tcap('source', { name: cap.sourceName })}</li>
        <li>{tcap('sender', { sender: cap.sender })}</li>
        <li>{tcap('identifier', { identifier: cap.identifier, sent: cap.sent })}</li>
        {cap.event && <li>{tcap('event', { event: cap.event })}</li>}
        <li>
          {tcap('grading', {
            severity: tcap(`severity.${cap.severity}`),
            urgency: tcap(`urgency.${cap.urgency}`),
            certainty: tcap(`certainty.${cap.certainty}`),
          })}
        </li>
      </ul>
      {awaitsConfirmation(e) && cap.confirmBy && (
        <p class="badge warn" role="status">
          {tcap('confirm-by', { at: formatDateTime(cap.confirmBy, zone) })}
        </p>
      )}
    </div>
  )
}

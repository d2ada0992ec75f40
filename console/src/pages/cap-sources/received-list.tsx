import type { CapSource } from '@playlists/schemas/cap'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { formatDateTime } from '../../i18n/i18n'
import { useResource } from '../../use-resource'
import { tcap } from '../emergency/cap-messages'
import { ts } from './messages'

/** Why an alert was not shown, in the reader's words (the core's reason codes, playlists/cap/decide.ts). */
const REASON_KEYS = {
  'cap.status-system': 'reason.system',
  'cap.status-draft': 'reason.draft',
  'cap.exercise-hidden': 'reason.exercise-hidden',
  'cap.msg-type': 'reason.msg-type',
  'cap.scope': 'reason.scope',
  'cap.no-info': 'reason.no-info',
  'cap.expired': 'reason.expired',
  'cap.reaches-none': 'reason.reaches-none',
} as const

const reasonText = (reason: string | null) =>
  reason === null ? '' : reason in REASON_KEYS ? ts(REASON_KEYS[reason as keyof typeof REASON_KEYS]) : reason

/** The latest messages a source brought and what became of each. */
export function ReceivedList({ source }: { source: CapSource }) {
  const received = useResource(read('/api/cap-sources/:id/messages', { params: { id: source.id } }))
  if (received.error) return <ErrorMessage error={received.error} />
  return (
    <table aria-label={ts('received.label', { name: source.name })}>
      <thead>
        <tr>
          <th scope="col">{ts('col.message')}</th>
          <th scope="col">{ts('col.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {(received.data ?? []).map((m) => (
          <tr key={m.id}>
            <td>
              {m.identifier} · {tcap(`status.${m.status}`)}
              <br />
              <span class="muted">
                {m.sender} · {formatDateTime(m.receivedAt)}
              </span>
            </td>
            <td>
              {ts(`outcome.${m.outcome}`)} {reasonText(m.reason)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

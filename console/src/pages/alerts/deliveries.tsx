import type { Webhook } from '@playlists/schemas/alerts'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useEffect, useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Pager } from '../../components/form/pager'
import { tc } from '../../i18n/common'
import { formatDateTime, formatNumber } from '../../i18n/i18n'
import { useResource } from '../../use-resource'
import type { SitesById } from './incidents'
import { ta } from './messages'

const DELIVERIES_PAGE = 20

const stateTone = { pending: 'warn', delivered: 'ok', failed: 'danger' } as const

/** Every notice sent to one webhook, newest first, with each attempt's answer. */
export function Deliveries({
  webhook,
  sites,
  version,
}: {
  webhook: Webhook
  sites: SitesById
  version: number
}) {
  const [page, setPage] = useState(1)
  const deliveries = useResource(
    read('/api/alerts/webhooks/:id/deliveries', {
      params: { id: webhook.id },
      query: { page, pageSize: DELIVERIES_PAGE },
    }),
  )
  useEffect(() => {
    if (version > 0) deliveries.reload()
  }, [version])
  const data = deliveries.data
  // The webhook's own site's zone, else the province's (every gate is on Vietnam's time).
  const zone = (webhook.siteId && sites.get(webhook.siteId)?.timeZone) || DEFAULT_TIME_ZONE
  return (
    <section class="card alerts-deliveries" aria-labelledby={`deliveries-${webhook.id}`}>
      <h3 id={`deliveries-${webhook.id}`}>{ta('deliveries.title', { name: webhook.name })}</h3>
      <ErrorMessage error={deliveries.error} />
      {!data ? (
        !deliveries.error && <p class="loading">{tc('loading')}</p>
      ) : data.items.length === 0 ? (
        <p class="empty">{ta('deliveries.empty')}</p>
      ) : (
        <table class="alerts-table">
          <thead>
            <tr>
              <th scope="col">{ta('deliveries.event')}</th>
              <th scope="col">{ta('col.screen')}</th>
              <th scope="col">{ta('deliveries.state')}</th>
              <th scope="col">{ta('deliveries.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((d) => (
              <tr key={d.id} data-delivery={d.id}>
                <td>
                  {ta('deliveries.what', { event: ta(`event.${d.event}`), kind: ta(`kind.${d.kind}`) })}
                  <div class="muted">{formatDateTime(d.createdAt, zone)}</div>
                </td>
                <td>{d.screenId}</td>
                <td>
                  <span class={`badge ${stateTone[d.state]}`}>{ta(`state.${d.state}`)}</span>
                  {d.nextAttemptAt && (
                    <div class="muted">
                      {ta('deliveries.next', { at: formatDateTime(d.nextAttemptAt, zone) })}
                    </div>
                  )}
                </td>
                <td>
                  <ul class="alerts-attempts">
                    {d.attempts.map((a) => (
                      <li key={a.number}>
                        {ta('attempt.line', {
                          number: a.number,
                          at: formatDateTime(a.at, zone, true),
                          duration: formatNumber(a.durationMs, {
                            style: 'unit',
                            unit: 'millisecond',
                            unitDisplay: 'short',
                          }),
                        })}{' '}
                        {a.statusCode !== null ? (
                          <span class={`badge ${a.statusCode < 300 ? 'ok' : 'danger'}`}>{a.statusCode}</span>
                        ) : (
                          <span class="badge danger">{ta('attempt.no-answer')}</span>
                        )}
                        {a.error && (
                          <div class="muted" lang="en">
                            {a.error}
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && <Pager page={page} pageSize={DELIVERIES_PAGE} total={data.total} onPage={setPage} />}
    </section>
  )
}

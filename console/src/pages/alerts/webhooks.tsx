import type { DeliveryPage, Webhook, WebhookInput } from '@playlists/schemas/alerts'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useEffect, useState } from 'preact/hooks'
import { type ApiError, api, read, withQuery } from '../../api'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { Pager } from '../../components/form/pager'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime, formatNumber } from '../../i18n/i18n'
import { useResource } from '../../use-resource'
import { type SitesById, siteName } from './incidents'
import { ta } from './messages'

const DELIVERIES_PAGE = 20
const SECRET_MIN = 16

const stateTone = { pending: 'warn', delivered: 'ok', failed: 'danger' } as const

/** Where alerts go (admins only): the list, a form to add or change one, and what was sent. */
export function WebhooksSection({ sites, version }: { sites: SitesById; version: number }) {
  const hooks = useResource(read('/api/alerts/webhooks'))
  // An incident opened or closed somewhere: the delivery counts moved.
  useEffect(() => {
    if (version > 0) hooks.reload()
  }, [version])
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Webhook | null>(null)
  const [shown, setShown] = useState<Webhook | null>(null)
  const list = hooks.data
  return (
    <>
      <p class="muted">{ta('webhooks.intro')}</p>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          {ta('webhooks.add')}
        </button>
      </div>
      <ErrorMessage error={hooks.error} />
      {!list ? (
        !hooks.error && <p class="loading">{tc('loading')}</p>
      ) : list.length === 0 ? (
        <p class="empty">{ta('webhooks.empty')}</p>
      ) : (
        <table class="alerts-table">
          <thead>
            <tr>
              <th scope="col">{tc('name')}</th>
              <th scope="col">{ta('webhooks.url')}</th>
              <th scope="col">{ta('webhooks.site')}</th>
              <th scope="col">{ta('webhooks.col-deliveries')}</th>
              <th scope="col">{tc('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id} data-webhook={w.id}>
                <th scope="row">
                  {w.name}
                  <div>
                    <span class={`badge ${w.enabled ? 'ok' : ''}`}>
                      {w.enabled ? ta('webhooks.enabled') : ta('webhooks.disabled')}
                    </span>{' '}
                    <span class="badge">{w.hasSecret ? ta('webhooks.signed') : ta('webhooks.unsigned')}</span>
                  </div>
                </th>
                <td>
                  <code>{w.url}</code>
                </td>
                <td>{w.siteId ? siteName(sites, w.siteId) : ta('filter.all-sites')}</td>
                <td>{ta('webhooks.counts', w.deliveries)}</td>
                <td class="alerts-actions">
                  <button
                    type="button"
                    aria-label={ta('webhooks.show-label', { name: w.name })}
                    aria-pressed={shown?.id === w.id}
                    onClick={() => setShown(shown?.id === w.id ? null : w)}
                  >
                    {ta('webhooks.show')}
                  </button>
                  <button
                    type="button"
                    aria-label={ta('webhooks.edit-label', { name: w.name })}
                    onClick={() => setEditing(w)}
                  >
                    {tc('edit')}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    aria-label={ta('webhooks.delete-label', { name: w.name })}
                    onClick={() => setDeleting(w)}
                  >
                    {tc('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <Deliveries key={shown.id} webhook={shown} sites={sites} version={version} />}
      <Dialog
        title={editing === 'new' ? ta('webhooks.add-title') : ta('webhooks.edit-title')}
        open={editing !== null}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <WebhookForm
            key={editing === 'new' ? 'new' : editing.id}
            webhook={editing === 'new' ? null : editing}
            sites={sites}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null)
              hooks.reload()
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        title={tc('delete')}
        open={deleting !== null}
        confirmLabel={tc('delete')}
        action={async () => {
          if (!deleting) return
          await api.delete('/api/alerts/webhooks/:id', { params: { id: deleting.id } })
          notify(ta('webhooks.deleted'))
        }}
        onClose={() => setDeleting(null)}
        onDone={() => {
          if (shown?.id === deleting?.id) setShown(null)
          setDeleting(null)
          hooks.reload()
        }}
      >
        <p>{ta('webhooks.delete-confirm', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  )
}

function WebhookForm({
  webhook,
  sites,
  onClose,
  onSaved,
}: {
  webhook: Webhook | null
  sites: SitesById
  onClose: () => void
  onSaved: () => void
}) {
  const [name, setName] = useState(webhook?.name ?? '')
  const [url, setUrl] = useState(webhook?.url ?? 'https://')
  const [secret, setSecret] = useState('')
  const [removeSecret, setRemoveSecret] = useState(false)
  const [siteId, setSiteId] = useState(webhook?.siteId ?? '')
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const body: WebhookInput = { name: name.trim(), url: url.trim(), siteId: siteId || null, enabled }
    // On an update, no secret typed keeps the current one.
    if (removeSecret) body.secret = null
    else if (secret) body.secret = secret
    else if (!webhook) body.secret = null
    try {
      if (webhook) await api.put('/api/alerts/webhooks/:id', { params: { id: webhook.id }, body })
      else await api.post('/api/alerts/webhooks', { body })
      notify(ta('webhooks.saved'))
      onSaved()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const { field, rule } = (error?.details ?? {}) as { field?: string; rule?: string }
  // The server's refusal of a destination (server/outbound/), in the reader's language.
  const headline =
    rule === 'address'
      ? ta('webhooks.url-private')
      : rule === 'credentials'
        ? ta('webhooks.url-credentials')
        : undefined
  return (
    <form class="form" onSubmit={submit}>
      <label class="field">
        <span>{tc('name')}</span>
        <input
          name="name"
          required
          maxLength={120}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{ta('webhooks.url')}</span>
        <input
          name="url"
          type="url"
          required
          maxLength={2000}
          aria-invalid={field === 'url' ? 'true' : undefined}
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{ta('webhooks.secret')}</span>
        <input
          name="secret"
          type="password"
          autoComplete="new-password"
          minLength={SECRET_MIN}
          maxLength={256}
          disabled={removeSecret}
          placeholder={webhook?.hasSecret ? ta('webhooks.secret-keep') : undefined}
          value={secret}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
      </label>
      {webhook?.hasSecret && (
        <label class="alerts-toggle">
          <input
            type="checkbox"
            name="remove-secret"
            checked={removeSecret}
            onChange={(e) => setRemoveSecret(e.currentTarget.checked)}
          />
          <span>{ta('webhooks.secret-remove')}</span>
        </label>
      )}
      <label class="field">
        <span>{ta('webhooks.site')}</span>
        <select name="siteId" value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)}>
          <option value="">{ta('filter.all-sites')}</option>
          {[...sites.values()].map((s) => (
            <option key={s.id} value={s.id}>
              {siteName(sites, s.id)}
            </option>
          ))}
        </select>
      </label>
      <label class="alerts-toggle">
        <input
          type="checkbox"
          name="enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <span>{ta('webhooks.enabled')}</span>
      </label>
      <ErrorMessage error={error} headline={headline} />
      <div class="toolbar">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? tc('saving') : tc('save')}
        </button>
        <button type="button" onClick={onClose}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  )
}

/** Every notice sent to one webhook, newest first, with each attempt's answer. */
function Deliveries({ webhook, sites, version }: { webhook: Webhook; sites: SitesById; version: number }) {
  const [page, setPage] = useState(1)
  const deliveries = useResource(
    read('/api/alerts/webhooks/:id/deliveries', {
      params: { id: webhook.id },
      query: {
        page,
        pageSize: DELIVERIES_PAGE,
      },
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

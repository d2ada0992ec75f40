import type { Webhook } from '@playlists/schemas/alerts'
import { useEffect, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { useResource } from '../../use-resource'
import { Deliveries } from './deliveries'
import { type SitesById, siteName } from './incidents'
import { ta } from './messages'
import { WebhookForm } from './webhook-form'

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

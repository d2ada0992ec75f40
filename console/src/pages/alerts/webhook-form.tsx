import type { Webhook, WebhookInput } from '@playlists/schemas/alerts'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { checksOf } from '../../components/form/refusal'
import { SitePicker } from '../../components/form/site-picker'
import { NameField, TextField, UrlField } from '../../components/form/text-field'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import type { SitesById } from './incidents'
import { ta } from './messages'
import { Toggle } from './toggle'

/** playlists/schemas/alerts.ts WEBHOOK_SECRET_CHARS_MIN, named here to keep TypeBox out of the bundle. */
const SECRET_MIN = 16

/** Adds a webhook, or changes one (`webhook` given): where alerts go, signed or not, for which site. */
export function WebhookForm({
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
  const refusalId = useId()

  const save = useAction(async () => {
    const body: WebhookInput = { name: name.trim(), url: url.trim(), siteId: siteId || null, enabled }
    // On an update, no secret typed keeps the current one.
    if (removeSecret) body.secret = null
    else if (secret) body.secret = secret
    else if (!webhook) body.secret = null
    if (webhook) await api.put('/api/alerts/webhooks/:id', { params: { id: webhook.id }, body })
    else await api.post('/api/alerts/webhooks', { body })
    notify(ta('webhooks.saved'))
    onSaved()
  })
  const submit = (event: Event) => {
    event.preventDefault()
    void save.run()
  }
  const error = save.error
  /** A field the server named points at its refusal, shown above the buttons. */
  const check = checksOf(error, refusalId)
  const { rule } = (error?.details ?? {}) as { rule?: string }
  // The server's refusal of a destination (server/outbound/), in the reader's language.
  const headline =
    rule === 'address'
      ? ta('webhooks.url-private')
      : rule === 'credentials'
        ? ta('webhooks.url-credentials')
        : undefined
  return (
    <form class="form" onSubmit={submit}>
      <NameField value={name} onValue={setName} {...check('name')} />
      <UrlField
        label={ta('webhooks.url')}
        name="url"
        required
        value={url}
        onValue={setUrl}
        {...check('url')}
      />
      <TextField
        label={ta('webhooks.secret')}
        name="secret"
        type="password"
        autoComplete="new-password"
        minLength={SECRET_MIN}
        maxLength={256}
        disabled={removeSecret}
        placeholder={webhook?.hasSecret ? ta('webhooks.secret-keep') : undefined}
        value={secret}
        onValue={setSecret}
        {...check('secret')}
      />
      {webhook?.hasSecret && (
        <Toggle
          name="remove-secret"
          label={ta('webhooks.secret-remove')}
          checked={removeSecret}
          onChecked={setRemoveSecret}
        />
      )}
      <Field label={ta('webhooks.site')} {...check('siteId')}>
        {(control) => (
          <SitePicker
            {...control}
            name="siteId"
            sites={sites.values()}
            value={siteId}
            onChange={setSiteId}
            anyLabel={ta('filter.all-sites')}
          />
        )}
      </Field>
      <Toggle name="enabled" label={ta('webhooks.enabled')} checked={enabled} onChecked={setEnabled} />
      {error && <ErrorMessage error={error} headline={headline} id={refusalId} />}
      <FormActions label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

import type { AlertRules, AlertRulesList } from '@playlists/schemas/alerts'
import { useState } from 'preact/hooks'
import { type ApiError, api, read } from '../../api'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { type SitesById, siteName } from './incidents'
import { ta } from './messages'

/** What players keep of their errors (playlists/events.ts PLAYER_ERRORS_KEPT): a larger count never trips. */
const ERRORS_COUNT_MAX = 20

function summary(rules: AlertRules) {
  const off = ta('rules.off')
  return {
    offline: rules.offline.enabled ? ta('rules.minutes', { minutes: rules.offline.afterMinutes }) : off,
    stale: rules.stale.enabled ? ta('rules.minutes', { minutes: rules.stale.afterMinutes }) : off,
    errors: rules.errors.enabled
      ? ta('rules.errors', { count: rules.errors.count, minutes: rules.errors.withinMinutes })
      : off,
    storage: rules.storage.enabled ? ta('rules.percent', { percent: rules.storage.percent }) : off,
  }
}

interface Editing {
  siteId: string | null
  label: string
  rules: AlertRules
}

/**
 * The default rules and each site's: every site is listed, those without rules of their own
 * saying so. Admins edit (settings:write); everyone else reads.
 */
export function RulesSection({ sites }: { sites: SitesById }) {
  const rules = useResource(read('/api/alerts/rules'))
  const [editing, setEditing] = useState<Editing | null>(null)
  const [resetting, setResetting] = useState<{ siteId: string; label: string } | null>(null)
  const admin = can('settings:write')
  const list = rules.data
  if (!list)
    return rules.error ? <ErrorMessage error={rules.error} /> : <p class="loading">{tc('loading')}</p>

  const own = new Map(list.sites.map((s) => [s.siteId ?? '', s.rules]))
  const rows = [
    { siteId: null, label: ta('rules.default'), rules: list.default.rules, isOwn: true },
    ...[...sites.values()].map((site) => ({
      siteId: site.id,
      label: siteName(sites, site.id),
      rules: own.get(site.id) ?? list.default.rules,
      isOwn: own.has(site.id),
    })),
  ]
  return (
    <>
      <table class="alerts-table">
        <thead>
          <tr>
            <th scope="col">{ta('rules.scope')}</th>
            <th scope="col">{ta('kind.offline')}</th>
            <th scope="col">{ta('kind.stale')}</th>
            <th scope="col">{ta('kind.errors')}</th>
            <th scope="col">{ta('kind.storage')}</th>
            {admin && <th scope="col">{tc('actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const text = summary(row.rules)
            return (
              <tr key={row.siteId ?? '*'} class={row.isOwn ? '' : 'inherited'}>
                <th scope="row">{row.label}</th>
                {/* A site without its own rules shows the default's, dimmed. */}
                <td>{text.offline}</td>
                <td>{text.stale}</td>
                <td>{text.errors}</td>
                <td>{text.storage}</td>
                {admin && (
                  <td class="alerts-actions">
                    <button
                      type="button"
                      aria-label={ta(row.isOwn ? 'rules.edit-label' : 'rules.own-label', { site: row.label })}
                      onClick={() => setEditing({ siteId: row.siteId, label: row.label, rules: row.rules })}
                    >
                      {row.isOwn ? tc('edit') : ta('rules.own')}
                    </button>
                    {row.siteId !== null && row.isOwn && (
                      <button
                        type="button"
                        aria-label={ta('rules.reset-label', { site: row.label })}
                        onClick={() => setResetting({ siteId: row.siteId!, label: row.label })}
                      >
                        {ta('rules.reset')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
      <RulesDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          rules.reload()
        }}
      />
      <ConfirmDialog
        title={ta('rules.reset')}
        open={resetting !== null}
        confirmLabel={tc('confirm')}
        action={async () => {
          if (!resetting) return
          await api.delete('/api/alerts/rules/sites/:id', { params: { id: resetting.siteId } })
          notify(ta('rules.removed'))
        }}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null)
          rules.reload()
        }}
      >
        <p>{ta('rules.reset-confirm', { site: resetting?.label ?? '' })}</p>
      </ConfirmDialog>
    </>
  )
}

function NumberField({
  label,
  name,
  value,
  min,
  max,
  disabled,
  onValue,
}: {
  label: string
  name: string
  value: number
  min: number
  max: number
  disabled: boolean
  onValue: (value: number) => void
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="number"
        name={name}
        inputMode="numeric"
        required
        min={min}
        max={max}
        step={1}
        disabled={disabled}
        value={Number.isNaN(value) ? '' : value}
        onInput={(e) => onValue(e.currentTarget.valueAsNumber)}
      />
    </label>
  )
}

function Toggle({
  label,
  name,
  checked,
  onChecked,
}: {
  label: string
  name: string
  checked: boolean
  onChecked: (checked: boolean) => void
}) {
  return (
    <label class="alerts-toggle">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChecked(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  )
}

function RulesDialog({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing | null
  onClose: () => void
  onSaved: () => void
}) {
  return (
    <Dialog
      title={editing ? ta('rules.editing', { site: editing.label }) : ''}
      open={editing !== null}
      onClose={onClose}
    >
      {editing && (
        <RulesForm key={editing.siteId ?? '*'} editing={editing} onClose={onClose} onSaved={onSaved} />
      )}
    </Dialog>
  )
}

function RulesForm({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing
  onClose: () => void
  onSaved: () => void
}) {
  const [rules, setRules] = useState<AlertRules>(editing.rules)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const set = <K extends keyof AlertRules>(kind: K, patch: Partial<AlertRules[K]>) =>
    setRules((r) => ({ ...r, [kind]: { ...r[kind], ...patch } }))

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      if (editing.siteId === null) await api.put('/api/alerts/rules/default', { body: rules })
      else await api.put('/api/alerts/rules/sites/:id', { params: { id: editing.siteId }, body: rules })
      notify(ta('rules.saved'))
      onSaved()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="form alerts-rules-form" onSubmit={submit}>
      <fieldset>
        <legend>{ta('kind.offline')}</legend>
        <Toggle
          name="offline-enabled"
          label={ta('rules.offline-enabled')}
          checked={rules.offline.enabled}
          onChecked={(enabled) => set('offline', { enabled })}
        />
        <NumberField
          name="offline-minutes"
          label={ta('rules.offline-minutes')}
          value={rules.offline.afterMinutes}
          min={1}
          max={10_080}
          disabled={!rules.offline.enabled}
          onValue={(afterMinutes) => set('offline', { afterMinutes })}
        />
      </fieldset>
      <fieldset>
        <legend>{ta('kind.stale')}</legend>
        <Toggle
          name="stale-enabled"
          label={ta('rules.stale-enabled')}
          checked={rules.stale.enabled}
          onChecked={(enabled) => set('stale', { enabled })}
        />
        <NumberField
          name="stale-minutes"
          label={ta('rules.stale-minutes')}
          value={rules.stale.afterMinutes}
          min={1}
          max={10_080}
          disabled={!rules.stale.enabled}
          onValue={(afterMinutes) => set('stale', { afterMinutes })}
        />
      </fieldset>
      <fieldset>
        <legend>{ta('kind.errors')}</legend>
        <Toggle
          name="errors-enabled"
          label={ta('rules.errors-enabled')}
          checked={rules.errors.enabled}
          onChecked={(enabled) => set('errors', { enabled })}
        />
        <NumberField
          name="errors-count"
          label={ta('rules.errors-count', { max: ERRORS_COUNT_MAX })}
          value={rules.errors.count}
          min={1}
          max={ERRORS_COUNT_MAX}
          disabled={!rules.errors.enabled}
          onValue={(count) => set('errors', { count })}
        />
        <NumberField
          name="errors-minutes"
          label={ta('rules.errors-minutes')}
          value={rules.errors.withinMinutes}
          min={1}
          max={1_440}
          disabled={!rules.errors.enabled}
          onValue={(withinMinutes) => set('errors', { withinMinutes })}
        />
      </fieldset>
      <fieldset>
        <legend>{ta('kind.storage')}</legend>
        <Toggle
          name="storage-enabled"
          label={ta('rules.storage-enabled')}
          checked={rules.storage.enabled}
          onChecked={(enabled) => set('storage', { enabled })}
        />
        <NumberField
          name="storage-percent"
          label={ta('rules.storage-percent')}
          value={rules.storage.percent}
          min={10}
          max={100}
          disabled={!rules.storage.enabled}
          onValue={(percent) => set('storage', { percent })}
        />
      </fieldset>
      <ErrorMessage error={error} />
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

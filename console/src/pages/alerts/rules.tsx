import type { AlertRules } from '@playlists/schemas/alerts'
import { useState } from 'preact/hooks'
import { api, read } from '../../api'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { ErrorMessage } from '../../components/error-message'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { type SitesById, siteName } from './incidents'
import { ta } from './messages'
import { type Editing, RulesDialog } from './rules-form'

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

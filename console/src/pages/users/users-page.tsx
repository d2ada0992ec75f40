import type { Role, User } from '@playlists/schemas/accounts'
import { useMemo, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { notify } from '../../components/notices'
import { RelativeTime, useNow } from '../../components/relative-time'
import { statusMessage, tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import { me } from '../../session'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { t } from './messages'
import { PasswordDialog } from './password-dialog'
import { refusalText } from './refusals'
import { ROLES, UserForm } from './user-form'
import './users.css'

const PAGE_SIZE = 50

/** Says what the server refused, in the reader's words, as an error notice. */
function refused(error: unknown): void {
  const failure = toApiError(error)
  notify(refusalText(failure, 'update') ?? statusMessage(failure.status), 'error')
}

/**
 * Accounts and their roles (admins only): create one with an initial password, change a role,
 * disable or enable, set a new password. The server guards the last admin; its refusal is said
 * here in the reader's language.
 */
export function UsersPage(_props: PageProps) {
  const users = useResource(read('/api/users'))
  const now = useNow(60_000)
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(1)
  const [resetting, setResetting] = useState<User | null>(null)
  const [disabling, setDisabling] = useState<User | null>(null)
  // The change being saved (its role shown at once: a select must not jump back while the server
  // answers), and the accounts as the server last answered a change, until the list is fetched again.
  const [pending, setPending] = useState<{ id: string; role?: Role } | null>(null)
  const [answered, setAnswered] = useState<ReadonlyMap<string, User>>(new Map())
  const selfId = me.value?.user.id

  const all = useMemo(
    () =>
      (users.data ?? []).map((u) => {
        const newer = answered.get(u.id)
        const current = newer && newer.updatedAt > u.updatedAt ? newer : u
        return pending?.id === u.id && pending.role ? { ...current, role: pending.role } : current
      }),
    [users.data, answered, pending],
  )
  const filtered = useMemo(() => {
    const needle = search.trim().toLowerCase()
    return all.filter(
      (u) => !needle || u.username.includes(needle) || u.displayName.toLowerCase().includes(needle),
    )
  }, [all, search])
  const { page: current, rows: shown } = pageOf(filtered, page, PAGE_SIZE)

  const patch = async (user: User, body: Partial<Pick<User, 'role' | 'disabled'>>, done: string) => {
    setPending({ id: user.id, role: body.role })
    try {
      const updated = await api.patch('/api/users/:id', { params: { id: user.id }, body })
      setAnswered((m) => new Map(m).set(updated.id, updated))
      notify(done)
    } catch (error) {
      refused(error)
    } finally {
      setPending(null)
      users.reload()
    }
  }
  const changeRole = (user: User, role: Role) =>
    patch(user, { role }, t('role.done', { username: user.username, role: ts(`role.${role}`) }))
  const setDisabled = (user: User, disabled: boolean) =>
    patch(user, { disabled }, t(disabled ? 'disable.done' : 'enable.done', { username: user.username }))

  return (
    <div class="users-page">
      <h1>{ts('nav.users')}</h1>
      <p class="muted">{t('intro')}</p>
      <div class="users-layout">
        <section aria-labelledby="users-list-title" class="users-list">
          <h2 id="users-list-title">{t('list.title')}</h2>
          <div class="toolbar">
            <Field label={tc('search')}>
              {(control) => (
                <input
                  {...control}
                  type="search"
                  name="search"
                  value={search}
                  placeholder={t('search-hint')}
                  onInput={(e) => {
                    setSearch(e.currentTarget.value)
                    setPage(1)
                  }}
                />
              )}
            </Field>
            <span class="muted">{tc('total', { count: filtered.length })}</span>
          </div>
          <ErrorMessage error={users.error} />
          {users.loading && !users.data ? (
            <p class="loading">{tc('loading')}</p>
          ) : shown.length === 0 ? (
            <p class="empty">{t('empty')}</p>
          ) : (
            <table class="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.account')}</th>
                  <th scope="col">{t('col.role')}</th>
                  <th scope="col">{t('col.state')}</th>
                  <th scope="col">{t('col.last-login')}</th>
                  <th scope="col">{tc('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <tr
                    key={user.id}
                    data-user={user.username}
                    class={user.disabled ? 'user-disabled' : undefined}
                  >
                    <th scope="row">
                      <div class="user-name">{user.displayName}</div>
                      <div class="muted">
                        {user.username}
                        {user.id === selfId && <span class="badge users-you">{t('you')}</span>}
                      </div>
                    </th>
                    <td>
                      <select
                        name="role"
                        aria-label={t('role.label', { username: user.username })}
                        value={user.role}
                        disabled={pending?.id === user.id}
                        onChange={(e) => void changeRole(user, e.currentTarget.value as Role)}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ts(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span class={`badge ${user.disabled ? 'danger' : 'ok'} user-state`}>
                        {user.disabled ? t('state.disabled') : t('state.active')}
                      </span>
                    </td>
                    <td>
                      {user.lastLoginAt ? (
                        <RelativeTime at={user.lastLoginAt} now={now} />
                      ) : (
                        <span class="muted">{t('never')}</span>
                      )}
                    </td>
                    <td>
                      <div class="users-actions">
                        <button
                          type="button"
                          aria-label={t('password.open-label', { username: user.username })}
                          onClick={() => setResetting(user)}
                        >
                          {t('password.open')}
                        </button>
                        {user.disabled ? (
                          <button
                            type="button"
                            disabled={pending?.id === user.id}
                            aria-label={t('enable.label', { username: user.username })}
                            onClick={() => void setDisabled(user, false)}
                          >
                            {t('enable')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            class="danger"
                            disabled={pending?.id === user.id}
                            aria-label={t('disable.label', { username: user.username })}
                            onClick={() => setDisabling(user)}
                          >
                            {t('disable')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={current} pageSize={PAGE_SIZE} total={filtered.length} onPage={setPage} />
        </section>
        <UserForm onCreated={() => users.reload()} />
      </div>

      <PasswordDialog user={resetting} onClose={() => setResetting(null)} />
      <Dialog
        title={t('disable.title', { username: disabling?.username ?? '' })}
        open={disabling !== null}
        onClose={() => setDisabling(null)}
      >
        <p>{t('disable.explain')}</p>
        {disabling?.id === selfId && <p class="badge warn users-warning">{t('disable.self')}</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault()
            const user = disabling
            setDisabling(null)
            if (user) void setDisabled(user, true)
          }}
        >
          <FormActions
            label={t('disable')}
            tone="danger"
            busy={false}
            onCancel={() => setDisabling(null)}
            class="users-dialog-actions"
          />
        </form>
      </Dialog>
    </div>
  )
}

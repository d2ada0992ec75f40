import { useState } from 'preact/hooks'
import { NAME_CHARS_MAX, PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '../../../../../playlists/limits'
import type { Role, User } from '../../../../../playlists/schemas/accounts'
import { type ApiError, api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import { t } from './messages'
import { fieldsOf, refusalText } from './refusals'

/** playlists/schemas/accounts.ts ROLES and USERNAME_PATTERN, named here to keep TypeBox out of the bundle. */
export const ROLES: readonly Role[] = ['admin', 'approver', 'editor', 'viewer']
const USERNAME_PATTERN = '[a-z][a-z0-9._\\-]{1,39}'

const EMPTY = { username: '', displayName: '', role: 'editor' as Role, password: '' }

/** A new account: the person signs in with the initial password and changes it on their account page. */
export function UserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [form, setForm] = useState(EMPTY)
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (patch: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...patch }))
  const bad = error ? fieldsOf(error) : new Set<string>()
  if (error?.status === 409) bad.add('username')

  const submit = async (e: Event) => {
    e.preventDefault()
    setSaving(true)
    setError(null)
    try {
      const user = await api.post<User>('/api/users', { ...form, username: form.username.trim() })
      notify(t('created', { username: user.username, role: ts(`role.${user.role}`) }))
      setForm(EMPTY)
      onCreated(user)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form class="form card users-form" onSubmit={submit} aria-labelledby="users-create-title">
      <h2 id="users-create-title">{t('create.title')}</h2>
      <label class="field">
        <span>{t('field.username')}</span>
        <input
          name="username"
          required
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          pattern={USERNAME_PATTERN}
          title={t('field.username-hint')}
          aria-invalid={bad.has('username') ? 'true' : undefined}
          value={form.username}
          onInput={(e) => set({ username: e.currentTarget.value })}
        />
        <small class="muted">{t('field.username-hint')}</small>
      </label>
      <label class="field">
        <span>{t('field.display-name')}</span>
        <input
          name="displayName"
          required
          maxLength={NAME_CHARS_MAX}
          aria-invalid={bad.has('displayName') ? 'true' : undefined}
          value={form.displayName}
          onInput={(e) => set({ displayName: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span>{t('field.role')}</span>
        <select name="role" value={form.role} onChange={(e) => set({ role: e.currentTarget.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ts(`role.${r}`)}
            </option>
          ))}
        </select>
        <small class="muted">{t(`role-hint.${form.role}`)}</small>
      </label>
      <label class="field">
        <span>{t('field.password')}</span>
        <input
          name="password"
          type="password"
          required
          autoComplete="new-password"
          minLength={PASSWORD_CHARS_MIN}
          maxLength={PASSWORD_CHARS_MAX}
          aria-invalid={bad.has('password') ? 'true' : undefined}
          value={form.password}
          onInput={(e) => set({ password: e.currentTarget.value })}
        />
        <small class="muted">{t('field.password-hint', { min: PASSWORD_CHARS_MIN })}</small>
      </label>
      {error && <ErrorMessage error={error} headline={refusalText(error, 'create') ?? undefined} />}
      <div>
        <button type="submit" class="primary" disabled={saving}>
          {saving ? tc('saving') : t('create.submit')}
        </button>
      </div>
    </form>
  )
}

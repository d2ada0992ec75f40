import { NAME_CHARS_MAX, PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '@playlists/limits'
import type { Role, User } from '@playlists/schemas/accounts'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
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
  const refusalId = useId()
  const set = (patch: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...patch }))
  const create = useAction(async () => {
    const user = await api.post('/api/users', { body: { ...form, username: form.username.trim() } })
    notify(t('created', { username: user.username, role: ts(`role.${user.role}`) }))
    setForm(EMPTY)
    onCreated(user)
  })
  const error = create.error
  const bad = error ? fieldsOf(error) : new Set<string>()
  if (error?.status === 409) bad.add('username')
  /** The server's refusal explains the fields it names; the browser's own checks speak for the rest. */
  const check = (field: string) => ({ invalid: bad.has(field), refusalId })

  const submit = (e: Event) => {
    e.preventDefault()
    void create.run()
  }

  return (
    <form class="form card users-form" onSubmit={submit} aria-labelledby="users-create-title">
      <h2 id="users-create-title">{t('create.title')}</h2>
      <Field label={t('field.username')} hint={t('field.username-hint')} {...check('username')}>
        {(control) => (
          <input
            {...control}
            name="username"
            required
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            pattern={USERNAME_PATTERN}
            title={t('field.username-hint')}
            value={form.username}
            onInput={(e) => set({ username: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('field.display-name')} {...check('displayName')}>
        {(control) => (
          <input
            {...control}
            name="displayName"
            required
            maxLength={NAME_CHARS_MAX}
            value={form.displayName}
            onInput={(e) => set({ displayName: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('field.role')} hint={t(`role-hint.${form.role}`)} {...check('role')}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={form.role}
            onChange={(e) => set({ role: e.currentTarget.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ts(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('field.password')}
        hint={t('field.password-hint', { min: PASSWORD_CHARS_MIN })}
        {...check('password')}
      >
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            required
            autoComplete="new-password"
            minLength={PASSWORD_CHARS_MIN}
            maxLength={PASSWORD_CHARS_MAX}
            value={form.password}
            onInput={(e) => set({ password: e.currentTarget.value })}
          />
        )}
      </Field>
      {error && (
        <ErrorMessage error={error} headline={refusalText(error, 'create') ?? undefined} id={refusalId} />
      )}
      <FormActions label={t('create.submit')} busy={create.busy} />
    </form>
  )
}

import { PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '@playlists/limits'
import type { User } from '@playlists/schemas/accounts'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { t } from './messages'
import { refusalText } from './refusals'

/**
 * An admin sets a new password for someone who lost theirs. The server ends that account's
 * sessions, so whoever knew the old password is signed out everywhere.
 */
export function PasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const save = useAction(async (target: User) => {
    await api.patch('/api/users/:id', { params: { id: target.id }, body: { password } })
    notify(t('password.done', { username: target.username }))
    onClose()
  })
  const { setError } = save
  useEffect(() => {
    setPassword('')
    setRepeat('')
    setError(null)
  }, [user, setError])
  const mismatch = repeat !== '' && repeat !== password
  const error = save.error

  const submit = (e: Event) => {
    e.preventDefault()
    if (user && !mismatch) void save.run(user)
  }

  return (
    <Dialog
      title={t('password.title', { username: user?.username ?? '' })}
      open={user !== null}
      onClose={onClose}
    >
      <form class="form" onSubmit={submit}>
        <p class="muted">{t('password.explain')}</p>
        <Field label={t('password.new')} hint={t('field.password-hint', { min: PASSWORD_CHARS_MIN })}>
          {(control) => (
            <input
              {...control}
              name="new-password"
              type="password"
              required
              autoComplete="new-password"
              minLength={PASSWORD_CHARS_MIN}
              maxLength={PASSWORD_CHARS_MAX}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('password.repeat')} error={mismatch ? t('password.mismatch') : null}>
          {(control) => (
            <input
              {...control}
              name="repeat-password"
              type="password"
              required
              autoComplete="new-password"
              value={repeat}
              onInput={(e) => setRepeat(e.currentTarget.value)}
            />
          )}
        </Field>
        {error && <ErrorMessage error={error} headline={refusalText(error, 'update') ?? undefined} />}
        <FormActions
          label={t('password.submit')}
          busy={save.busy}
          disabled={mismatch}
          onCancel={onClose}
          class="users-dialog-actions"
        />
      </form>
    </Dialog>
  )
}

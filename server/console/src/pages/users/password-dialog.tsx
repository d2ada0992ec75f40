import { useEffect, useState } from 'preact/hooks'
import { PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '../../../../../playlists/limits'
import type { User } from '../../../../../playlists/schemas/accounts'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { t } from './messages'
import { refusalText } from './refusals'

/**
 * An admin sets a new password for someone who lost theirs. The server ends that account's
 * sessions, so whoever knew the old password is signed out everywhere.
 */
export function PasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    setPassword('')
    setRepeat('')
    setError(null)
  }, [user])
  const mismatch = repeat !== '' && repeat !== password

  const submit = async (e: Event) => {
    e.preventDefault()
    if (!user || mismatch) return
    setSaving(true)
    setError(null)
    try {
      await api.patch<User>(`/api/users/${encodeURIComponent(user.id)}`, { password })
      notify(t('password.done', { username: user.username }))
      onClose()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Dialog
      title={t('password.title', { username: user?.username ?? '' })}
      open={user !== null}
      onClose={onClose}
    >
      <form class="form" onSubmit={submit}>
        <p class="muted">{t('password.explain')}</p>
        <label class="field">
          <span>{t('password.new')}</span>
          <input
            name="new-password"
            type="password"
            required
            autoComplete="new-password"
            minLength={PASSWORD_CHARS_MIN}
            maxLength={PASSWORD_CHARS_MAX}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <small class="muted">{t('field.password-hint', { min: PASSWORD_CHARS_MIN })}</small>
        </label>
        <label class="field">
          <span>{t('password.repeat')}</span>
          <input
            name="repeat-password"
            type="password"
            required
            autoComplete="new-password"
            aria-invalid={mismatch ? 'true' : undefined}
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
          {mismatch && <small class="field-error">{t('password.mismatch')}</small>}
        </label>
        {error && <ErrorMessage error={error} headline={refusalText(error, 'update') ?? undefined} />}
        <div class="toolbar users-dialog-actions">
          <button type="submit" class="primary" disabled={saving || mismatch}>
            {saving ? tc('saving') : t('password.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {tc('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

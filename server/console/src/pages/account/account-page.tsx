import { useState } from 'preact/hooks'
import { PASSWORD_CHARS_MIN } from '../../../../../playlists/limits'
import { type ApiError, api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** One's own account: the password (which also signs out one's other sessions). */
export function AccountPage(_props: PageProps) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const mismatch = repeat !== '' && next !== repeat

  const submit = async (event: Event) => {
    event.preventDefault()
    if (mismatch) return
    setBusy(true)
    setError(null)
    try {
      await api.put('/api/auth/password', { currentPassword: current, newPassword: next })
      setCurrent('')
      setNext('')
      setRepeat('')
      notify(ts('account.changed'))
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section>
      <h1>{ts('account.title')}</h1>
      <form class="card form narrow" onSubmit={submit}>
        <h2>{ts('account.password')}</h2>
        <label class="field">
          <span>{ts('account.current')}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{ts('account.new')}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_CHARS_MIN}
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
          <small class="muted">{ts('account.rules', { min: PASSWORD_CHARS_MIN })}</small>
        </label>
        <label class="field">
          <span>{ts('account.repeat')}</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
          {mismatch && <small class="field-error">{ts('account.mismatch')}</small>}
        </label>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy || mismatch}>
          {busy ? tc('saving') : tc('save')}
        </button>
      </form>
    </section>
  )
}

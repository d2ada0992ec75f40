import { PASSWORD_CHARS_MIN } from '@playlists/limits'
import { useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** One's own account: the password (which also signs out one's other sessions). */
export function AccountPage(_props: PageProps) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const mismatch = repeat !== '' && next !== repeat
  const change = useAction(async () => {
    await api.put('/api/auth/password', { body: { currentPassword: current, newPassword: next } })
    setCurrent('')
    setNext('')
    setRepeat('')
    notify(ts('account.changed'))
  })

  const submit = (event: Event) => {
    event.preventDefault()
    if (!mismatch) void change.run()
  }

  return (
    <section>
      <h1>{ts('account.title')}</h1>
      <form class="card form narrow" onSubmit={submit}>
        <h2>{ts('account.password')}</h2>
        <Field label={ts('account.current')}>
          {(control) => (
            <input
              {...control}
              name="current-password"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={ts('account.new')} hint={ts('account.rules', { min: PASSWORD_CHARS_MIN })}>
          {(control) => (
            <input
              {...control}
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_CHARS_MIN}
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={ts('account.repeat')} error={mismatch ? ts('account.mismatch') : null}>
          {(control) => (
            <input
              {...control}
              name="repeat-password"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onInput={(e) => setRepeat(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorMessage error={change.error} />
        <FormActions label={tc('save')} busy={change.busy} disabled={mismatch} />
      </form>
    </section>
  )
}

import { useId, useState } from 'preact/hooks'
import { ErrorMessage } from './components/error-message'
import { Field } from './components/form/field'
import { FormActions } from './components/form/form-actions'
import { useAction } from './components/form/use-action'
import { LanguageSwitch } from './components/language-switch'
import { ts } from './i18n/shell'
import { signIn } from './session'

export function SignIn() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const refusalId = useId()
  const attempt = useAction(async () => {
    try {
      await signIn(username.trim(), password)
    } catch (err) {
      // A refused password is typed again from nothing, as on every sign-in page.
      setPassword('')
      throw err
    }
  })
  const error = attempt.error

  const submit = (event: Event) => {
    event.preventDefault()
    void attempt.run()
  }

  // A refused name or password: both fields point at the refusal, which cannot say which was wrong.
  const refused = error?.status === 401
  const headline =
    error?.status === 401 ? ts('sign-in.failed') : error?.status === 429 ? ts('sign-in.locked') : undefined
  return (
    <main id="main" class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p class="brand">{ts('product')}</p>
        <p class="muted">{ts('tagline')}</p>
        <h1 id="sign-in-title">{ts('sign-in.title')}</h1>
        <Field label={ts('sign-in.username')} invalid={refused} refusalId={refusalId}>
          {(control) => (
            <input
              {...control}
              name="username"
              autoComplete="username"
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={ts('sign-in.password')} invalid={refused} refusalId={refusalId}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorMessage error={error} headline={headline} id={refusalId} />
        <FormActions label={ts('sign-in.submit')} busyLabel={ts('sign-in.submit')} busy={attempt.busy} />
        <LanguageSwitch />
      </form>
    </main>
  )
}

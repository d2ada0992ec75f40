import { useState } from 'preact/hooks'
import { ErrorMessage } from './components/error-message'
import { useAction } from './components/form/use-action'
import { LanguageSwitch } from './components/language-switch'
import { ts } from './i18n/shell'
import { signIn } from './session'

export function SignIn() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
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

  const headline =
    error?.status === 401 ? ts('sign-in.failed') : error?.status === 429 ? ts('sign-in.locked') : undefined
  return (
    <main id="main" class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p class="brand">{ts('product')}</p>
        <p class="muted">{ts('tagline')}</p>
        <h1 id="sign-in-title">{ts('sign-in.title')}</h1>
        <label class="field">
          <span>{ts('sign-in.username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{ts('sign-in.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <ErrorMessage error={error} headline={headline} />
        <button type="submit" class="primary" disabled={attempt.busy}>
          {ts('sign-in.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  )
}

import { LanguageSwitch } from './components/language-switch'
import { Notices } from './components/notices'
import { tc } from './i18n/common'
import { ts } from './i18n/shell'
import { HOME, PAGES, pageFor } from './pages/index'
import { href, route } from './router'
import { can, me, signOut } from './session'
import { SignIn } from './sign-in'

/** The console: the sign-in page until someone is signed in, then the navigation and one page. */
export function App() {
  const current = me.value
  if (current === undefined) return <p class="loading">{tc('loading')}</p>
  if (current === null) return <SignIn />

  const { segments, query } = route.value
  const page = pageFor(route.value)
  const activeId = segments[0] ?? HOME
  return (
    <>
      <button type="button" class="skip-link" onClick={skipToMain}>
        {ts('skip')}
      </button>
      <header class="top-bar">
        <a class="brand" href={href(HOME)}>
          {ts('product')}
        </a>
        <nav aria-label={ts('nav.label')}>
          <ul class="nav">
            {PAGES.filter((p) => can(p.permission)).map((p) => (
              <li key={p.id}>
                <a href={href(p.id)} aria-current={p.id === activeId ? 'page' : undefined}>
                  {ts(`nav.${p.id}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <span class="muted">
            {ts('signed-in-as', { name: current.user.displayName, role: ts(`role.${current.role}`) })}
          </span>
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()}>
            {ts('sign-out')}
          </button>
        </div>
      </header>
      <Notices />
      <main id="main" tabIndex={-1} class="page">
        {!page ? (
          <p class="empty">{ts('not-found')}</p>
        ) : !can(page.permission) ? (
          <p class="empty">{ts('not-allowed')}</p>
        ) : (
          <page.component key={page.id} params={segments.slice(1)} query={query} />
        )}
      </main>
    </>
  )
}

/** Hash routes own the fragment, so the skip link moves focus itself instead of navigating. */
function skipToMain() {
  document.getElementById('main')?.focus()
}

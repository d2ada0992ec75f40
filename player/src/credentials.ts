/**
 * The screen's token, kept in local storage so the player survives restarts paired. One player
 * holds one screen's token; the screen id is kept beside it so the player can boot from its
 * saved document with the server away.
 */
export interface Credentials {
  token: string
  /** Null until learnt from the server (a player provisioned with a bare token). */
  screenId: string | null
}

export const CREDENTIALS_KEY = 'gatecast:credentials'

/** A screen token's form: anything else in storage or the address is ignored. */
const SCREEN_TOKEN = /^gcd_[A-Za-z0-9_-]{43}$/
export const isScreenToken = (value: unknown): value is string =>
  typeof value === 'string' && SCREEN_TOKEN.test(value)

export function readCredentials(): Credentials | null {
  try {
    const raw = localStorage.getItem(CREDENTIALS_KEY)
    const c = raw ? (JSON.parse(raw) as Partial<Credentials>) : null
    if (!c || !isScreenToken(c.token)) return null
    return { token: c.token, screenId: typeof c.screenId === 'string' ? c.screenId : null }
  } catch {
    return null
  }
}

export function saveCredentials(credentials: Credentials): void {
  try {
    localStorage.setItem(CREDENTIALS_KEY, JSON.stringify(credentials))
  } catch {
    // Storage disabled: the player works until restarted, then pairs again.
  }
}

/** Forgets the stored token; only if it is `token`, when given (another page may have stored its own). */
export function forgetCredentials(token?: string): void {
  try {
    if (token !== undefined && readCredentials()?.token !== token) return
    localStorage.removeItem(CREDENTIALS_KEY)
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/**
 * A token handed over in the address (`#token=gcd_…`, for installers and tests). It is taken
 * out of the address at once, so it is not left in the history or shown if someone opens the
 * address bar; a fragment never reaches the server's logs in the first place.
 */
export function takeTokenFromAddress(): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = fragment.get('token')
  if (token === null) return null
  fragment.delete('token')
  const rest = fragment.toString()
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`)
  return isScreenToken(token) ? token : null
}

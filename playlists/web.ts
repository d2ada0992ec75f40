/**
 * Web pages on screen come only from origins an admin put on the allow-list: a border gate's
 * panel showing an arbitrary site is an incident. These checks are shared by the server (on
 * save and on compile) and the tests.
 */

/** The normalised origin of an allow-list entry, or a reason it cannot be one. */
export function parseWebOrigin(text: string): { origin: string } | { problem: string } {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { problem: `"${text}" is not an address; write it like https://www.langson.gov.vn` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: `"${text}": only http and https pages can be shown` }
  if (url.username || url.password)
    return { problem: `"${text}": an origin cannot carry a user name or password` }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    return { problem: `"${text}": give the origin only (scheme, host and port), without a path or query` }
  return { origin: url.origin }
}

/** Why `address` may not be shown given the allowed origins, or null when it may. */
export function webUrlProblem(address: string, allowed: ReadonlySet<string>): string | null {
  const checked = webAddress(address)
  if ('problem' in checked) return checked.problem
  if (!allowed.has(checked.origin))
    return `${checked.origin} is not on the web-page allow-list; an admin can add it (PUT /api/web-origins)`
  return null
}

/**
 * The origin of a page address any screen could show, whatever the allow-list says, or why none
 * could. A screen's document holds only pages the allow-list let through when it was compiled;
 * this is what a player can still check by itself (see playable.ts).
 */
export function webAddress(address: string): { origin: string } | { problem: string } {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return { problem: `"${address}" is not a valid address` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: `"${address}": only http and https pages can be shown` }
  if (url.username || url.password)
    return { problem: `"${address}": addresses with a user name or password are not allowed` }
  return { origin: url.origin }
}

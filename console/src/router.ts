import { signal } from '@preact/signals'

/**
 * Hash routes (`#/media`, `#/playlists/welcome`): the server serves one page, bookmarks and the
 * back button work, and no server route has to know the console's pages.
 */
export interface Route {
  /** The path's segments: `#/playlists/welcome` → ['playlists', 'welcome']. */
  segments: string[]
  query: URLSearchParams
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '')
  const [path = '', query = ''] = raw.split('?', 2)
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s)
      } catch {
        return s
      }
    })
  return { segments, query: new URLSearchParams(query) }
}

export const route = signal<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.value = parseHash(location.hash)
  })
}

/** The address of a console page: href('playlists', id) → `#/playlists/<id>`. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`
}

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to
  else route.value = parseHash(to)
}

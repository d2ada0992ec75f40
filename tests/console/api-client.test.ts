import { api, hrefOf, kindPath, read, urlOf } from '@console/api'
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'

/**
 * The console's client fills a route's pattern from its params and query, and sends what the
 * contract says. The `@ts-expect-error` lines are checked by `tsc -b` (tests/ is a project of
 * the build): each would compile, and so fail the build, if the client stopped checking it.
 */

afterEach(() => {
  vi.unstubAllGlobals()
})

/** The requests the client makes, answered with `body`. */
function recordFetch(body: unknown, status = 200) {
  const sent: { url: string; init: RequestInit }[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init })
    return new Response(status === 204 ? null : JSON.stringify(body), { status })
  })
  return sent
}

describe("the console's API client", () => {
  it('fills path parameters, encoded, and leaves empty query values out', () => {
    expect(urlOf('/api/playlists/:id/versions/:n', { params: { id: 'a b/c', n: 3 } })).toBe(
      '/api/playlists/a%20b%2Fc/versions/3',
    )
    expect(
      urlOf('/api/media/library', { query: { q: '', tag: null, kind: undefined, page: 2, pageSize: 24 } }),
    ).toBe('/api/media/library?page=2&pageSize=24')
    expect(hrefOf('/api/audit.csv', { query: { outcome: 'ok' } })).toBe('/api/audit.csv?outcome=ok')
    expect(read('/api/sites/:id', { params: { id: 'border-1' } }).url).toBe('/api/sites/border-1')
    expect(kindPath('schedule', '/:id/versions/:n')).toBe('/api/schedules/:id/versions/:n')
  })

  it('refuses a pattern left with a parameter it was not given', () => {
    expect(() => urlOf('/api/playlists/:id', {})).toThrow(/no value for :id/)
  })

  it('sends a write its body as JSON, and {} when it has none', async () => {
    const sent = recordFetch({ id: 'x' })
    await api.put('/api/playlists/:id', { params: { id: 'x' }, body: { name: 'Lobby', items: [] } })
    await api.post('/api/emergencies/:id/clear', { params: { id: 'e1' } })
    expect(sent.map((s) => [s.init.method, s.url, s.init.body])).toEqual([
      ['PUT', '/api/playlists/x', JSON.stringify({ name: 'Lobby', items: [] })],
      ['POST', '/api/emergencies/e1/clear', '{}'],
    ])
  })

  it('answers with the type of the route’s success schema', async () => {
    recordFetch([])
    const versions = await api.get('/api/playlists/:id/versions', { params: { id: 'x' } })
    expect(versions).toEqual([])
    expectTypeOf(versions).items.toHaveProperty('number').toEqualTypeOf<number>()
    recordFetch(null, 204)
    expectTypeOf(await api.delete('/api/media/:id', { params: { id: 'm' } })).toEqualTypeOf<undefined>()
  })

  it('does not compile a call the contract does not allow', () => {
    recordFetch({})
    const never = () => {
      // @ts-expect-error: no such route
      void api.get('/api/playlist/:id', { params: { id: 'x' } })
      // @ts-expect-error: a route with a parameter needs it
      void api.get('/api/playlists/:id')
      // @ts-expect-error: the playlists' body has no `title`
      void api.post('/api/playlists', { body: { title: 'Lobby', items: [] } })
      // @ts-expect-error: GET only: the status list cannot be posted to
      void api.post('/api/screens/status')
      // @ts-expect-error: a command the players do not know
      void api.post('/api/screens/:id/commands', { params: { id: 's' }, body: { type: 'reboot' } })
      void (async () => {
        const playlist = await api.get('/api/playlists/:id', { params: { id: 'x' } })
        // @ts-expect-error: a field the answer does not have
        return playlist.title
      })
    }
    expect(typeof never).toBe('function')
  })
})

import { describe, expect, it } from 'vitest'
import { importsOf, readSource, sourceFiles, violation } from '../helpers/imports'

/**
 * What each part may import. The core (playlists/) is pure: it imports only itself and
 * CORE_PACKAGES, never Node or the DOM, so the server, the player and the console all run it.
 * The player and the console run in a browser: never the server's code, nor Node's modules; what
 * they share with the server lives in the core. The server never imports a browser package.
 */
describe('package boundaries', () => {
  it('refuses what each part may not import', () => {
    expect(violation('playlists/schedule/reach.ts', 'node:fs')).toMatch(/Node's node:fs/)
    expect(violation('playlists/time/zone.ts', 'fs')).toMatch(/Node's fs/)
    expect(violation('playlists/schemas/site.ts', '../../server/time-zones')).toMatch(/outside playlists/)
    expect(violation('playlists/events.ts', 'preact/hooks')).toMatch(/not among CORE_PACKAGES/)
    expect(violation('playlists/events.ts', 'socket.io-client')).toMatch(/not among CORE_PACKAGES/)
    expect(violation('server/console/src/session.ts', '../../auth/permissions')).toMatch(
      /server's server\/auth/,
    )
    expect(violation('player/src/preview.ts', '../../server/paths')).toMatch(/server's server\/paths/)
    expect(violation('player/src/offline.ts', 'node:path')).toMatch(/runs in a browser/)
    expect(violation('server/routes/sites.ts', 'preact')).toMatch(/browser package/)
  })

  it('lets each part import what it may', () => {
    expect(violation('playlists/schemas/site.ts', 'typebox')).toBeNull()
    expect(violation('playlists/schemas/site.ts', '../time/zone')).toBeNull()
    expect(violation('server/console/src/session.ts', '../../../playlists/auth/permissions')).toBeNull()
    expect(violation('server/console/src/pages/index.ts', '../session')).toBeNull()
    expect(violation('player/src/preview.ts', '../../playlists/preview-protocol')).toBeNull()
    expect(violation('server/routes/sites.ts', 'node:fs')).toBeNull()
  })

  it('holds in every source file of the core, the player, the console and the server', () => {
    const files = sourceFiles('playlists', 'player', 'server')
    // The scan found the tree, not an empty folder: each part has files of its own.
    for (const folder of ['playlists/', 'player/', 'server/console/', 'server/routes/']) {
      expect(files.some((f) => f.startsWith(folder))).toBe(true)
    }
    const broken = files.flatMap((file) =>
      importsOf(readSource(file)).flatMap((spec) => {
        const why = violation(file, spec)
        return why === null ? [] : [`${file} → ${spec}: ${why}`]
      }),
    )
    expect(broken).toEqual([])
  })
})

describe('shared rules live in the core once', () => {
  it('names the default time zone in one place, playlists/time/zone.ts', () => {
    const naming = sourceFiles('playlists', 'player', 'server').filter((f) =>
      readSource(f).includes('Asia/Ho_Chi_Minh'),
    )
    expect(naming).toEqual(['playlists/time/zone.ts'])
  })
})

import { describe, expect, it } from 'vitest'
import {
  BROWSER_PACKAGES,
  importsOf,
  packageOf,
  readSource,
  sourceFiles,
  violation,
} from '../helpers/imports'

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
    expect(violation('playlists/schemas/site.ts', '@server/time-zones')).toMatch(/outside playlists/)
    expect(violation('playlists/schemas/site.ts', '@console/session')).toMatch(/outside playlists/)
    expect(violation('playlists/events.ts', 'preact/hooks')).toMatch(/not among CORE_PACKAGES/)
    expect(violation('playlists/events.ts', 'socket.io-client')).toMatch(/not among CORE_PACKAGES/)
    expect(violation('console/src/session.ts', '@server/auth/permissions')).toMatch(/server's server\/auth/)
    expect(violation('console/src/session.ts', '../../server/auth/permissions')).toMatch(
      /server's server\/auth/,
    )
    expect(violation('player/src/preview.ts', '../../server/paths')).toMatch(/server's server\/paths/)
    expect(violation('player/src/preview.ts', '@server/paths')).toMatch(/server's server\/paths/)
    // Across packages, an alias: a relative path that climbs out of its package is refused.
    expect(violation('server/routes/sites.ts', '../../playlists/schemas/site')).toMatch(/its alias/)
    expect(violation('console/src/session.ts', '../../playlists/auth/permissions')).toMatch(/its alias/)
    expect(violation('player/src/offline.ts', 'node:path')).toMatch(/runs in a browser/)
    expect(violation('server/routes/sites.ts', 'preact')).toMatch(/browser package/)
  })

  it('lets each part import what it may', () => {
    expect(violation('playlists/schemas/site.ts', 'typebox')).toBeNull()
    expect(violation('playlists/schemas/site.ts', '../time/zone')).toBeNull()
    expect(violation('console/src/session.ts', '@playlists/auth/permissions')).toBeNull()
    expect(violation('console/src/pages/index.ts', '../session')).toBeNull()
    expect(violation('console/src/pages/playlists/item-frame.tsx', '@player/stage')).toBeNull()
    expect(violation('player/src/preview.ts', '@playlists/preview-protocol')).toBeNull()
    expect(violation('server/routes/sites.ts', 'node:fs')).toBeNull()
    // The kiosk agent runs in Node beside the player: Node's modules and the socket client, never the server.
    expect(violation('player/kiosk/agent/hardware.ts', 'node:child_process')).toBeNull()
    expect(violation('player/kiosk/agent/agent.ts', 'socket.io-client')).toBeNull()
    expect(violation('player/kiosk/agent/agent.ts', '@playlists/power/plan')).toBeNull()
    expect(violation('player/kiosk/agent/agent.ts', '@server/paths')).toMatch(/server's server\/paths/)
    expect(violation('player/src/main.ts', '../kiosk/agent/cdp')).toMatch(
      /relative import leaves its package/,
    )
  })

  it('holds in every source file of the core, the player, the console and the server', () => {
    const files = sourceFiles('playlists', 'player', 'console', 'server')
    // The scan found the tree, not an empty folder: each part has files of its own.
    for (const folder of ['playlists/', 'player/', 'player/kiosk/agent/', 'console/', 'server/routes/']) {
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
    const naming = sourceFiles('playlists', 'player', 'console', 'server').filter((f) =>
      readSource(f).includes('Asia/Ho_Chi_Minh'),
    )
    expect(naming).toEqual(['playlists/time/zone.ts'])
  })
})

describe('the production image carries what the server runs, and no browser package', () => {
  const manifest = JSON.parse(readSource('package.json')) as {
    dependencies: Record<string, string>
    devDependencies: Record<string, string>
  }
  /** Modules that run only from source (tsx, vitest), never from dist/: they may use dev tools. */
  const SOURCE_ONLY = new Set(['server/compute/dev-worker.ts'])

  it('lists every package the server and the core import among the dependencies', () => {
    const missing = sourceFiles('server', 'playlists')
      .filter((file) => !SOURCE_ONLY.has(file))
      .flatMap((file) =>
        importsOf(readSource(file)).flatMap((spec) => {
          const name = packageOf(spec)
          return name === null || name in manifest.dependencies ? [] : [`${file} → ${spec}`]
        }),
      )
    // `npm prune --omit=dev` in deploy/Dockerfile would leave these out, and the server would not start.
    expect(missing).toEqual([])
  })

  it('keeps the browser packages among the dev dependencies (bundled into the apps at build time)', () => {
    for (const name of BROWSER_PACKAGES) {
      expect(manifest.dependencies, name).not.toHaveProperty(name)
      expect(manifest.devDependencies, name).toHaveProperty(name)
    }
  })
})

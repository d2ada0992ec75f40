import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ALWAYS, STAMP, staleReasons, writeStamp } from '../../scripts/build-stamp.mjs'

/**
 * The build stamp (scripts/build-stamp.mjs) is what lets scripts/test.sh build dist/ once for
 * both runners: each runner's set-up builds again only if the stamp says the build is stale. So
 * it must say so whenever a file the build read has changed or gone, or an output is missing;
 * otherwise a runner would test yesterday's bundle.
 */

let root: string
let dist: string
const write = (file: string, text: string) => {
  mkdirSync(join(root, file, '..'), { recursive: true })
  writeFileSync(join(root, file), text)
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'gatecast-stamp-'))
  dist = join(root, 'dist')
  for (const file of ALWAYS) write(file, `// ${file}`)
  write('player/src/main.ts', 'export const a = 1')
  write('playlists/timeline.ts', 'export const b = 2')
  write('dist/player/player.js', 'bundle')
  await writeStamp(root, dist, {
    inputs: ['player/src/main.ts', 'playlists/timeline.ts'],
    outputs: ['player/player.js'],
  })
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('the build stamp', () => {
  it('finds a build fresh while nothing it read has changed, whatever was touched', async () => {
    // Written again with the same bytes: a new modification time, the same sources.
    write('player/src/main.ts', 'export const a = 1')
    expect(await staleReasons(root, dist)).toEqual([])
  })

  it('finds it stale when a source changes, is removed, or the build script or the lock file change', async () => {
    write('playlists/timeline.ts', 'export const b = 3')
    expect(await staleReasons(root, dist)).toEqual(['playlists/timeline.ts changed'])
    rmSync(join(root, 'player/src/main.ts'))
    write('package-lock.json', '{"lockfileVersion": 4}')
    write('scripts/build.mjs', '// another build')
    expect((await staleReasons(root, dist)).sort()).toEqual([
      'package-lock.json changed',
      'player/src/main.ts is gone',
      'playlists/timeline.ts changed',
      'scripts/build.mjs changed',
    ])
  })

  it('finds it stale when an output is missing, or there is no stamp', async () => {
    rmSync(join(dist, 'player/player.js'))
    expect(await staleReasons(root, dist)).toEqual(['dist/player/player.js is missing'])
    rmSync(join(dist, STAMP))
    expect(await staleReasons(root, dist)).toEqual([`no ${STAMP} in ${dist}`])
  })
})

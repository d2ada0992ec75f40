import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { describe, expect, it } from 'vitest'

/** semver is a dev dependency (and fastify's own); its types are not installed, so typed here. */
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string; major: number } | null
  satisfies(version: string, range: string): boolean
  validRange(range: string): string | null
}

interface LockEntry {
  version?: string
  engines?: { node?: string } | string[]
  optional?: boolean
}

const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'))

/**
 * `npm ci` warns (EBADENGINE) for every installed package whose `engines.node` excludes the
 * running Node; cookie@2 and content-disposition@3 wanted Node 22 and were pinned back by
 * "overrides". This keeps any newer dependency from bringing the warning — or a package that
 * cannot run — back on the oldest Node the project supports.
 */
describe('the dependency tree runs on the supported Node', () => {
  const supported: string = read('package.json').engines.node
  const oldest = semver.minVersion(supported)!

  it('supports Node 20 (the Dockerfile and the kiosks run it)', () => {
    expect(oldest.major).toBe(20)
    expect(readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8')).toMatch(/FROM node:20-/)
  })

  it(`has no installed package whose engines exclude Node ${oldest.version}`, () => {
    const packages: Record<string, LockEntry> = read('package-lock.json').packages
    const excluding: string[] = []
    let checked = 0
    for (const [path, entry] of Object.entries(packages)) {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined
      if (path === '' || !range) continue
      checked++
      // An unreadable range is npm's problem too: report it rather than skip it.
      if (!semver.validRange(range) || !semver.satisfies(oldest.version, range)) {
        excluding.push(`${path}@${entry.version}: node ${range}`)
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(excluding).toEqual([])
  })
})

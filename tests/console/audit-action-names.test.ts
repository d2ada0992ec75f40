import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ACTION_CODES } from '@console/pages/audit/actions'
import { familyLabel } from '@console/pages/audit/objects'
import { describe, expect, it } from 'vitest'

const SERVER = join(import.meta.dirname, '..', '..', 'server')

/** Every TypeScript file of the server, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') ? [path] : []
  })
}

/**
 * The audit log's action codes the server writes as literals: a route's `config.audit`, and
 * the `action` of an entry recorded by hand. Codes built from a type (`${type}.approve`) are
 * the approvable types' own, named with them.
 */
function serverActionCodes(): Set<string> {
  const codes = new Set<string>()
  for (const file of sources(SERVER)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:audit|action): '([a-z][a-z.-]*)'/g)) {
      codes.add(m[1]!)
    }
  }
  return codes
}

describe('the audit page’s names for actions', () => {
  it('names, in vi, zh and en, every action the server records', () => {
    const codes = serverActionCodes()
    // The scan finds the server's actions at all (a renamed key would make it vacuous).
    expect(codes.size).toBeGreaterThan(40)
    expect(codes).toContain('site.power-plan')
    const known = new Set<string>(ACTION_CODES)
    expect([...codes].filter((c) => !known.has(c)).sort()).toEqual([])
  })

  it('names the family of every action (what the action filter groups by)', () => {
    const families = new Set([...serverActionCodes(), ...ACTION_CODES].map((c) => c.split('.')[0]!))
    // familyLabel answers the code itself when it knows no name for it.
    expect([...families].filter((f) => familyLabel(f) === f).sort()).toEqual([])
  })
})

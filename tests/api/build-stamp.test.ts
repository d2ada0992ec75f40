import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { STAMP, staleReasons } from '../../scripts/build-stamp.mjs'
import { readSource, sourceFiles } from '../helpers/imports'

const DIST = join(ROOT, 'dist')

/** A module of types alone, which a bundle never reads: its importers import it with `import type`. */
const typesOnly = (file: string) =>
  ts
    .createSourceFile(file, readSource(file), ts.ScriptTarget.Latest)
    .statements.every(
      (s) =>
        ts.isInterfaceDeclaration(s) ||
        ts.isTypeAliasDeclaration(s) ||
        (ts.isImportDeclaration(s) && s.importClause?.isTypeOnly === true) ||
        (ts.isExportDeclaration(s) && s.isTypeOnly),
    )

/**
 * The build this project's set-up made or found fresh (tests/global-setup.ts) is the build of the
 * sources as they stand, and its stamp covers every bundle: each entry point and every module of
 * the core, the player and the console the browser bundles are made of.
 */
describe('the build the tests run', () => {
  it('is fresh, and its stamp hashes every source the bundles are made of', async () => {
    expect(await staleReasons(ROOT, DIST)).toEqual([])
    const { inputs } = JSON.parse(readFileSync(join(DIST, STAMP), 'utf8')) as {
      inputs: Record<string, string>
    }
    for (const entry of [
      'player/src/main.ts',
      'player/sw.ts',
      'player/index.html',
      'console/src/main.tsx',
      'console/index.html',
      'server/main.ts',
      'server/cli/backup.ts',
      'server/compute/worker.ts',
      'scripts/build.mjs',
      'package-lock.json',
    ])
      expect(Object.keys(inputs), entry).toContain(entry)
    // A bundle reads the modules it imports: the player's are all there, but modules of types.
    const bundled = sourceFiles('player/src').filter((f) => !f.endsWith('.d.ts') && !typesOnly(f))
    expect(bundled.length).toBeGreaterThan(10)
    expect(bundled.filter((f) => !(f in inputs))).toEqual([])
  })
})

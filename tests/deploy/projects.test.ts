import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '@server/paths'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSource } from '../helpers/imports'
import {
  type Listed,
  listProjects,
  membershipProblems,
  ownedByPlaywright,
  runtimeImportsOf,
  testFiles,
  unitImportProblems,
} from '../helpers/projects'

/** Vitest's own listing of the suite, made once: it takes seconds on a busy machine. */
let listed: Listed[]
beforeAll(async () => {
  listed = await listProjects()
})

/**
 * `npm run test:unit` means what it says: the vitest projects split the suite by what each file
 * starts (vitest.config.ts), every file is in exactly one, and a unit test loads nothing that
 * starts a server, a browser, Redis or a socket.
 */
describe('vitest projects', () => {
  it('puts every test file in exactly one project', () => {
    const files = testFiles()
    // The listing is vitest's own: it found the suite, in each of the projects. The browser tests
    // and the timed ones are Playwright's (tests/deploy/test-runners.test.ts).
    expect(new Set(listed.map((l) => l.project))).toEqual(
      new Set(['unit', 'api', 'realtime', 'api-postgres', 'realtime-postgres']),
    )
    // The PostgreSQL projects run files again, on the other engine: every file of the API and
    // realtime folders, each from the project of the same kind on SQLite.
    const own = listed.filter((l) => !l.project.endsWith('-postgres'))
    for (const kind of ['api', 'realtime']) {
      const again = listed.filter((l) => l.project === `${kind}-postgres`).map((l) => l.file)
      const folder = own.filter((l) => l.file.startsWith(`tests/${kind}/`)).map((l) => l.file)
      expect(again.length).toBeGreaterThan(0)
      expect(again.filter((f) => !own.some((l) => l.file === f && l.project === kind))).toEqual([])
      expect(
        folder.filter((f) => !listed.some((l) => l.file === f && l.project.endsWith('-postgres'))),
      ).toEqual([])
    }
    expect(membershipProblems(files, own, (f) => ownedByPlaywright(readSource(f)))).toEqual([])
    // vitest runs no Playwright spec, whatever its globs say.
    expect(listed.filter((l) => !l.file.endsWith('.test.ts'))).toEqual([])
  })

  it('finds a file in no project, in two, and a Playwright file vitest would also run', () => {
    const files = ['tests/a.test.ts', 'tests/b.test.ts', 'tests/c.test.ts', 'tests/d.test.ts']
    const listed = [
      { file: 'tests/a.test.ts', project: 'unit' },
      { file: 'tests/b.test.ts', project: 'unit' },
      { file: 'tests/b.test.ts', project: 'api' },
      { file: 'tests/d.test.ts', project: 'api' },
    ]
    expect(membershipProblems(files, listed, (f) => f === 'tests/d.test.ts')).toEqual([
      'tests/b.test.ts is in 2 projects: unit, api',
      'tests/c.test.ts is in no vitest project',
      'tests/d.test.ts runs under Playwright but is in api',
    ])
    expect(ownedByPlaywright("import { expect, test } from '@playwright/test'")).toBe(true)
    expect(ownedByPlaywright("import type { Page } from 'playwright-core'")).toBe(false)
  })

  it('gives npm run test:unit, test:api, test:realtime and the PostgreSQL ones their project', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    for (const name of ['unit', 'api', 'realtime', 'api-postgres', 'realtime-postgres'])
      expect(scripts[`test:${name}`]).toBe(`vitest run --project ${name}`)
  })
})

describe('unit tests', () => {
  it('load nothing that starts a server, a browser, Redis or a socket', () => {
    const unit = listed.filter((l) => l.project === 'unit').map((l) => l.file)
    // The core, the console's and the player's logic are all unit tests.
    for (const folder of ['tests/playlists/', 'tests/console/', 'tests/player/']) {
      expect(unit.some((f) => f.startsWith(folder))).toBe(true)
    }
    expect(unit.flatMap((file) => unitImportProblems(file))).toEqual([])
  })

  it('find a server, a browser or a socket reached through a helper, but not a type', () => {
    const sources: Record<string, string> = {
      'tests/x/a.test.ts': [
        "import { listen } from '../helpers/app'",
        "import type { Page } from 'playwright-core'",
        "import { shared } from '../helpers/documents'",
      ].join('\n'),
      'tests/helpers/documents.ts':
        "export { io } from 'socket.io-client'\nimport { createServer } from 'http'",
    }
    expect(unitImportProblems('tests/x/a.test.ts', (f) => sources[f] ?? '')).toEqual([
      'tests/x/a.test.ts → tests/helpers/app.ts starts the app (createTestApp)',
      'tests/x/a.test.ts → tests/helpers/documents.ts → socket.io-client starts a socket.io client',
      'tests/x/a.test.ts → tests/helpers/documents.ts → node:http starts an HTTP server or client',
    ])
    expect(
      runtimeImportsOf("const m = await import('../helpers/browser')\nexport type { X } from './y'"),
    ).toEqual(['../helpers/browser'])
  })
})

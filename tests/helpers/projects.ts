import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '@server/paths'
import ts from 'typescript'
import { readSource, sourceFiles } from './imports'

/** A test file (path from the repository root) and the vitest project that runs it. */
export interface Listed {
  file: string
  project: string
}

/**
 * Which project vitest itself puts each test file in, from the configuration as written: `vitest
 * list --filesOnly` resolves the projects' globs without running a test or a set-up.
 */
export async function listProjects(): Promise<Listed[]> {
  // The child is a vitest of its own, not a worker of this one: drop the variables this run set.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'list', '--filesOnly', '--json'],
    { cwd: ROOT, env: { ...env, NODE_OPTIONS: '' }, maxBuffer: 16 * 2 ** 20 },
  )
  const listed = JSON.parse(stdout) as { file: string; projectName?: string }[]
  return listed.map(({ file, projectName }) => ({ file: fromRoot(file), project: projectName ?? '' }))
}

const fromRoot = (path: string) => relative(ROOT, path).split(sep).join('/')

/** Every test file under tests/, whichever runner owns it. */
export const testFiles = (): string[] => sourceFiles('tests').filter((f) => f.endsWith('.test.ts'))

/**
 * Files written for Playwright's own runner (@playwright/test) belong to it and to no vitest
 * project; every other test file belongs to exactly one.
 */
export const ownedByPlaywright = (source: string) => runtimeImportsOf(source).includes('@playwright/test')

/** What is wrong with the listing: a vitest test file in no project or in several, a Playwright one in any. */
export function membershipProblems(
  files: readonly string[],
  listed: readonly Listed[],
  playwright: (file: string) => boolean,
): string[] {
  const projects = new Map<string, string[]>()
  for (const { file, project } of listed) projects.set(file, [...(projects.get(file) ?? []), project])
  return files.flatMap((file) => {
    const found = projects.get(file) ?? []
    if (playwright(file))
      return found.length === 0 ? [] : [`${file} runs under Playwright but is in ${found}`]
    if (found.length === 0) return [`${file} is in no vitest project`]
    if (found.length > 1) return [`${file} is in ${found.length} projects: ${found.join(', ')}`]
    return []
  })
}

/**
 * What a unit test may not load, with what it would start. Test helpers and packages are named by
 * their runtime imports: a type imported from playwright-core starts no browser.
 */
const STARTS: Record<string, string> = {
  'tests/helpers/app.ts': 'the app (createTestApp)',
  'tests/helpers/browser.ts': 'Chromium',
  'tests/helpers/redis.ts': 'redis-server',
  'tests/helpers/postgres.ts': 'PostgreSQL',
  'tests/helpers/listen.ts': 'a listening server and socket.io players',
  'tests/helpers/bundled.ts': 'the bundled server',
  'tests/helpers/spawned-server.ts': 'the bundled server',
  'tests/helpers/loopback-server.ts': 'an HTTP server',
  'tests/helpers/page-server.ts': 'a TCP server',
  'tests/helpers/tcp-proxy.ts': 'a TCP proxy',
  'server/app.ts': 'the app (buildApp)',
  'server/main.ts': 'the server',
  'playwright-core': 'Chromium',
  '@playwright/test': 'Chromium',
  'socket.io-client': 'a socket.io client',
  ioredis: 'a Redis client',
  'node:http': 'an HTTP server or client',
  'node:https': 'an HTTPS server or client',
  'node:http2': 'an HTTP/2 server or client',
  'node:net': 'a TCP server or client',
  'node:tls': 'a TLS server or client',
  'node:dgram': 'a UDP socket',
}

/**
 * Modules a source loads when it runs: static imports and re-exports but `import type`/`export
 * type`, and dynamic `import('…')`. (With verbatimModuleSyntax, `import { type A } from 'x'` still
 * loads x.)
 */
export function runtimeImportsOf(source: string): string[] {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true)
  const specs: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      specs.push((node.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      specs.push((node.moduleSpecifier as ts.StringLiteral).text)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return specs
}

/** `../helpers/app` from tests/x/y.test.ts → tests/helpers/app.ts; a package or builtin → its name. */
function target(from: string, spec: string): string {
  if (!spec.startsWith('.')) return isBuiltin(spec) && !spec.startsWith('node:') ? `node:${spec}` : spec
  const base = fromRoot(resolve(ROOT, dirname(from), spec))
  const found = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find((f) => existsSync(join(ROOT, f)))
  return found ?? base
}

/**
 * Why the unit test `file` is not one: each chain of runtime imports, through the test helpers it
 * loads, that reaches something that starts a server, a browser, Redis or a socket.
 */
export function unitImportProblems(file: string, read: (file: string) => string = readSource): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  const walk = (module: string, chain: string[]) => {
    if (seen.has(module)) return
    seen.add(module)
    for (const spec of runtimeImportsOf(read(module))) {
      const to = target(module, spec)
      const path = [...chain, to]
      const starts = STARTS[to]
      if (starts !== undefined) problems.push(`${path.join(' → ')} starts ${starts}`)
      // Only the tests' own modules are followed: the product's imports are its business, and
      // loading a server module (a socket.io type, a route) starts nothing until the app is built.
      else if (to.startsWith('tests/') && to.endsWith('.ts')) walk(to, path)
    }
  }
  walk(file, [file])
  return problems
}

/**
 * Which Playwright project runs each test, from the configuration as written: `playwright test
 * --list` resolves testDir, testMatch and the projects' grep without running a test or a set-up.
 * One entry per test (a file's tests may be split between projects by their tags).
 */
export async function listPlaywright(): Promise<Listed[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '--list', '--reporter=json'],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 2 ** 20 },
  )
  interface Suite {
    specs?: { file: string; tests: { projectName: string }[] }[]
    suites?: Suite[]
  }
  const report = JSON.parse(stdout) as { config: { rootDir: string }; suites: Suite[] }
  const listed: Listed[] = []
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        listed.push({ file: fromRoot(join(report.config.rootDir, spec.file)), project: test.projectName })
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites) walk(suite)
  return listed
}

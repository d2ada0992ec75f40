import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * A worker thread's entry when the server runs from source (tsx, vitest): bundled with esbuild
 * once per process and entry, as scripts/build.mjs bundles it for dist/. A worker thread does not
 * inherit tsx's loader, and loading the TypeScript through tsx in each worker took seconds per
 * worker. Packages stay outside the bundle, imported by absolute path: the bundle lives in a temp
 * folder, where `import 'better-sqlite3'` would find no node_modules.
 */
const built = new Map<string, Promise<URL>>()

/** The import aliases of the packages a worker may use (the server's own and the core). */
const OWN_ALIASES = ['@server/', '@playlists/']

/** The bundle of `source` (a worker's .ts file); the compute worker's by default. */
export function devWorkerEntry(source = new URL('./worker.ts', import.meta.url)): Promise<URL> {
  let entry = built.get(source.href)
  if (!entry) {
    entry = bundle(source)
    built.set(source.href, entry)
  }
  return entry
}

async function bundle(source: URL): Promise<URL> {
  const { build } = await import('esbuild')
  const dir = mkdtempSync(join(tmpdir(), 'gatecast-worker-'))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  const require = createRequire(import.meta.url)
  const outfile = join(dir, 'worker.mjs')
  await build({
    entryPoints: [fileURLToPath(source)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-by-path',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            if (path.startsWith('node:')) return { path, external: true }
            // Our own packages, named by their aliases (tsconfig.base.json): esbuild resolves
            // them through the tsconfig and bundles them like any relative import.
            if (OWN_ALIASES.some((alias) => path.startsWith(alias))) return undefined
            return { path: pathToFileURL(require.resolve(path)).href, external: true }
          })
        },
      },
    ],
  })
  return pathToFileURL(outfile)
}

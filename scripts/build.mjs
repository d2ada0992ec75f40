// Bundles the server (Node, dependencies left external) and the player (browser) with esbuild.
import { createHash } from 'node:crypto'
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as esbuild } from 'esbuild'
import { staleReasons, writeStamp } from './build-stamp.mjs'
import { buildFonts } from './fonts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

const fromRoot = (path) => relative(root, path).split(sep).join('/')
const fromDist = (path) => relative(dist, join(root, path)).split(sep).join('/')

/**
 * esbuild's build, also answering which files it read (paths from the repository root) and wrote
 * (from dist/): what the build stamp records.
 */
async function build(options) {
  const { metafile } = await esbuild({ ...options, absWorkingDir: root, metafile: true })
  return {
    // Only files: a path in a namespace of its own (`(disabled):fs`) is none.
    inputs: Object.keys(metafile.inputs).filter((input) => !input.includes(':')),
    outputs: Object.keys(metafile.outputs).map(fromDist),
  }
}

/** A file copied into dist/ as it is, as a build's inputs and outputs. */
async function copied(from, to) {
  await copyFile(from, to)
  return { inputs: [fromRoot(from)], outputs: [relative(dist, to).split(sep).join('/')] }
}

const together = (parts) => ({
  inputs: parts.flatMap((p) => p.inputs),
  outputs: parts.flatMap((p) => p.outputs),
})

export async function buildPlayer() {
  const out = join(dist, 'player')
  await mkdir(out, { recursive: true })
  const [bundle] = await Promise.all([
    build({
      entryPoints: [join(root, 'player/src/main.ts')],
      bundle: true,
      format: 'esm',
      // Debian's Chromium on the screen PCs is current; older kiosks are not supported.
      target: 'chrome110',
      minify: true,
      sourcemap: true,
      outfile: join(out, 'player.js'),
      logLevel: 'warning',
    }),
    // The fonts come from the packages package-lock.json pins, which the stamp always hashes.
    buildFonts(out),
  ])
  const pages = [await copied(join(root, 'player/index.html'), join(out, 'index.html'))]
  // The styles' parts (player/styles/) bundled in their @import order, the cascade they were written for.
  const styles = await build({
    entryPoints: [join(root, 'player/player.css')],
    bundle: true,
    target: 'chrome110',
    outfile: join(out, 'player.css'),
    logLevel: 'warning',
  })
  const fonts = { inputs: [], outputs: ['player/fonts.css', 'player/fonts.json'] }
  return together([bundle, styles, fonts, ...pages, await buildServiceWorker(out)])
}

/**
 * The offline player's service worker (player/sw.ts), built last: its shell cache is named for a
 * hash of the shell it precaches (every top-level file but the worker and source maps), so each
 * build is a byte-different sw.js, which is what makes browsers install the new worker.
 */
async function buildServiceWorker(out) {
  const hash = createHash('sha256')
  const files = (await readdir(out, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('sw.') && !e.name.endsWith('.map'))
    .map((e) => e.name)
    .sort()
  for (const name of files) hash.update(name).update(await readFile(join(out, name)))
  return build({
    entryPoints: [join(root, 'player/sw.ts')],
    bundle: true,
    // A classic worker script: registered without `type: 'module'`.
    format: 'iife',
    target: 'chrome110',
    minify: true,
    sourcemap: true,
    define: { SHELL_VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)) },
    outfile: join(out, 'sw.js'),
    logLevel: 'warning',
  })
}

/**
 * The operator and official console (console/): Preact components bundled into one
 * script and one stylesheet (each page's CSS is imported by its module and joins console.css).
 */
export async function buildConsole() {
  const out = join(dist, 'console')
  await mkdir(out, { recursive: true })
  const bundle = await build({
    entryPoints: { console: join(root, 'console/src/main.tsx') },
    bundle: true,
    format: 'esm',
    target: 'chrome110',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    outdir: out,
    logLevel: 'warning',
  })
  return together([
    bundle,
    await copied(join(root, 'console/index.html'), join(out, 'index.html')),
    await copied(join(root, 'console/favicon.svg'), join(out, 'favicon.svg')),
  ])
}

export async function buildServer() {
  return build({
    // The server, the maintenance commands run at the server's console, and the worker threads
    // (dist/server/compute/worker.js: server/compute/pool.ts starts it from there; the backup
    // check dist/server/backup/inspection-worker.js, from server/backup/inspection.ts; the
    // PostgreSQL engine's connection, dist/server/db/postgres/bridge-worker.js).
    // The commands keep their dist names (dist/server/backup-now.js…) beside main.js, so every
    // bundle finds the workers at the same relative place.
    entryPoints: Object.fromEntries(
      [
        ['main', 'main'],
        ['reset-password', 'cli/reset-password'],
        ['backup-now', 'cli/backup'],
        ['restore', 'cli/restore'],
        ['to-postgres', 'cli/to-postgres'],
        ['compute/worker', 'compute/worker'],
        ['backup/inspection-worker', 'backup/inspection-worker'],
        ['db/postgres/bridge-worker', 'db/postgres/bridge-worker'],
      ].map(([out, source]) => [out, join(root, `server/${source}.ts`)]),
    ),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outdir: join(dist, 'server'),
    logLevel: 'warning',
  })
}

/**
 * The kiosk agent (player/kiosk/agent/): one file with every package in it (socket.io-client,
 * ws, the core's power plans), so a screen PC needs only Node 20 to run it.
 */
export async function buildAgent() {
  return build({
    entryPoints: { 'gatecast-agent': join(root, 'player/kiosk/agent/main.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // ws's optional native speed-ups: absent on the kiosk, and ws runs without them.
    external: ['bufferutil', 'utf-8-validate'],
    // The CommonJS packages bundled into an ES module still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __agentRequire } from 'node:module'; const require = __agentRequire(import.meta.url);",
    },
    outdir: join(dist, 'kiosk'),
    logLevel: 'warning',
  })
}

/** Builds the player, the console, the server and the kiosk agent, and stamps dist/ with what they were built from. */
export async function buildAll() {
  const parts = await Promise.all([buildPlayer(), buildConsole(), buildServer(), buildAgent()])
  await writeStamp(root, dist, together(parts))
}

/**
 * Builds unless dist/ is fresh: its stamp's inputs unchanged, its outputs all there. What each
 * test runner's set-up calls, so that a run after another (scripts/test.sh runs vitest, then
 * Playwright) builds once, and no run uses a build older than its sources. Returns why it built
 * (empty when it did not).
 */
export async function ensureBuilt() {
  const reasons = await staleReasons(root, dist)
  if (reasons.length > 0) await buildAll()
  return reasons
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--server') {
  await buildServer()
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(dist, { recursive: true, force: true })
  await buildAll()
  console.log('built dist/server, dist/player, dist/console and dist/kiosk')
}

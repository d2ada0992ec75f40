// Bundles the server (Node, dependencies left external) and the player (browser) with esbuild.
import { copyFile, mkdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { buildFonts } from './fonts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

export async function buildPlayer() {
  const out = join(dist, 'player')
  await mkdir(out, { recursive: true })
  await Promise.all([
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
    buildFonts(out),
  ])
  await copyFile(join(root, 'player/index.html'), join(out, 'index.html'))
  await copyFile(join(root, 'player/player.css'), join(out, 'player.css'))
}

export async function buildServer() {
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outfile: join(dist, 'server/main.js'),
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(dist, { recursive: true, force: true })
  await Promise.all([buildPlayer(), buildServer()])
  console.log('built dist/server and dist/player')
}

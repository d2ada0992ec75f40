import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The repository root, found by walking up to package.json: the same code runs from source
 * (server/*.ts under tsx or vitest) and bundled (dist/server/main.js).
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error('Gatecast: cannot find package.json above the server code')
    dir = parent
  }
}

export const ROOT = findRoot()
/** The bundled player, written by `npm run build`. */
export const PLAYER_DIST = join(ROOT, 'dist', 'player')
/** The bundled console, written by `npm run build`. */
export const CONSOLE_DIST = join(ROOT, 'dist', 'console')
/** Sample content shipped with the repository and loaded into a fresh database. */
export const SEED_DIR = join(ROOT, 'server', 'seed', 'content')

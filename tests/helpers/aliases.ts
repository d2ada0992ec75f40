import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The packages' import aliases (`@playlists/` → `playlists/`), read from tsconfig.base.json's
 * `paths`, the compiler's own table, so that vitest and the import scan cannot drift from it.
 */
const ROOT = join(import.meta.dirname, '..', '..')
const { paths } = (
  JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> }
  }
).compilerOptions

/** Alias prefix → folder, from the repository root, both ending in `/`. */
export const ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [
    alias.replace(/\*$/, ''),
    (target ?? '').replace(/^\.\//, '').replace(/\*$/, ''),
  ]),
)

/** The same table with absolute folders, as a bundler's `resolve.alias` takes it. */
export const ABSOLUTE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ALIASES).map(([alias, folder]) => [alias, `${join(ROOT, folder)}/`]),
)

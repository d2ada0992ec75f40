import { readdirSync, readFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { ROOT } from '@server/paths'
import ts from 'typescript'
import { ALIASES } from './aliases'

/** The parts of the tree whose imports are checked, by the folder that holds each. */
export type Part = 'core' | 'player' | 'agent' | 'console' | 'server'

export function partOf(file: string): Part | null {
  if (file.startsWith('playlists/')) return 'core'
  // The kiosk agent: a Node program on the screen PC, beside the player it watches.
  if (file.startsWith('player/kiosk/')) return 'agent'
  if (file.startsWith('player/')) return 'player'
  if (file.startsWith('console/')) return 'console'
  if (file.startsWith('server/')) return 'server'
  return null
}

/** The path an aliased or relative specifier names, from the repository root; null for a package. */
function targetOf(file: string, spec: string): string | null {
  const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a))
  if (alias) return `${ALIASES[alias]}${spec.slice(alias.length)}`
  if (!spec.startsWith('.')) return null
  return relative(ROOT, resolve(ROOT, dirname(file), spec))
    .split(sep)
    .join('/')
}

/**
 * The only packages the core may import: it must run unchanged in Node, in the player and in the
 * console, so each entry is pure JavaScript with no DOM or Node dependency.
 */
export const CORE_PACKAGES: readonly string[] = [
  // The schemas' language (TypeBox): runs anywhere, and both sides validate with it.
  'typebox',
]

/** Packages that need a browser (a DOM, or a page's socket): bundled into the apps, never the server's. */
export const BROWSER_PACKAGES: readonly string[] = ['preact', '@preact/signals', 'socket.io-client']

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageName = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')

/** The npm package a specifier names, or null for Node's own modules, relative paths and aliases. */
export const packageOf = (spec: string): string | null =>
  spec.startsWith('.') || isBuiltin(spec) || Object.keys(ALIASES).some((a) => spec.startsWith(a))
    ? null
    : packageName(spec)

/** Every module a source names: static and dynamic imports, re-exports, `import('…')` types. */
export const importsOf = (source: string): string[] =>
  ts.preProcessFile(source, true, true).importedFiles.map((i) => i.fileName)

/**
 * Why importing `spec` from `file` (a path from the repository root, with `/`) breaks the
 * boundaries, or null when it does not.
 */
export function violation(file: string, spec: string): string | null {
  const part = partOf(file)
  if (part === null) return null
  const target = targetOf(file, spec)
  if (target !== null) {
    const into = partOf(`${target}/`)
    if (part === 'core' && into !== 'core') return `the core imports ${target}, outside playlists/`
    if ((part === 'player' || part === 'console' || part === 'agent') && into === 'server') {
      return `the ${part} imports the server's ${target}; what both sides use belongs in playlists/`
    }
    if (spec.startsWith('.') && into !== part && into !== null) {
      return `a relative import leaves its package for ${target}; name another package by its alias (@playlists/, @server/…)`
    }
    return null
  }
  const builtin = isBuiltin(spec)
  if (part === 'core') {
    if (builtin) return `the core imports Node's ${spec}; it must run in the browser too`
    if (!CORE_PACKAGES.includes(packageName(spec))) {
      return `the core imports the package ${spec}, which is not among CORE_PACKAGES (pure, runs anywhere)`
    }
    return null
  }
  if ((part === 'player' || part === 'console') && builtin) {
    return `the ${part} imports Node's ${spec}; it runs in a browser`
  }
  if (part === 'server' && BROWSER_PACKAGES.includes(packageName(spec))) {
    return `the server imports the browser package ${spec}`
  }
  return null
}

/** Every .ts/.tsx file under the folders, as paths from the repository root (no builds, no packages). */
export function sourceFiles(...folders: string[]): string[] {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path)
      } else if (/\.tsx?$/.test(entry.name)) {
        files.push(path)
      }
    }
  }
  for (const folder of folders) walk(folder)
  return files.sort()
}

export const readSource = (file: string) => readFileSync(join(ROOT, file), 'utf8')

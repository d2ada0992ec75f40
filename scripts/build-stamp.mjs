// What a build of dist/ was made from, so that a test run builds only when a source changed, and
// never runs on a build older than its sources.
import { createHash } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The stamp's name, in dist/. */
export const STAMP = 'build-stamp.json'

/**
 * Inputs of every build whatever esbuild reports: the build's own code, and the lock file, which
 * pins the fonts the player ships and the packages the server leaves external (esbuild reads
 * neither as a source).
 */
export const ALWAYS = [
  'scripts/build.mjs',
  'scripts/fonts.mjs',
  'scripts/build-stamp.mjs',
  'package-lock.json',
]

async function hashOf(root, file) {
  try {
    return createHash('sha256')
      .update(await readFile(join(root, file)))
      .digest('hex')
  } catch {
    return null
  }
}

/**
 * Writes `<dist>/build-stamp.json`: the hash of every input (paths from `root`) and the outputs
 * the build wrote (paths from `dist`).
 */
export async function writeStamp(root, dist, { inputs, outputs }) {
  const hashes = {}
  for (const file of [...new Set([...ALWAYS, ...inputs])].sort()) {
    const hash = await hashOf(root, file)
    if (hash !== null) hashes[file] = hash
  }
  const stamp = { inputs: hashes, outputs: [...new Set(outputs)].sort() }
  await writeFile(join(dist, STAMP), `${JSON.stringify(stamp, null, 1)}\n`)
}

/**
 * Why the build in `dist` cannot be used, one line a reason: no stamp, an input changed or gone,
 * an output missing. Empty when it is fresh.
 */
export async function staleReasons(root, dist) {
  let stamp
  try {
    stamp = JSON.parse(await readFile(join(dist, STAMP), 'utf8'))
  } catch {
    return [`no ${STAMP} in ${dist}`]
  }
  const reasons = []
  for (const [file, hash] of Object.entries(stamp.inputs ?? {})) {
    const now = await hashOf(root, file)
    if (now !== hash) reasons.push(now === null ? `${file} is gone` : `${file} changed`)
  }
  for (const file of stamp.outputs ?? []) {
    if (!(await stat(join(dist, file)).catch(() => null))) reasons.push(`dist/${file} is missing`)
  }
  return reasons
}

// The player's fonts, bundled from the Fontsource packages so that a screen with no internet and no
// system fonts still renders Vietnamese diacritics and Simplified Chinese with the right glyphs.
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * Two families rather than one with unicode-ranges: Noto Sans and Noto Sans SC overlap (digits,
 * Latin letters, dashes, quotes, the middle dot), and which of them draws a shared code point must
 * depend on the language of the text — Chinese punctuation and quotes in Chinese, Latin ones in
 * Vietnamese and English. player/styles/stage.css orders the two families per `lang`; a single family would fix
 * one choice for every language.
 *
 * Only the variable-weight, upright faces: the player uses weights 400 and 700 and no italics.
 */
export const FONT_FAMILIES = [
  {
    family: 'Gatecast Sans',
    pkg: '@fontsource-variable/noto-sans',
    // Latin and Vietnamese; the package's Cyrillic, Greek and Devanagari subsets are not needed.
    subsets: ['vietnamese', 'latin-ext', 'latin'],
  },
  // Every chunk: which of the ~100 unicode-range chunks a slide needs depends on its text.
  { family: 'Gatecast Sans SC', pkg: '@fontsource-variable/noto-sans-sc', subsets: null },
]

const FACE = /@font-face\s*{([^}]*)}/g
const FILE_URL = /url\(\s*['"]?\.\/files\/([^'")]+\.woff2)['"]?\s*\)/g

/** The declarations of each `@font-face` rule in a Fontsource CSS file, in order. */
function parseFaces(css, source) {
  const faces = []
  for (const [, body] of css.matchAll(FACE)) {
    const declarations = new Map()
    for (const part of body.split(';')) {
      const colon = part.indexOf(':')
      if (colon > 0) declarations.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim())
    }
    const files = [...(declarations.get('src') ?? '').matchAll(FILE_URL)].map((m) => m[1])
    if (files.length !== 1) throw new Error(`${source}: expected one woff2 file per @font-face, got ${files}`)
    faces.push({ declarations, file: files[0] })
  }
  if (faces.length === 0) throw new Error(`${source}: no @font-face rules found`)
  return faces
}

/**
 * The faces of one family: the package's own rules (unicode-range, weights, format) with the family
 * renamed, `font-display: block` (a signage screen should show nothing for a moment rather than flash
 * fallback glyphs) and URLs rewritten to `fonts/<package>-<version>/`. File names carry no hash, so
 * the package version in the path is what lets the server mark them immutable.
 */
async function familyFaces({ family, pkg, subsets }) {
  const cssPath = require.resolve(`${pkg}/wght.css`)
  const pkgDir = dirname(cssPath)
  const { name, version } = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'))
  const slug = basename(name)
  const dir = `${slug}-${version}`
  let faces = parseFaces(await readFile(cssPath, 'utf8'), cssPath).filter(
    (f) => f.declarations.get('font-style') === 'normal',
  )
  if (subsets) {
    const wanted = new Set(subsets.map((s) => `${slug}-${s}-wght-normal.woff2`))
    faces = faces.filter((f) => wanted.has(f.file))
    if (faces.length !== wanted.size) throw new Error(`${pkg}: missing one of the subsets ${subsets}`)
  }
  return faces.map((f) => {
    const d = new Map(f.declarations)
    d.set('font-family', `'${family}'`)
    d.set('font-display', 'block')
    d.set('src', d.get('src').replace(FILE_URL, `url(fonts/${dir}/${f.file})`))
    return {
      family,
      dir,
      file: f.file,
      from: join(pkgDir, 'files', f.file),
      license: join(pkgDir, 'LICENSE'),
      d,
    }
  })
}

/** Copies `from` unless an identical-looking copy is there: paths are versioned, so size is enough. */
async function copyIfChanged(from, to) {
  const [src, dst] = await Promise.all([stat(from), stat(to).catch(() => null)])
  if (dst?.size !== src.size) await copyFile(from, to)
  return src.size
}

/**
 * Copies the needed woff2 files into `<out>/fonts/`, writes `<out>/fonts.css` and
 * `<out>/fonts.json` (every font file's URL relative to the player and its size, for the service
 * worker to precache). Returns that manifest.
 */
export async function buildFonts(out) {
  const faces = (await Promise.all(FONT_FAMILIES.map(familyFaces))).flat()
  const fontsDir = join(out, 'fonts')
  const dirs = [...new Set(faces.map((f) => f.dir))]
  await mkdir(fontsDir, { recursive: true })
  // Drop the folders of package versions no longer used (a build without a clean dist).
  for (const entry of await readdir(fontsDir)) {
    if (!dirs.includes(entry)) await rm(join(fontsDir, entry), { recursive: true, force: true })
  }
  await Promise.all(dirs.map((d) => mkdir(join(fontsDir, d), { recursive: true })))

  const files = await Promise.all(
    faces.map(async (f) => ({
      url: `fonts/${f.dir}/${f.file}`,
      bytes: await copyIfChanged(f.from, join(fontsDir, f.dir, f.file)),
    })),
  )
  // The SIL Open Font License asks that it travel with the fonts.
  await Promise.all(
    dirs.map((d) => copyIfChanged(faces.find((f) => f.dir === d).license, join(fontsDir, d, 'OFL.txt'))),
  )

  const rules = faces.map((f) => {
    const body = [...f.d].map(([k, v]) => `  ${k}: ${v};`).join('\n')
    return `/* ${f.family}: ${f.dir}/${f.file} */\n@font-face {\n${body}\n}\n`
  })
  const header = `/* Generated by scripts/fonts.mjs from the Fontsource packages' CSS; do not edit. */\n`
  const manifest = { css: 'fonts.css', bytes: files.reduce((n, f) => n + f.bytes, 0), files }
  await Promise.all([
    writeFile(join(out, 'fonts.css'), header + rules.join('\n')),
    writeFile(join(out, 'fonts.json'), `${JSON.stringify(manifest, null, 2)}\n`),
  ])
  return manifest
}

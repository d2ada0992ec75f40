/**
 * Measures the advance widths of the player's Latin face (Noto Sans, weights 400 and 700) in
 * Chromium, for the legibility check's text measure (playlists/legibility/advances.ts). The
 * core has no DOM and the server has no fonts: it reads these numbers instead, so the server's
 * verdict on a slide does not trust what a browser reports. Run again after a font upgrade:
 *   npx tsx scripts/font-advances.ts > playlists/legibility/advances.ts && npx biome check --write playlists/legibility
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'

const require = createRequire(import.meta.url)
const files = join(dirname(require.resolve('@fontsource-variable/noto-sans/wght.css')), 'files')

/** Printable ASCII, Latin-1 letters, the Vietnamese letters and the punctuation slides use. */
const ranges: [number, number][] = [
  [0x20, 0x7e],
  [0xc0, 0xff],
  [0x102, 0x103],
  [0x110, 0x111],
  [0x128, 0x129],
  [0x168, 0x169],
  [0x1a0, 0x1a1],
  [0x1af, 0x1b0],
  [0x1ea0, 0x1ef9],
  [0x2013, 0x2014],
  [0x2018, 0x201d],
  [0x2026, 0x2026],
  [0xb7, 0xb7],
]
const chars = ranges.flatMap(([a, b]) =>
  Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)),
)

const faces = ['vietnamese', 'latin-ext', 'latin']
  .map(
    (s) =>
      `@font-face { font-family: M; font-weight: 100 900; src: url("file://${files}/noto-sans-${s}-wght-normal.woff2") format("woff2"); }`,
  )
  .join('\n')
const dir = mkdtempSync(join(tmpdir(), 'advances-'))
const page = join(dir, 'page.html')
writeFileSync(page, `<!doctype html><style>${faces}</style><body>${chars.join('')}</body>`)

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
const tab = await browser.newPage()
await tab.goto(`file://${page}`)
// A string, not a function: tsx would compile a function with helpers the page does not have.
const widths = (await tab.evaluate(`(async (list) => {
  const text = list.join('')
  await Promise.all([document.fonts.load('400 100px M', text), document.fonts.load('700 100px M', text)])
  const ctx = document.createElement('canvas').getContext('2d')
  const measure = (weight) => {
    ctx.font = weight + ' 1000px M'
    return list.map((c) => Math.round(ctx.measureText(c).width))
  }
  return { regular: measure(400), bold: measure(700) }
})(${JSON.stringify(chars)})`)) as { regular: number[]; bold: number[] }
await browser.close()

const table = (w: number[]) => `{\n${chars.map((c, i) => `  ${JSON.stringify(c)}: ${w[i]},`).join('\n')}\n}`
process.stdout.write(`/**
 * Advance widths of Noto Sans (the player's "Gatecast Sans"), in thousandths of an em, measured
 * in Chromium by scripts/font-advances.ts from the bundled font files. Generated: do not edit.
 */
export const REGULAR_ADVANCES: Readonly<Record<string, number>> = ${table(widths.regular)}

export const BOLD_ADVANCES: Readonly<Record<string, number>> = ${table(widths.bold)}
`)

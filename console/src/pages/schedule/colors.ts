/**
 * One colour per playlist, the same wherever it appears on the page: light fills that keep dark
 * text readable (WCAG AA against #1b2430), distinct enough to tell neighbouring blocks apart.
 */
const PALETTE = [
  '#bcd7f5',
  '#f8d0a8',
  '#c5e8c0',
  '#e8c6ef',
  '#f6e39a',
  '#b7e4e4',
  '#f5bfc4',
  '#d7d2f5',
  '#dfe6b0',
  '#f2cfe0',
]

/** Empty stretches (no playlist at all) are grey: nothing plays there. */
export const NOTHING_COLOR = '#e4e7eb'

/** Colours by playlist id, given every playlist id (sorted, so one playlist keeps its colour). */
export function colorsFor(ids: readonly string[]): Map<string, string> {
  const sorted = [...new Set(ids)].sort()
  return new Map(sorted.map((id, i) => [id, PALETTE[i % PALETTE.length]!]))
}

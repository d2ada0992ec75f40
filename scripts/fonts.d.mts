export interface FontFamily {
  family: string
  pkg: string
  subsets: string[] | null
}
export const FONT_FAMILIES: FontFamily[]

export interface FontManifest {
  /** The stylesheet holding the @font-face rules, relative to the player. */
  css: string
  /** Total bytes of every font file. */
  bytes: number
  /** Every font file, its URL relative to the player and its size. */
  files: { url: string; bytes: number }[]
}
export function buildFonts(out: string): Promise<FontManifest>

import { productName } from '@playlists/product-names'
import { language } from './language'

/**
 * A screen's, zone's, layout's or sync group's name (or a version's comment) as the reader sees
 * it: translated when Gatecast wrote it (a preset's "Main" zone, a seeded screen), as typed
 * otherwise. Only for showing: forms edit the stored name.
 */
export const shownName = (name: string): string => productName(name, language.value)

/**
 * Whether a screen answers a search typed by a person: by its name as stored or as the reader
 * sees it (a seeded "Chi Ma outdoor LED" is also found as "LED ngoài trời"), or by its id.
 * `words` is already trimmed and lower-cased; empty matches every screen.
 */
export const screenMatches = (screen: { id: string; name: string }, words: string): boolean =>
  words === '' || `${screen.name} ${shownName(screen.name)} ${screen.id}`.toLowerCase().includes(words)

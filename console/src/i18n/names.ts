import { productName } from '@playlists/product-names'
import { language } from './language'

/**
 * A screen's, zone's, layout's or sync group's name (or a version's comment) as the reader sees
 * it: translated when Gatecast wrote it (a preset's "Main" zone, a seeded screen), as typed
 * otherwise. Only for showing: forms edit the stored name.
 */
export const shownName = (name: string): string => productName(name, language.value)

import type { CapAlert } from '@playlists/schemas/cap'
import { readAlert } from './read'
import { validateCap } from './validate'
import {
  CAP_ALERTS_PER_DOCUMENT_MAX,
  elements,
  findAlerts,
  localName,
  parseXml,
  standalone,
  tagOf,
  type XmlNode,
} from './xml'

/**
 * A document a source sent, read all the way: well-formed, no DTD, within its size, each alert
 * valid against CAP 1.2, then read. One invalid alert refuses the whole document, so a source
 * learns of its mistake instead of half its distribution airing.
 */
export async function readCapDocument(input: string | Buffer): Promise<CapAlert[]> {
  return alertsOf(parseXml(input))
}

async function alertsOf(root: XmlNode): Promise<CapAlert[]> {
  const found = findAlerts(root)
  const alerts: CapAlert[] = []
  for (const alert of found) {
    await validateCap(standalone(alert))
    alerts.push(readAlert(alert.node))
  }
  return alerts
}

/** What a pulled address answered: alerts, or an Atom feed's links to them. */
export type Pulled = { kind: 'alerts'; alerts: CapAlert[] } | { kind: 'feed'; links: string[] }

const CAP_TYPES = /cap\+xml|application\/xml|text\/xml/

/**
 * A feed of alerts (the CAP feeds profile: Atom entries linking to each alert) gives the links
 * to fetch: an entry's link typed as CAP, else its first link. Relative links resolve against
 * the feed's address.
 */
export async function readPulled(xml: string | Buffer, base: string): Promise<Pulled> {
  const root = parseXml(xml)
  if (localName(tagOf(root) ?? '') !== 'feed') return { kind: 'alerts', alerts: await alertsOf(root) }
  const links: string[] = []
  for (const entry of elements(root, 'entry')) {
    const candidates = elements(entry, 'link').map((link) => link[':@'] ?? {})
    const chosen = candidates.find((a) => CAP_TYPES.test(a.type ?? '')) ?? candidates[0]
    if (!chosen?.href) continue
    try {
      links.push(new URL(chosen.href, base).toString())
    } catch {
      // An entry whose link is not a URL is skipped: the others still arrive.
    }
    if (links.length >= CAP_ALERTS_PER_DOCUMENT_MAX) break
  }
  return { kind: 'feed', links }
}

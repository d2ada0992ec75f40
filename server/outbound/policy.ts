import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { addressList, isAddressOrRange } from '../net'
import { specialRange } from './addresses'

/** The setting that lets an admin allow private destinations; named in every refusal. */
export const ALLOW_SETTING = 'OUTBOUND_ALLOW'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** How host names become addresses: the system's resolver, or a test's stand-in. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }))

/** Why a destination was refused: what rule, about which address. Never a network failure. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused'
  constructor(
    message: string,
    readonly rule: 'scheme' | 'credentials' | 'address' | 'redirects',
    readonly address?: string,
  ) {
    super(message)
  }
}

/** A host name as OUTBOUND_ALLOW may list it (letters, digits, hyphens and dots; "_" for internal names). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/i

/**
 * Checks one OUTBOUND_ALLOW entry, for the configuration's error messages. A name ending in a
 * number ("10.0.0.300") is a mistyped address, not a host.
 */
export const isAllowEntry = (entry: string) =>
  isAddressOrRange(entry) || (HOST_NAME.test(entry) && !/(?:^|\.)\d+$/.test(entry))

/** "Hooks.Internal." and "hooks.internal" are one host; "[::1]" is the address ::1. */
const normalHost = (hostname: string) =>
  hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase()

/**
 * Where the server may send requests: anywhere public, plus what the admin lists in
 * OUTBOUND_ALLOW (addresses, CIDR ranges and exact host names). A listed host name is trusted
 * with whatever it resolves to; a listed range admits the addresses in it, whatever name led there.
 */
export class OutboundPolicy {
  private readonly hosts: Set<string>
  private readonly ranges

  constructor(
    allow: readonly string[] = [],
    readonly resolve: Resolver = systemResolver,
  ) {
    this.hosts = new Set(allow.filter((e) => !isAddressOrRange(e)).map(normalHost))
    this.ranges = addressList(allow.filter(isAddressOrRange))
  }

  /**
   * Parses `url` (relative to `base`: a redirect's Location) and refuses what is never sent:
   * other schemes, and credentials in the address.
   */
  target(url: string, base?: URL): URL {
    let parsed: URL
    try {
      parsed = new URL(url, base)
    } catch {
      throw new OutboundRefused(`"${url.slice(0, 100)}" is not an address.`, 'scheme')
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new OutboundRefused(
        `${parsed.protocol} addresses are not fetched; only http:// and https://.`,
        'scheme',
      )
    }
    if (parsed.username || parsed.password) {
      // They would travel in clear on every redirect and land in logs; receivers take a token instead.
      throw new OutboundRefused(
        'Addresses with a user name or password in them are not fetched.',
        'credentials',
      )
    }
    return parsed
  }

  /** The host's addresses, each one allowed; refuses the host if any is not. */
  async addresses(hostname: string): Promise<ResolvedAddress[]> {
    const host = normalHost(hostname)
    const version = isIP(host)
    const found: ResolvedAddress[] = version
      ? [{ address: host, family: version === 6 ? 6 : 4 }]
      : await this.resolve(host)
    if (!version && this.hosts.has(host)) return found
    for (const { address, family } of found) {
      const range = specialRange(address)
      if (range && !this.ranges.check(address.split('%')[0]!, family === 6 ? 'ipv6' : 'ipv4')) {
        const via = version ? '' : `${host} resolves to ${address}, `
        throw new OutboundRefused(
          `${via || `${address} is `}${range.kind} (${range.cidr}). The server sends requests only to public ` +
            `addresses; an admin who means to reach this one adds "${version ? address : host}" or a range ` +
            `holding ${address} to the ${ALLOW_SETTING} setting.`,
          'address',
          address,
        )
      }
    }
    return found
  }
}

import { BlockList, isIP } from 'node:net'

/**
 * The addresses a request from the server must not reach unless an admin allows them: the
 * server's own machine, the networks around it (the province's LAN, the cloud's metadata
 * service at 169.254.169.254), and addresses that are not destinations at all. Taken from
 * IANA's IPv4 and IPv6 special-purpose address registries, entries not globally reachable.
 */
export interface SpecialRange {
  /** How the refusal names it: "a loopback address". */
  kind: string
  /** The range, as the admin would list it in OUTBOUND_ALLOW. */
  cidr: string
}

const IPV4: readonly SpecialRange[] = [
  { kind: 'a "this network" address', cidr: '0.0.0.0/8' },
  { kind: 'a private address', cidr: '10.0.0.0/8' },
  { kind: 'a carrier-grade NAT address', cidr: '100.64.0.0/10' },
  { kind: 'a loopback address', cidr: '127.0.0.0/8' },
  { kind: 'a link-local address', cidr: '169.254.0.0/16' },
  { kind: 'a private address', cidr: '172.16.0.0/12' },
  { kind: 'an IETF protocol address', cidr: '192.0.0.0/24' },
  { kind: 'a documentation address', cidr: '192.0.2.0/24' },
  { kind: 'a 6to4 relay address', cidr: '192.88.99.0/24' },
  { kind: 'a private address', cidr: '192.168.0.0/16' },
  { kind: 'a benchmarking address', cidr: '198.18.0.0/15' },
  { kind: 'a documentation address', cidr: '198.51.100.0/24' },
  { kind: 'a documentation address', cidr: '203.0.113.0/24' },
  { kind: 'a multicast address', cidr: '224.0.0.0/4' },
  { kind: 'the broadcast address', cidr: '255.255.255.255/32' },
  { kind: 'a reserved address', cidr: '240.0.0.0/4' },
]

const IPV6: readonly SpecialRange[] = [
  { kind: 'the unspecified address', cidr: '::/128' },
  { kind: 'a loopback address', cidr: '::1/128' },
  { kind: 'a discard-only address', cidr: '100::/64' },
  { kind: 'a documentation address', cidr: '2001:db8::/32' },
  // Teredo, benchmarking, ORCHID and others: tunnels and test ranges, never a web service.
  { kind: 'an IETF protocol address', cidr: '2001::/23' },
  { kind: 'a documentation address', cidr: '3fff::/20' },
  { kind: 'a unique local (private) address', cidr: 'fc00::/7' },
  { kind: 'a link-local address', cidr: 'fe80::/10' },
  { kind: 'a site-local address', cidr: 'fec0::/10' },
  { kind: 'a multicast address', cidr: 'ff00::/8' },
]

/** Everything else outside 2000::/3 is unassigned or reserved: no public service lives there. */
const NOT_GLOBAL: SpecialRange = { kind: 'not a public IPv6 address', cidr: '::/0' }

const lists = (ranges: readonly SpecialRange[], type: 'ipv4' | 'ipv6') =>
  ranges.map((range) => {
    const list = new BlockList()
    const [network = '', bits = ''] = range.cidr.split('/')
    list.addSubnet(network, Number(bits), type)
    return { range, list }
  })
const IPV4_LISTS = lists(IPV4, 'ipv4')
const IPV6_LISTS = lists(IPV6, 'ipv6')
const GLOBAL_UNICAST = lists([{ kind: '', cidr: '2000::/3' }], 'ipv6')[0]!.list

/**
 * The special range `address` falls in, or null for a public address. An IPv6 address that
 * carries an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged
 * by that IPv4 address: ::ffff:127.0.0.1 reaches the loopback as surely as 127.0.0.1 does.
 */
export function specialRange(address: string): SpecialRange | null {
  const bare = address.split('%')[0]!
  const version = isIP(bare)
  if (version === 4) return IPV4_LISTS.find((l) => l.list.check(bare, 'ipv4'))?.range ?? null
  if (version !== 6) return NOT_GLOBAL
  const words = ipv6Words(bare)
  const embedded = embeddedIpv4(words)
  if (embedded) return specialRange(embedded)
  const found = IPV6_LISTS.find((l) => l.list.check(bare, 'ipv6'))?.range
  if (found) return found
  return GLOBAL_UNICAST.check(bare, 'ipv6') ? null : NOT_GLOBAL
}

function embeddedIpv4(w: number[]): string | null {
  const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0)
  if (zeros(0, 5) && w[5] === 0xffff) return dotted(w[6]!, w[7]!) // IPv4-mapped
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return dotted(w[6]!, w[7]!) // NAT64
  if (w[0] === 0x2002) return dotted(w[1]!, w[2]!) // 6to4
  return null
}

/** The eight 16-bit words of an IPv6 address, in any of its spellings. */
function ipv6Words(address: string): number[] {
  // The URL parser writes every IPv6 address one way: lower-case hex, no dotted tail, "::" once.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1)
  const [head = '', tail] = canonical.split('::')
  const part = (s: string) => (s ? s.split(':').map((h) => Number.parseInt(h, 16)) : [])
  const before = part(head)
  const after = tail === undefined ? [] : part(tail)
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after]
}

import { isIPv6 } from 'node:net'

/** An IPv4 client seen by a dual-stack server: `::ffff:192.0.2.7`. */
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i

/**
 * Whom a connection counts against: its IPv4 address, or the /64 network of its IPv6 address.
 * One IPv6 host commonly holds a whole /64 and may take a new address for every connection;
 * counting addresses one by one would let it open as many as it likes.
 */
export function addressKey(address: string): string {
  const mapped = IPV4_MAPPED.exec(address)?.[1]
  if (mapped !== undefined) return mapped
  if (!isIPv6(address)) return address
  const [head = '', tail] = address.split('%')[0]?.split('::') ?? []
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  // An IPv4 tail (64:ff9b::192.0.2.7) fills the last two groups; only the first four matter here.
  const written = [...groups(head), ...groups(tail)]
  const width = written.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0)
  const full =
    tail === undefined ? written : [...groups(head), ...Array(8 - width).fill('0'), ...groups(tail)]
  const prefix = full.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16))
  return `${prefix.join(':')}::/64`
}

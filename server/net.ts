import { BlockList, isIP } from 'node:net'

/**
 * A list of addresses and CIDR ranges ("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8") as a
 * BlockList, for allow-lists. IPv4 entries also match their IPv4-mapped IPv6 form, which is how
 * a dual-stack server sees an IPv4 client.
 */
export function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (isIP(address) === 0) throw new RangeError(`"${entry}" is not an address or CIDR range.`)
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(bits), type)
    if (type === 'ipv4') {
      list.addSubnet(`::ffff:${address}`, bits === undefined ? 128 : 96 + Number(bits), 'ipv6')
    }
  }
  return list
}

/** Checks one entry, for the configuration's error messages. */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || extra !== undefined) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d{1,3}$/.test(bits) && n <= (version === 4 ? 32 : 128)
}

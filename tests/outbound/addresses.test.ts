import { specialRange } from '@server/outbound/addresses'
import { describe, expect, it } from 'vitest'

/** Which addresses the server's own requests may reach without an admin's say-so. */
describe('outbound addresses', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['0.0.0.0', 'a "this network" address'],
    ['10.20.30.40', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.254', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['100.127.255.255', 'a carrier-grade NAT address'],
    ['192.0.2.10', 'a documentation address'],
    ['198.51.100.7', 'a documentation address'],
    ['203.0.113.99', 'a documentation address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['224.0.0.251', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['::', 'the unspecified address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['fd12:3456:789a::1', 'a unique local (private) address'],
    ['fc00::1', 'a unique local (private) address'],
    ['ff02::1', 'a multicast address'],
    ['2001:db8::1', 'a documentation address'],
    ['2001:0:4136:e378::1', 'an IETF protocol address'],
    ['100::1', 'a discard-only address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['64:ff9b::a9fe:a9fe', 'a link-local address'],
    ['2002:c0a8:101::1', 'a private address'],
    ['::127.0.0.1', 'not a public IPv6 address'],
    ['4000::1', 'not a public IPv6 address'],
  ])('refuses %s as %s', (address, kind) => {
    expect(specialRange(address)?.kind).toBe(kind)
  })

  it.each([
    '1.1.1.1',
    '93.184.216.34',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.255.255',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:81c::200e',
    '::ffff:8.8.8.8',
    '2002:808:808::1',
  ])('lets the public address %s through', (address) => {
    expect(specialRange(address)).toBeNull()
  })

  it('names the range an admin would list to allow it', () => {
    expect(specialRange('10.1.2.3')?.cidr).toBe('10.0.0.0/8')
    expect(specialRange('::ffff:192.168.0.5')?.cidr).toBe('192.168.0.0/16')
    expect(specialRange('fd00::5')?.cidr).toBe('fc00::/7')
  })
})

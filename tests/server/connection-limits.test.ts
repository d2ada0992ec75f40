import { UPLOAD_STALL_MS, VIDEO_BYTES_MAX } from '@playlists/limits'
import { AddressCaps } from '@server/connections/address-caps'
import { addressKey } from '@server/connections/address-key'
import {
  BODY_TIME_BASE_MS,
  bodyTimeMs,
  CONNECTION_LIMITS,
  IDLE_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  serverTimeouts,
} from '@server/connections/limits'
import { SOCKET_PING_INTERVAL_MS } from '@server/plugins/realtime'
import { describe, expect, it } from 'vitest'

describe('connection limits: the defaults', () => {
  it('outlast a polling player’s quiet long-poll and the gap between its requests', () => {
    expect(IDLE_TIMEOUT_MS).toBeGreaterThan(SOCKET_PING_INTERVAL_MS)
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(SOCKET_PING_INTERVAL_MS)
  })

  it('let the upload stall cut answer before the idle timeout closes the connection', () => {
    expect(IDLE_TIMEOUT_MS).toBeGreaterThan(UPLOAD_STALL_MS)
  })

  it('give the largest video hours at the minimum pace, and a trickle only the base allowance', () => {
    expect(bodyTimeMs(CONNECTION_LIMITS, VIDEO_BYTES_MAX) / 3_600_000).toBeCloseTo(4.55, 1)
    expect(bodyTimeMs(CONNECTION_LIMITS, 10)).toBe(BODY_TIME_BASE_MS + 1)
  })

  it('set Node’s request timeout past the longest upload the pace allows, so the pace cuts first', () => {
    const timeouts = serverTimeouts(CONNECTION_LIMITS, VIDEO_BYTES_MAX)
    expect(timeouts.requestTimeout).toBeGreaterThan(
      CONNECTION_LIMITS.headersTimeoutMs + bodyTimeMs(CONNECTION_LIMITS, VIDEO_BYTES_MAX),
    )
    expect(timeouts.http.headersTimeout).toBe(CONNECTION_LIMITS.headersTimeoutMs)
    expect(timeouts.http.connectionsCheckingInterval).toBe(1_000)
    expect(
      serverTimeouts({ ...CONNECTION_LIMITS, headersTimeoutMs: 200 }, 1).http.connectionsCheckingInterval,
    ).toBe(50)
  })
})

describe('connection limits: whom a connection counts against', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:10.0.0.5', '10.0.0.5'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.7', '64:ff9b:0:0::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key)
  })
})

describe('connection limits: the per-address caps', () => {
  it('refuses an address’s anonymous connections past their cap, and takes more once one proves itself', () => {
    const caps = new AddressCaps({ perAddress: 5, anonymousPerAddress: 2 })
    expect(caps.admit('a')).toBeNull()
    expect(caps.admit('a')).toBeNull()
    expect(caps.admit('a')).toBe('anonymous')
    expect(caps.admit('b')).toBeNull()
    caps.prove('a')
    expect(caps.admit('a')).toBeNull()
    expect(caps.holding('a')).toEqual({ open: 3, anonymous: 2 })
  })

  it('refuses all connections past the total cap, proven or not', () => {
    const caps = new AddressCaps({ perAddress: 2, anonymousPerAddress: 2 })
    caps.admit('a')
    caps.prove('a')
    caps.admit('a')
    caps.prove('a')
    expect(caps.admit('a')).toBe('open')
    expect(caps.release('a', false)).toBe(false)
    expect(caps.admit('a')).toBeNull()
  })

  it('forgets an address once it holds nothing, and proves a connection once', () => {
    const caps = new AddressCaps({ perAddress: 3, anonymousPerAddress: 1 })
    caps.admit('a')
    caps.prove('a')
    caps.prove('a')
    expect(caps.holding('a')).toEqual({ open: 1, anonymous: 0 })
    expect(caps.release('a', false)).toBe(true)
    expect(caps.holding('a')).toEqual({ open: 0, anonymous: 0 })
  })

  it('has no cap at 0', () => {
    const caps = new AddressCaps({ perAddress: 0, anonymousPerAddress: 0 })
    for (let i = 0; i < 10_000; i++) expect(caps.admit('a')).toBeNull()
  })
})

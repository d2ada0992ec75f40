import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '@server/app'
import {
  checkSocketInternals,
  installedSocketLibraries,
  SocketInternalsMissing,
  type SocketLibraries,
} from '@server/realtime/internals'
import { Adapter } from 'socket.io-adapter'
import * as parser from 'socket.io-parser'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * The start-up check of the socket.io internals behind pre-serialised broadcasts
 * (server/realtime/internals.ts): it passes on the pinned versions and refuses, naming the
 * versions and what is missing, when a stand-in shaped like an upgraded library lacks one.
 */

const installed = installedSocketLibraries()
const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** The check's message for `libs`, or null when it passes. */
function refusal(libs: SocketLibraries): string | null {
  try {
    checkSocketInternals(libs)
    return null
  } catch (error) {
    expect(error).toBeInstanceOf(SocketInternalsMissing)
    return (error as Error).message
  }
}

/** socket.io-parser as if a release had made encodeAsString truly private (renamed). */
class EncoderWithoutEncodeAsString extends parser.Encoder {
  constructor() {
    super()
    ;(this as unknown as { encodeAsString: undefined }).encodeAsString = undefined
  }
}

/** socket.io-adapter as if `_encode` had been folded into broadcast(). */
class AdapterWithoutEncode extends Adapter {
  constructor(nsp: never) {
    super(nsp)
    ;(this as unknown as { _encode: undefined })._encode = undefined
  }
}

/** socket.io-adapter as if broadcast() encoded the packet itself, past `_encode`. */
class AdapterEncodingInline extends Adapter {
  override broadcast(packet: never, opts: never): void {
    const self = this as unknown as {
      encoder: { encode(p: unknown): unknown[] }
      apply(o: unknown, each: (s: { client: { writeToEngine(p: unknown[], o: object): void } }) => void): void
    }
    const packets = self.encoder.encode(packet)
    self.apply(opts, (socket) => socket.client.writeToEngine(packets, {}))
  }
}

/** engine.io as if its WebSocket transport always encoded packets itself. */
const TransportIgnoringFrames = class extends (installed.WebSocketTransport as new (req: unknown) => object) {
  _canSendPreEncodedFrame() {
    return false
  }
}

describe('the start-up check of socket.io internals', () => {
  it('passes on the installed, pinned versions', () => {
    expect(refusal(installed)).toBeNull()
    for (const name of ['socket.io', 'socket.io-parser', 'socket.io-adapter', 'engine.io'] as const)
      expect(installed.versions[name]).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('names the versions found and socket.io-parser when encodeAsString is gone', () => {
    const message = refusal({ ...installed, parser: { Encoder: EncoderWithoutEncodeAsString } })
    expect(message).toContain(`socket.io-parser ${installed.versions['socket.io-parser']}`)
    expect(message).toContain(`socket.io ${installed.versions['socket.io']}`)
    expect(message).toContain(`engine.io ${installed.versions['engine.io']}`)
    expect(message).toContain('Encoder#encodeAsString is gone')
  })

  it('refuses an adapter without _encode, and one whose broadcast no longer calls it', () => {
    expect(refusal({ ...installed, Adapter: AdapterWithoutEncode })).toContain(
      'socket.io-adapter: a broadcast through the shared-tail adapter failed (Adapter#_encode is not a function)',
    )
    expect(refusal({ ...installed, Adapter: AdapterEncodingInline })).toContain(
      'broadcast() no longer encodes through Adapter#_encode',
    )
  })

  it('refuses an engine.io whose WebSocket transport re-encodes pre-encoded frames', () => {
    expect(refusal({ ...installed, WebSocketTransport: TransportIgnoringFrames })).toContain(
      'engine.io: the WebSocket transport no longer writes options.wsPreEncodedFrame as it is',
    )
  })

  it('stops the app factory before it starts anything, with the message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-internals-'))
    dirs.push(dataDir)
    await expect(
      buildApp({ dataDir, socketLibraries: { ...installed, Adapter: AdapterWithoutEncode } }),
    ).rejects.toThrow(/socket\.io internals .* Found socket\.io \d/)
  })
})

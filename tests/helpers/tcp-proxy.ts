import type { AddressInfo } from 'node:net'
import { createServer, type Socket, connect as tcpConnect } from 'node:net'

/**
 * A TCP relay between a browser and a test server, to cut the network the way a gate's uplink
 * fails: open connections drop without a goodbye, and new ones are refused until `restore`.
 * The server behind it may restart on another port (`target`).
 */
export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>()
  private up = true
  private readonly server = createServer((client) => {
    if (!this.up) {
      client.destroy()
      return
    }
    const upstream = tcpConnect(this.target, '127.0.0.1')
    const pair: [Socket, Socket] = [client, upstream]
    this.pairs.add(pair)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      this.pairs.delete(pair)
    }
    for (const socket of pair) {
      socket.on('error', drop)
      socket.on('close', drop)
    }
    client.pipe(upstream).pipe(client)
  })

  private constructor(public target: number) {}

  static async start(target: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(target)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** The link goes down: every connection is dropped, new ones are refused. */
  cut(): void {
    this.up = false
    for (const [client, upstream] of this.pairs) {
      client.destroy()
      upstream.destroy()
    }
    this.pairs.clear()
  }

  restore(): void {
    this.up = true
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What a loopback server received: one entry per request, in order. */
export interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** Wall-clock time of arrival, for timing checks. */
  at: number
}

export interface LoopbackServer {
  port: number
  received: Received[]
  /** `http://127.0.0.1:<port><path>`. */
  url: (path?: string) => string
  close: () => Promise<void>
}

const open = new Set<Server>()

/**
 * An HTTP server on 127.0.0.1 for tests of the server's own requests (webhooks, the outbound
 * module): it records each request with its whole body, then lets `answer` reply (or not).
 */
export async function listenLoopback(
  answer: (res: ServerResponse, request: Received) => void,
): Promise<LoopbackServer> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      }
      received.push(request)
      answer(res, request)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  open.add(server)
  const { port } = server.address() as AddressInfo
  const close = async () => {
    open.delete(server)
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  return { port, received, url: (path = '/') => `http://127.0.0.1:${port}${path}`, close }
}

/** For afterEach: closes every loopback server a test left open, hanging answers included. */
export async function closeLoopbackServers(): Promise<void> {
  await Promise.all(
    [...open].map(async (server) => {
      open.delete(server)
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }),
  )
}

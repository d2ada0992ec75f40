import { createServer, type Server, type Socket } from 'node:net'

export interface PageServer {
  origin: string
  hungRequests: () => number
  close: () => Promise<void>
}

/**
 * A second origin on loopback: `/ok` answers a small page; `/hang` accepts the request and
 * never answers, like a site whose backend froze.
 */
export async function startPageServer(): Promise<PageServer> {
  const sockets = new Set<Socket>()
  let hung = 0
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.once('data', (chunk) => {
      const line = chunk.toString('latin1').split('\r\n')[0] ?? ''
      if (line.includes(' /hang ')) {
        hung++
        return
      }
      const body = '<!doctype html><meta charset="utf-8"><h1>Trang được phép</h1>'
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return {
    origin: `http://127.0.0.1:${port}`,
    hungRequests: () => hung,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    },
  }
}

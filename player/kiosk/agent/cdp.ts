import WebSocket from 'ws'

/**
 * A small client of Chromium's DevTools protocol over its WebSocket: commands answered by id,
 * events to listeners. Chromium listens on loopback only (the kiosk's launch script binds it to
 * 127.0.0.1), so nothing here is exposed to the network.
 */

/** A command Chromium has not answered by then is given up: a hung renderer must not hang the agent. */
export const CDP_COMMAND_TIMEOUT_MS = 15_000

type Listener = (params: Record<string, unknown>) => void

export class CdpSession {
  private nextId = 1
  private readonly pending = new Map<
    number,
    {
      resolve: (value: Record<string, unknown>) => void
      reject: (error: Error) => void
      timer: NodeJS.Timeout
    }
  >()
  private readonly listeners = new Map<string, Set<Listener>>()
  private closedBy: Error | null = null

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.receive(String(data)))
    socket.on('close', () => this.fail(new Error('the DevTools connection closed')))
    socket.on('error', (error) => this.fail(error))
  }

  static connect(url: string): Promise<CdpSession> {
    return new Promise((resolve, reject) => {
      // Chromium's pages send big frames (a screenshot is megabytes of base64).
      const socket = new WebSocket(url, { maxPayload: 256 * 1024 * 1024 })
      socket.once('open', () => resolve(new CdpSession(socket)))
      socket.once('error', reject)
    })
  }

  get closed(): boolean {
    return this.closedBy !== null
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: object = {},
    timeoutMs = CDP_COMMAND_TIMEOUT_MS,
  ): Promise<T> {
    if (this.closedBy) return Promise.reject(this.closedBy)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${method}: no answer from Chromium in ${timeoutMs / 1000} s`))
      }, timeoutMs)
      this.pending.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject, timer })
      this.socket.send(JSON.stringify({ id, method, params }))
    })
  }

  on(event: string, listener: Listener): void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener)
    this.listeners.set(event, set)
  }

  close(): void {
    this.fail(new Error('closed by the agent'))
    this.socket.terminate()
  }

  private receive(text: string): void {
    let message: {
      id?: number
      method?: string
      params?: Record<string, unknown>
      result?: Record<string, unknown>
      error?: { message: string }
    }
    try {
      message = JSON.parse(text)
    } catch {
      return
    }
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id)
      if (!waiting) return
      this.pending.delete(message.id)
      clearTimeout(waiting.timer)
      if (message.error) waiting.reject(new Error(message.error.message))
      else waiting.resolve(message.result ?? {})
    } else if (message.method) {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {})
    }
  }

  private fail(error: Error): void {
    if (this.closedBy) return
    this.closedBy = error
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer)
      reject(error)
    }
    this.pending.clear()
    for (const listener of this.listeners.get('closed') ?? []) listener({})
  }
}

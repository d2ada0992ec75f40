import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import {
  type BridgeAnswer,
  type BridgeRequest,
  type BridgeSetup,
  SHARED_SLOTS,
  SLOT_ANSWERED,
  SLOT_NOTIFIED,
} from './protocol'

/** PostgreSQL's bound on one statement; the main thread gives up a little after it. */
export const STATEMENT_TIMEOUT_MS = 20_000
/** The first statement also waits for the worker to load and connect. */
const FIRST_ANSWER_MS = 30_000

/**
 * An error PostgreSQL (or the way to it) returned, with its SQLSTATE in `code`, as
 * better-sqlite3's SqliteError carries SQLite's code: server/db/errors.ts reads both.
 */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail?: string,
    readonly constraint?: string,
  ) {
    super(message)
    this.name = 'PostgresError'
  }
}

/**
 * The main thread's side of the PostgreSQL engine: each call posts one request to the worker
 * (bridge-worker.ts) and blocks on a shared slot until its answer is there — synchronous, as
 * better-sqlite3 is, so that repositories and services keep one contract for both engines.
 * A statement waits as long as a round trip to PostgreSQL; better-sqlite3 waits on the disk,
 * fsync included, in the same way.
 */
export class SyncBridge {
  private worker: Worker | null = null
  private port: MessagePort | null = null
  private readonly shared = new SharedArrayBuffer(SHARED_SLOTS * Int32Array.BYTES_PER_ELEMENT)
  private readonly slots = new Int32Array(this.shared)
  private started = false

  constructor(
    /** The worker's script (open.ts postgresWorkerEntry). */
    readonly entry: URL,
    private readonly url: string,
    private readonly applicationName = 'gatecast',
  ) {}

  /** Commits by other connections this node has heard of; only grows. */
  get notified(): number {
    return Atomics.load(this.slots, SLOT_NOTIFIED)
  }

  call(request: BridgeRequest): BridgeAnswer & { ok: true } {
    const port = this.ensureWorker()
    Atomics.store(this.slots, SLOT_ANSWERED, 0)
    port.postMessage(request)
    const wait = this.started ? STATEMENT_TIMEOUT_MS + 5_000 : FIRST_ANSWER_MS
    if (!this.awaitAnswer(wait)) {
      // The worker is stuck (a network that swallows packets): drop it; the next statement
      // starts a new one with a new connection.
      this.stopWorker()
      throw new PostgresError(`PostgreSQL did not answer within ${wait} ms`, 'ETIMEDOUT')
    }
    this.started = true
    const received = receiveMessageOnPort(port)
    if (!received) throw new PostgresError('The PostgreSQL worker answered nothing', 'EPROTO')
    const answer = received.message as BridgeAnswer
    if (!answer.ok) {
      const { message, code, detail, constraint } = answer.error
      throw new PostgresError(message, code, detail, constraint)
    }
    return answer
  }

  /**
   * Blocks until the worker has flagged its answer, or `ms` passed (false). A wake-up alone is
   * not an answer: the worker stores the flag and then notifies, and a notify held up on a busy
   * machine between the two can land after the main thread read that answer and began waiting
   * for the next one, which it would then read as an empty port ("answered nothing": a busy
   * 503 for a plain insert). So the flag itself is what is waited for.
   */
  private awaitAnswer(ms: number): boolean {
    const deadline = performance.now() + ms
    while (Atomics.load(this.slots, SLOT_ANSWERED) === 0) {
      const left = deadline - performance.now()
      if (left <= 0) return false
      Atomics.wait(this.slots, SLOT_ANSWERED, 0, left)
    }
    return true
  }

  close(): void {
    if (!this.worker) return
    try {
      this.call({ op: 'close' })
    } finally {
      this.stopWorker()
    }
  }

  private ensureWorker(): MessagePort {
    if (this.worker && this.port) return this.port
    const { port1, port2 } = new MessageChannel()
    const setup: BridgeSetup = {
      url: this.url,
      shared: this.shared,
      port: port2,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      applicationName: this.applicationName,
    }
    this.worker = new Worker(this.entry, { workerData: setup, transferList: [port2] })
    // The server's life is its sockets and timers, not this thread.
    this.worker.unref()
    this.worker.on('error', () => this.stopWorker())
    this.port = port1
    this.started = false
    return port1
  }

  private stopWorker(): void {
    this.port?.close()
    void this.worker?.terminate()
    this.worker = null
    this.port = null
  }
}

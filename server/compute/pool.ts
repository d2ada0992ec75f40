import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ErrorCode, ErrorParams } from '@playlists/schemas/error-codes'
import Database from 'better-sqlite3'
import { PostgresError } from '../db/postgres/bridge'
import { DomainError } from '../domain-error'
import { serviceUnavailable } from '../errors'
import type { TaskInput, TaskName, TaskOutput } from './tasks'

/**
 * Worker threads for the requests whose work grows with a range or with the data (timelines,
 * reports, CSV exports): six 14-day timelines once held the event loop for seconds, and with it
 * every player's heartbeat and `/api/health` (issue 16). Here such work waits its turn in a
 * bounded queue, runs in a worker, and a request that would wait too long is refused at once.
 */

/**
 * One core stays with the event loop (sockets, players, the console); past four, these requests
 * are rare enough that more workers would only hold memory.
 */
export const COMPUTE_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1))
/**
 * Jobs waiting for a worker before new ones are refused (503 with Retry-After): a site's schedule
 * page asks for one timeline per screen at once, and a queue this long still drains in seconds.
 */
export const COMPUTE_QUEUE_MAX = 64
/** What a 503 asks to wait before retrying. */
export const COMPUTE_RETRY_AFTER_MS = 5_000
/**
 * A job still running after this long is stopped with its worker: the bounds on ranges keep real
 * requests far below it (seconds), so only a pathological schedule or a runaway gets here.
 */
export const COMPUTE_JOB_MS_MAX = 60_000
/** A worker's heap: a job that needs more is refused rather than let grow the server's memory. */
export const COMPUTE_HEAP_MB_MAX = 512

export interface ComputeOptions {
  /** The database the workers read (read-only, each its own connection): SQLite's file… */
  databaseFile: string
  /** …unless the server keeps its data in PostgreSQL (postgres/store.ts `connection`). */
  postgres?: { url: string; entry: string }
  workers?: number
  queueMax?: number
  jobMsMax?: number
}

interface Job {
  task: TaskName
  input: unknown
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

/** What a worker answers (worker.ts). */
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | {
      id: number
      ok: false
      error: {
        code?: ErrorCode
        message: string
        field?: string
        params?: ErrorParams
        details?: unknown
        stack?: string
        /**
         * The database's own error code (SQLite's or PostgreSQL's), for the error to be rebuilt
         * as the main thread would have thrown it: a busy database answers 503, not 500.
         */
        database?: { engine: 'sqlite' | 'postgres'; code: string | undefined }
      }
    }

interface Slot {
  worker: Worker | null
  job: (Job & { id: number; timer: NodeJS.Timeout }) | null
}

/**
 * The worker's entry. Bundled (dist/server/main.js), it is the esbuild entry dist/server/compute/
 * worker.js (scripts/build.mjs); from source (tsx, vitest), the same bundle made on first use.
 */
const workerEntry = async (): Promise<URL> =>
  import.meta.url.endsWith('.ts')
    ? (await import('./dev-worker')).devWorkerEntry()
    : new URL('./compute/worker.js', import.meta.url)

export class ComputePool {
  private readonly slots: Slot[]
  private readonly waiting: Job[] = []
  private nextId = 1
  private closed = false
  private entry: URL | undefined
  private preparing: Promise<void> | undefined
  private readonly queueMax: number
  private readonly jobMsMax: number

  constructor(private readonly options: ComputeOptions) {
    this.slots = Array.from({ length: options.workers ?? COMPUTE_WORKERS }, () => ({
      worker: null,
      job: null,
    }))
    this.queueMax = options.queueMax ?? COMPUTE_QUEUE_MAX
    this.jobMsMax = options.jobMsMax ?? COMPUTE_JOB_MS_MAX
  }

  /**
   * Runs `task` in a worker. Refused with 503 when the queue is full, unless `continuing`: the
   * next chunk of an answer already being sent (an export holds at most one job at a time, and a
   * 503 cannot be sent once the answer has begun).
   */
  run<K extends TaskName>(task: K, input: TaskInput<K>, continuing = false): Promise<TaskOutput<K>> {
    if (this.closed)
      return Promise.reject(serviceUnavailable('server.shutting-down', 'The server is shutting down.'))
    if (!continuing && this.waiting.length >= this.queueMax) {
      return Promise.reject(
        serviceUnavailable(
          'compute.busy',
          'The server is busy with other reports, timelines and exports: try again in a few seconds.',
          COMPUTE_RETRY_AFTER_MS,
        ),
      )
    }
    return new Promise<TaskOutput<K>>((resolve, reject) => {
      this.waiting.push({ task, input, resolve: resolve as (value: unknown) => void, reject })
      this.dispatch()
    })
  }

  /** Jobs waiting for a worker and jobs running, for tests and metrics. */
  get load(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.slots.filter((s) => s.job).length }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.waiting.splice(0))
      job.reject(serviceUnavailable('server.shutting-down', 'The server is shutting down.'))
    await Promise.all(
      this.slots.map(async (slot) => {
        const { worker, job } = slot
        slot.worker = null
        slot.job = null
        if (job) {
          clearTimeout(job.timer)
          job.reject(serviceUnavailable('server.shutting-down', 'The server is shutting down.'))
        }
        await worker?.terminate()
      }),
    )
  }

  private dispatch(): void {
    if (!this.entry) {
      this.preparing ??= workerEntry().then(
        (entry) => {
          this.entry = entry
          if (!this.closed) this.dispatch()
        },
        (error: Error) => {
          this.preparing = undefined
          for (const job of this.waiting.splice(0)) job.reject(error)
        },
      )
      return
    }
    for (const slot of this.slots) {
      if (slot.job || this.waiting.length === 0) continue
      const job = this.waiting.shift()!
      slot.worker ??= this.spawn(slot, this.entry)
      const worker = slot.worker
      const id = this.nextId++
      const timer = setTimeout(() => {
        this.fail(
          slot,
          serviceUnavailable(
            'compute.timeout',
            `Computing this took longer than ${this.jobMsMax / 1000} s and was stopped: ask for a shorter range or a narrower filter.`,
            undefined,
            { limitSeconds: this.jobMsMax / 1000 },
          ),
        )
      }, this.jobMsMax)
      slot.job = { ...job, id, timer }
      // Busy, the worker keeps the process alive (a script awaiting an answer); idle, it does not.
      worker.ref()
      worker.postMessage({ id, task: job.task, input: job.input })
    }
  }

  private spawn(slot: Slot, entry: URL): Worker {
    const worker = new Worker(entry, {
      workerData: { databaseFile: this.options.databaseFile, postgres: this.options.postgres },
      resourceLimits: { maxOldGenerationSizeMb: COMPUTE_HEAP_MB_MAX },
    })
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.job
      if (!job || job.id !== reply.id) return
      clearTimeout(job.timer)
      slot.job = null
      worker.unref()
      if (reply.ok) job.resolve(reply.value)
      else job.reject(errorOf(reply.error))
      this.dispatch()
    })
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return
      this.fail(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? serviceUnavailable(
              'compute.memory',
              'This needs more memory than the server gives one request: ask for a shorter range or a narrower filter.',
            )
          : error,
      )
    })
    worker.on('exit', () => {
      if (slot.worker === worker) this.fail(slot, new Error('the compute worker exited'))
    })
    return worker
  }

  /** Ends the slot's job with `error` and its worker with it; the next job gets a new worker. */
  private fail(slot: Slot, error: Error): void {
    const { worker, job } = slot
    slot.worker = null
    slot.job = null
    if (job) {
      clearTimeout(job.timer)
      job.reject(error)
    }
    void worker?.terminate()
    if (!this.closed) this.dispatch()
  }
}

/** An answer's bytes as a Buffer to send, over the same memory (the worker handed it over). */
export const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/**
 * A worker's error as the route would have thrown it: refusals as they were, the database's
 * errors as its driver's (errors.ts classes them: busy is a 503), anything else a 500.
 */
function errorOf(e: Extract<WorkerReply, { ok: false }>['error']): Error {
  if (e.code !== undefined) return new DomainError(e.code, e.message, e)
  const error =
    e.database?.engine === 'postgres'
      ? new PostgresError(e.message, e.database.code)
      : e.database?.engine === 'sqlite'
        ? new Database.SqliteError(e.message, e.database.code ?? 'SQLITE_ERROR')
        : new Error(e.message)
  if (e.stack) error.stack = e.stack
  return error
}

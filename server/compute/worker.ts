import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { openReader } from '../db/open'
import { PostgresError } from '../db/postgres/bridge'
import { connectPostgres } from '../db/postgres/open'
import type { Store } from '../db/store'
import { DomainError } from '../domain-error'
import type { WorkerReply } from './pool'
import { TASKS, type TaskName } from './tasks'

/**
 * A compute worker (pool.ts): runs one task at a time on its own read-only connection to the
 * database, opened on the first task. Errors go back as data: a 4xx as the route would have
 * thrown it, anything else with its stack for the server's log.
 */

const { databaseFile, postgres } = workerData as {
  databaseFile: string
  postgres?: { url: string; entry: string }
}

/** Its own connection: to the SQLite file, read-only, or to PostgreSQL through its own bridge. */
const openStore = (): Store =>
  postgres
    ? connectPostgres(postgres.url, new URL(postgres.entry), 'gatecast-compute')
    : openReader(databaseFile)
let db: Store | undefined

/**
 * Below the event loop's priority: when the cores are busy, the OS runs the loop (players'
 * heartbeats, every short request) before a report. On Linux a nice value belongs to a thread,
 * and pid 0 names the calling one; elsewhere it would lower the whole server, so it is left.
 */
export const WORKER_NICENESS = 10
if (process.platform === 'linux') {
  try {
    setPriority(0, WORKER_NICENESS)
  } catch {
    // Not allowed here (a container's seccomp profile): the worker runs at the loop's priority.
  }
}

parentPort?.on('message', ({ id, task, input }: { id: number; task: TaskName; input: never }) => {
  let reply: WorkerReply
  let transfer: ArrayBuffer[] = []
  try {
    db ??= openStore()
    const value: unknown = TASKS[task](db, input)
    reply = { id, ok: true, value }
    transfer = bytesIn(value).map((b) => b.buffer as ArrayBuffer)
  } catch (error) {
    reply = {
      id,
      ok: false,
      error:
        error instanceof DomainError
          ? {
              code: error.code,
              message: error.message,
              field: error.field,
              params: error.params,
              details: error.details,
            }
          : {
              message: String((error as Error)?.message ?? error),
              stack: (error as Error)?.stack,
              ...databaseCode(error),
            },
    }
  }
  parentPort?.postMessage(reply, transfer)
})

/** The answer's bytes (the value, or its fields), handed over rather than copied. */
function bytesIn(value: unknown): Uint8Array[] {
  if (value instanceof Uint8Array) return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).filter((v): v is Uint8Array => v instanceof Uint8Array)
}

/** The database's own code of a driver's error, which the pool rebuilds it with (pool.ts errorOf). */
function databaseCode(error: unknown): {
  database?: { engine: 'sqlite' | 'postgres'; code: string | undefined }
} {
  if (error instanceof PostgresError) return { database: { engine: 'postgres', code: error.code } }
  if (error instanceof Database.SqliteError) return { database: { engine: 'sqlite', code: error.code } }
  return {}
}

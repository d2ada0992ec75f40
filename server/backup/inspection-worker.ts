import { parentPort, workerData } from 'node:worker_threads'
import { inspectDatabaseFile } from './inspection'

/**
 * One inspection of a backup's database (inspection.ts), off the event loop; the answer goes back
 * as data and the thread ends. SQLite's own errors (a file that is not a database, a damaged
 * header) go back as their message, for the backup or restore to report.
 */
const { file } = workerData as { file: string }
inspectDatabaseFile(file).then(
  (value) => parentPort?.postMessage({ ok: true, value }),
  (error: unknown) =>
    parentPort?.postMessage({ ok: false, error: (error as Error)?.message ?? String(error) }),
)

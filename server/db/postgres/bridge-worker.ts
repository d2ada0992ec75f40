import { workerData } from 'node:worker_threads'
import pg from 'pg'
import { CHANNEL } from './channel'
import {
  type BridgeAnswer,
  type BridgeError,
  type BridgeRequest,
  type BridgeSetup,
  SLOT_ANSWERED,
  SLOT_NOTIFIED,
} from './protocol'

/**
 * The PostgreSQL engine's worker thread: it holds the node's one connection (node-postgres,
 * chosen by bench `pg-drivers`) and runs each statement the main thread sends, one at a time,
 * while the main thread waits (bridge.ts). It also listens on that connection for the other
 * connections' commits (NOTIFY gatecast_data, sent by a trigger on every table), which is how a
 * node's caches learn of another node's writes.
 */

const setup = workerData as BridgeSetup
const slots = new Int32Array(setup.shared)

/**
 * Values as the repositories have them from better-sqlite3: integers of every width and
 * numeric as numbers, booleans (EXISTS, comparisons) as 1 and 0, JSON as its text.
 */
const PARSERS = new Map<number, (value: string) => unknown>([
  [20, Number], // int8: instants in milliseconds, counts
  [1700, Number], // numeric: sum() of integers
  [16, (value) => (value === 't' ? 1 : 0)], // bool
  [114, (value) => value], // json
  [3802, (value) => value], // jsonb
])
const types = {
  getTypeParser: (oid: number, format?: string) =>
    PARSERS.get(oid) ?? pg.types.getTypeParser(oid, format as 'text'),
}

let client: pg.Client | null = null

async function connection(): Promise<pg.Client> {
  if (client) return client
  const fresh = new pg.Client({
    connectionString: setup.url,
    types,
    statement_timeout: setup.statementTimeoutMs,
    connectionTimeoutMillis: 10_000,
    application_name: setup.applicationName,
  })
  // A lost connection is dropped and opened again on the next statement; the statement that
  // was running fails with the error, which the main thread hears as "busy, try again".
  fresh.on('error', () => {
    if (client === fresh) client = null
  })
  fresh.on('end', () => {
    if (client === fresh) client = null
  })
  fresh.on('notification', (message) => {
    if (message.processId !== (fresh as unknown as { processID: number }).processID) {
      Atomics.add(slots, SLOT_NOTIFIED, 1)
    }
  })
  await fresh.connect()
  await fresh.query(`LISTEN ${CHANNEL}`)
  // Whatever others committed while this node had no connection went unheard: count it as a
  // change, so that every cache fills again.
  Atomics.add(slots, SLOT_NOTIFIED, 1)
  client = fresh
  return fresh
}

function describe(error: unknown): BridgeError {
  const e = error as pg.DatabaseError & { code?: string }
  return {
    message: e?.message ?? String(error),
    code: e?.code,
    detail: e?.detail,
    constraint: e?.constraint,
    table: e?.table,
    column: e?.column,
  }
}

async function handle(request: BridgeRequest): Promise<BridgeAnswer> {
  if (request.op === 'close') {
    const open = client
    client = null
    await open?.end()
    return { ok: true, rows: [], rowCount: 0 }
  }
  const db = await connection()
  if (request.op === 'sync') {
    await db.query('SELECT 1')
    return { ok: true, rows: [], rowCount: 0 }
  }
  if (request.op === 'exec') {
    await db.query(request.text)
    return { ok: true, rows: [], rowCount: 0 }
  }
  const config = { text: request.text, values: request.values, name: request.name }
  const result = request.arrays ? await db.query({ ...config, rowMode: 'array' }) : await db.query(config)
  return { ok: true, rows: result.rows, rowCount: result.rowCount ?? 0 }
}

function answer(message: BridgeAnswer): void {
  setup.port.postMessage(message)
  Atomics.store(slots, SLOT_ANSWERED, 1)
  Atomics.notify(slots, SLOT_ANSWERED)
}

setup.port.on('message', (request: BridgeRequest) => {
  handle(request).then(answer, (error) => answer({ ok: false, error: describe(error) }))
})

import type { MessagePort } from 'node:worker_threads'

/**
 * What the PostgreSQL engine's main-thread side (bridge.ts) and its worker (bridge-worker.ts)
 * say to each other. Plain data: it crosses threads by structured clone.
 */

export interface BridgeSetup {
  url: string
  /** Int32 slots shared with the main thread (SLOT_*). */
  shared: SharedArrayBuffer
  /** Where the worker posts its answers; the main thread reads them with receiveMessageOnPort. */
  port: MessagePort
  /** PostgreSQL's own bound on one statement, below the main thread's wait. */
  statementTimeoutMs: number
  /** The application name PostgreSQL shows in pg_stat_activity. */
  applicationName: string
}

/** Set to 1 by the worker when its answer is on the port; the main thread waits on it. */
export const SLOT_ANSWERED = 0
/** Notifications of other connections' commits received so far (only grows). */
export const SLOT_NOTIFIED = 1
export const SHARED_SLOTS = 2

export type BridgeRequest =
  | {
      op: 'query'
      text: string
      values: unknown[]
      /** Rows as arrays (for pluck) rather than objects. */
      arrays: boolean
      /** A server-side prepared statement's name, for statements the store keeps. */
      name?: string
    }
  /** SQL text without parameters, possibly several statements (simple protocol). */
  | { op: 'exec'; text: string }
  /**
   * A round trip on the listening connection: every notification of a commit made before it
   * began has arrived once it returns.
   */
  | { op: 'sync' }
  | { op: 'close' }

export interface BridgeError {
  message: string
  /** PostgreSQL's SQLSTATE, or a Node error code (ECONNREFUSED) when the server was not reached. */
  code?: string
  detail?: string
  constraint?: string
  table?: string
  column?: string
}

export type BridgeAnswer = { ok: true; rows: unknown[]; rowCount: number } | { ok: false; error: BridgeError }

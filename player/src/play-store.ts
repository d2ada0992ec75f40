import type { PlayEvent } from '@playlists/events'

/**
 * Where proof of play waits for the server: IndexedDB, which survives reloads, Chromium
 * restarts and power cuts (every transaction below is committed before its promise resolves).
 *
 * A database of its own rather than one shared with other player modules: each capability owns
 * its schema version, so adding a store elsewhere never needs an upgrade coordinated with this.
 *  - `plays`: finished plays not yet acknowledged by the server, by id.
 *  - `open`: the item each zone shows now, one record per screen and zone, its end refreshed
 *    every few seconds; after a crash or restart it becomes a play ending at that last refresh.
 * Records carry their screen id: one browser profile may play different screens over time (a
 * kiosk re-pointed at another screen, tests), and a play is only ever sent by its own screen.
 */
export interface StoredPlay extends PlayEvent {
  screenId: string
  /**
   * Present while the instants were stamped on a guessed clock offset (the one stored by an
   * earlier page, or none): the offset they carry. Never sent; corrected away first.
   */
  provisionalOffsetMs?: number
}

const DB_NAME = 'gatecast-plays'
const DB_VERSION = 1
const PLAYS = 'plays'
const OPEN = 'open'
const BY_SCREEN = 'by-screen-start'

/** Every open record of one screen ([screenId, zoneId] sorts between these bounds). */
const screenKeys = (screenId: string) => IDBKeyRange.bound([screenId], [screenId, []])
/** Every queued play of one screen, in the by-screen-start index. */
const queued = (screenId: string) => IDBKeyRange.bound([screenId, -Infinity], [screenId, Infinity])

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION)
    request.onupgradeneeded = () => {
      const db = request.result
      const plays = db.createObjectStore(PLAYS, { keyPath: 'id' })
      // Oldest first when sending, and one screen's plays only.
      plays.createIndex(BY_SCREEN, ['screenId', 'startMs'])
      db.createObjectStore(OPEN, { keyPath: ['screenId', 'zoneId'] })
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
    // Another tab holds an older version open: it must reload; meanwhile, wait.
    request.onblocked = () => console.warn('gatecast: proof-of-play storage waits for another tab')
  })
}

const result = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })

/**
 * One transaction, created now: IndexedDB runs transactions over the same store in the order
 * they were created, so callers need no queue of their own. `work` makes its requests at once
 * (and may make more as results arrive); resolves once the transaction is committed.
 */
function inTransaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
  // Strict waits for the disk (a power cut loses nothing acknowledged as committed); only what
  // moves plays between stores needs it. A lost relaxed write costs a resend or a few seconds.
  durability: IDBTransactionDurability = 'relaxed',
): Promise<T> {
  const tx = db.transaction(stores, mode, { durability })
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'))
  })
  const value = work(tx)
  // Everything is asked for: commit now rather than at the end of the task, so a renderer crash
  // a moment later finds the write already handed to the browser.
  if (!(value instanceof Promise)) tx.commit()
  return Promise.all([value, done]).then(([v]) => v)
}

export class PlayStore {
  private db: IDBDatabase | null = null
  private failed: unknown = null
  /** Operations asked for before the database was open, in order. */
  private waiting: ((db: IDBDatabase | null) => void)[] = []

  constructor() {
    const release = () => {
      for (const run of this.waiting.splice(0)) run(this.db)
    }
    openDatabase().then(
      (db) => {
        this.db = db
        release()
      },
      (error: unknown) => {
        this.failed = error ?? new Error('IndexedDB cannot be opened')
        release()
      },
    )
  }

  /** Runs `use` at once when the database is open, else as soon as it is, in call order. */
  private with<T>(use: (db: IDBDatabase) => Promise<T>): Promise<T> {
    if (this.db) return use(this.db)
    if (this.failed) return Promise.reject(this.failed)
    return new Promise((resolve, reject) => {
      this.waiting.push((db) => (db ? use(db).then(resolve, reject) : reject(this.failed)))
    })
  }

  /**
   * A zone changed item, atomically: the finished play (if any) joins the queue, and the zone's
   * open record is replaced by the new item (or removed). A crash can never leave both, so a
   * recovered open record is never a play already queued.
   */
  transition(screenId: string, zoneId: string, finished: StoredPlay | null, opened: StoredPlay | null) {
    const write = (tx: IDBTransaction) => {
      if (finished) tx.objectStore(PLAYS).put(finished)
      if (opened) tx.objectStore(OPEN).put(opened)
      else tx.objectStore(OPEN).delete([screenId, zoneId])
    }
    return this.with((db) => inTransaction(db, [PLAYS, OPEN], 'readwrite', write, 'strict'))
  }

  /** Moves the ends of the open plays forward: the latest instant this page is known to be alive. */
  touch(opened: StoredPlay[]): Promise<void> {
    if (opened.length === 0) return Promise.resolve()
    return this.with((db) =>
      inTransaction(db, [OPEN], 'readwrite', (tx) => {
        for (const play of opened) tx.objectStore(OPEN).put(play)
      }),
    )
  }

  /**
   * At start: the items this screen had open when its last page died are finished plays, ending
   * at the last instant that page recorded. Returns how many were closed.
   */
  closeLeftOpen(screenId: string): Promise<number> {
    const move = async (tx: IDBTransaction) => {
      const open = tx.objectStore(OPEN)
      const left = (await result(open.getAll(screenKeys(screenId)))) as StoredPlay[]
      for (const play of left) tx.objectStore(PLAYS).put(play)
      open.delete(screenKeys(screenId))
      return left.length
    }
    return this.with((db) => inTransaction(db, [PLAYS, OPEN], 'readwrite', move, 'strict'))
  }

  /**
   * Rewrites, in one transaction, every queued and open play of the screen still stamped on a
   * guessed clock: `fix` returns it corrected. Walks a cursor, so a queue of weeks offline is
   * never held in memory at once. Resolves with how many were corrected.
   */
  correct(screenId: string, fix: (play: StoredPlay) => StoredPlay): Promise<number> {
    const rewrite = (tx: IDBTransaction) =>
      new Promise<number>((resolve, reject) => {
        let count = 0
        let walking = 2
        const walk = (request: IDBRequest<IDBCursorWithValue | null>) => {
          request.onerror = () => reject(request.error)
          request.onsuccess = () => {
            const cursor = request.result
            if (!cursor) {
              if (--walking === 0) resolve(count)
              return
            }
            const play = cursor.value as StoredPlay
            if (play.provisionalOffsetMs !== undefined) {
              cursor.update(fix(play))
              count++
            }
            cursor.continue()
          }
        }
        walk(tx.objectStore(PLAYS).index(BY_SCREEN).openCursor(queued(screenId)))
        walk(tx.objectStore(OPEN).openCursor(screenKeys(screenId)))
      })
    return this.with((db) => inTransaction(db, [PLAYS, OPEN], 'readwrite', rewrite, 'strict'))
  }

  /** The screen's oldest queued plays, at most `max`. */
  oldest(screenId: string, max: number): Promise<StoredPlay[]> {
    return this.with((db) =>
      inTransaction(db, [PLAYS], 'readonly', (tx) =>
        result(tx.objectStore(PLAYS).index(BY_SCREEN).getAll(queued(screenId), max)),
      ),
    )
  }

  /** Forgets plays the server acknowledged (stored, or refused for good). */
  forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve()
    return this.with((db) =>
      inTransaction(db, [PLAYS], 'readwrite', (tx) => {
        for (const id of ids) tx.objectStore(PLAYS).delete(id)
      }),
    )
  }

  /** Finished plays of this screen still waiting for the server. */
  pending(screenId: string): Promise<number> {
    return this.with((db) =>
      inTransaction(db, [PLAYS], 'readonly', (tx) =>
        result(tx.objectStore(PLAYS).index(BY_SCREEN).count(queued(screenId))),
      ),
    )
  }
}

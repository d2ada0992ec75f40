import { SESSION_IDLE_MS, SESSION_MAX_MS } from '@playlists/limits'
import { newSecret, secretHash } from '../auth/secrets'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { newId } from '../ids'

interface SessionRow {
  id: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

export interface Session {
  id: string
  userId: string
  createdAt: string
  expiresAt: string
}

/** Idle sessions are touched at most this often, so a busy console does not write on every request. */
const TOUCH_EVERY_MS = 60_000

/**
 * Signed-in sessions. The cookie holds a random secret; only its digest is stored, so a copy of
 * the database signs nobody in. A session ends after SESSION_IDLE_MS unused or SESSION_MAX_MS in all.
 */
export class SessionsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  create(userId: string, from: { ip?: string; userAgent?: string }): { session: Session; secret: string } {
    const secret = newSecret('session')
    const now = this.clock()
    const id = newId('ses')
    const expiresAt = isoAt(now + SESSION_MAX_MS)
    this.db
      .prepare(
        `INSERT INTO sessions (id, secret_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        secretHash(secret),
        userId,
        isoAt(now),
        isoAt(now),
        expiresAt,
        from.ip ?? null,
        from.userAgent ?? null,
      )
    return { session: { id, userId, createdAt: isoAt(now), expiresAt }, secret }
  }

  /** The live session holding this secret, touched; undefined if unknown, idle too long or expired. */
  resolve(secret: string): Session | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE secret_hash = ?').get(secretHash(secret)) as
      | SessionRow
      | undefined
    if (!row) return undefined
    const now = this.clock()
    const lastSeen = Date.parse(row.last_seen_at)
    if (now >= Date.parse(row.expires_at) || now - lastSeen >= SESSION_IDLE_MS) {
      this.db.prepare('DELETE FROM sessions WHERE id = ?').run(row.id)
      return undefined
    }
    if (now - lastSeen >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(isoAt(now), row.id)
    }
    return { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id)
  }

  /** Signs the account out everywhere (password changed or reset, account disabled). */
  deleteForUser(userId: string, except?: string): number {
    return this.db
      .prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?')
      .run(userId, except ?? null).changes
  }

  /** Forgets sessions that ended by time, so the table holds only live ones. */
  deleteExpired(now: number): number {
    return this.db
      .prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
      .run(isoAt(now), isoAt(now - SESSION_IDLE_MS)).changes
  }
}

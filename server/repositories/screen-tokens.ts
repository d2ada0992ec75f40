import { newSecret, secretHash } from '../auth/secrets'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { newId } from '../ids'

export interface ScreenToken {
  id: string
  screenId: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

interface Row {
  id: string
  screen_id: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

const toToken = (r: Row): ScreenToken => ({
  id: r.id,
  screenId: r.screen_id,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
})

const TOUCH_EVERY_MS = 60_000

/** The secrets paired screens hold. Only digests are stored; a secret is seen once, when issued. */
export class ScreenTokensRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  issue(screenId: string): { token: ScreenToken; secret: string } {
    const id = newId('stk')
    const secret = newSecret('screen')
    this.db
      .prepare('INSERT INTO screen_tokens (id, secret_hash, screen_id, created_at) VALUES (?, ?, ?, ?)')
      .run(id, secretHash(secret), screenId, isoAt(this.clock()))
    return { token: this.get(id) as ScreenToken, secret }
  }

  get(id: string): ScreenToken | undefined {
    const row = this.db.prepare('SELECT * FROM screen_tokens WHERE id = ?').get(id) as Row | undefined
    return row && toToken(row)
  }

  /** The screen's tokens, newest first, revoked ones included (for the console's history). */
  list(screenId: string): ScreenToken[] {
    return (
      this.db
        .prepare('SELECT * FROM screen_tokens WHERE screen_id = ? ORDER BY created_at DESC, id')
        .all(screenId) as Row[]
    ).map(toToken)
  }

  /** The live token holding this secret, or undefined if unknown or revoked. */
  resolve(secret: string): ScreenToken | undefined {
    const row = this.db
      .prepare('SELECT * FROM screen_tokens WHERE secret_hash = ? AND revoked_at IS NULL')
      .get(secretHash(secret)) as Row | undefined
    if (!row) return undefined
    const now = this.clock()
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE screen_tokens SET last_used_at = ? WHERE id = ?').run(isoAt(now), row.id)
    }
    return toToken(row)
  }

  /** Revokes one token, or every live token of the screen; returns the ids revoked. */
  revoke(by: { id: string } | { screenId: string }): string[] {
    const now = isoAt(this.clock())
    const ids =
      'id' in by
        ? (this.db
            .prepare('SELECT id FROM screen_tokens WHERE id = ? AND revoked_at IS NULL')
            .pluck()
            .all(by.id) as string[])
        : (this.db
            .prepare('SELECT id FROM screen_tokens WHERE screen_id = ? AND revoked_at IS NULL')
            .pluck()
            .all(by.screenId) as string[])
    const revoke = this.db.prepare('UPDATE screen_tokens SET revoked_at = ? WHERE id = ?')
    for (const id of ids) revoke.run(now, id)
    return ids
  }
}

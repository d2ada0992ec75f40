import type { ApiToken, Role } from '@playlists/schemas/accounts'
import { newSecret, secretHash } from '../auth/secrets'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound } from '../domain-error'
import { newId } from '../ids'

interface TokenRow {
  id: string
  name: string
  user_id: string
  role: Role
  created_at: string
  last_used_at: string | null
  expires_at: string | null
  revoked_at: string | null
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  userId: r.user_id,
  role: r.role,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
})

const TOUCH_EVERY_MS = 60_000

/** API tokens for integrations. The secret is shown once, at creation; only its digest is kept. */
export class ApiTokensRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(userId?: string): ApiToken[] {
    const rows = userId
      ? this.db.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id').all(userId)
      : this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all()
    return (rows as TokenRow[]).map(toToken)
  }

  get(id: string): ApiToken {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined
    if (!row) throw notFound('api-token.not-found', 'API token', id)
    return toToken(row)
  }

  create(input: { name: string; userId: string; role: Role; expiresAt?: string }): {
    token: ApiToken
    secret: string
  } {
    const id = newId('tok')
    const secret = newSecret('token')
    this.db
      .prepare(
        `INSERT INTO api_tokens (id, secret_hash, name, user_id, role, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        secretHash(secret),
        input.name,
        input.userId,
        input.role,
        isoAt(this.clock()),
        input.expiresAt ?? null,
      )
    return { token: this.get(id), secret }
  }

  /** The live token holding this secret; undefined if unknown, revoked or expired. */
  resolve(secret: string): ApiToken | undefined {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE secret_hash = ?').get(secretHash(secret)) as
      | TokenRow
      | undefined
    if (!row || row.revoked_at !== null) return undefined
    const now = this.clock()
    if (row.expires_at !== null && now >= Date.parse(row.expires_at)) return undefined
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(isoAt(now), row.id)
    }
    return toToken(row)
  }

  revoke(id: string): ApiToken {
    this.get(id)
    this.db
      .prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
      .run(isoAt(this.clock()), id)
    return this.get(id)
  }
}

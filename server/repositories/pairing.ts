import { randomBytes } from 'node:crypto'
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '@playlists/schemas/pairing'
import { newSecret, secretHash } from '../auth/secrets'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { newId } from '../ids'

export interface PairingRequest {
  id: string
  /** As stored: six characters, no dash. */
  code: string
  createdAt: string
  expiresAt: string
  ip: string | null
  claimedScreenId: string | null
  claimedBy: string | null
  claimedAt: string | null
  deliveredAt: string | null
  tokenId: string | null
}

interface Row {
  id: string
  code: string
  secret_hash: string
  created_at: string
  expires_at: string
  ip: string | null
  claimed_screen_id: string | null
  claimed_by: string | null
  claimed_at: string | null
  delivered_at: string | null
  token_id: string | null
}

const toRequest = (r: Row): PairingRequest => ({
  id: r.id,
  code: r.code,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ip: r.ip,
  claimedScreenId: r.claimed_screen_id,
  claimedBy: r.claimed_by,
  claimedAt: r.claimed_at,
  deliveredAt: r.delivered_at,
  tokenId: r.token_id,
})

/** Requests are kept this long after they expire (for "this code was already used"), then purged. */
const KEPT_MS = 86_400_000

function newCode(): string {
  // 256 % 31 ≠ 0 favours a few characters slightly; the bound on guesses does not depend on it.
  const bytes = randomBytes(PAIRING_CODE_LENGTH)
  let out = ''
  for (const b of bytes) out += PAIRING_ALPHABET[b % PAIRING_ALPHABET.length]
  return out
}

/** Pairing requests (see migration 009). Instants are compared as ISO strings, which sort as time. */
export class PairingRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  /** A new request for a player at `ip`; the secret is returned once and only its digest kept. */
  create(ip: string | null, ttlMs: number): { request: PairingRequest; secret: string } {
    const now = this.clock()
    this.db.prepare('DELETE FROM pairing_requests WHERE expires_at < ?').run(isoAt(now - KEPT_MS))
    const id = newId('pair')
    const secret = newSecret('pairing')
    const insert = this.db.prepare(
      `INSERT INTO pairing_requests (id, code, secret_hash, created_at, expires_at, ip)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
    )
    // A code already kept is drawn again: with ~8.9e8 codes this almost never loops.
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = newCode()
      const done = insert.run(id, code, secretHash(secret), isoAt(now), isoAt(now + ttlMs), ip)
      if (done.changes === 1) return { request: this.find(id) as PairingRequest, secret }
    }
    throw new Error('could not draw a free pairing code')
  }

  /** Requests still waiting for an operator: from this address, or all. */
  countOpen(ip?: string | null): number {
    const now = isoAt(this.clock())
    return ip === undefined
      ? (this.db
          .prepare('SELECT count(*) FROM pairing_requests WHERE claimed_at IS NULL AND expires_at > ?')
          .pluck()
          .get(now) as number)
      : (this.db
          .prepare(
            'SELECT count(*) FROM pairing_requests WHERE ip IS ? AND claimed_at IS NULL AND expires_at > ?',
          )
          .pluck()
          .get(ip, now) as number)
  }

  find(id: string): PairingRequest | undefined {
    const row = this.db.prepare('SELECT * FROM pairing_requests WHERE id = ?').get(id) as Row | undefined
    return row && toRequest(row)
  }

  /** The request with this id, if `secret` is the one it was made with. */
  findWithSecret(id: string, secret: string): PairingRequest | undefined {
    const row = this.db
      .prepare('SELECT * FROM pairing_requests WHERE id = ? AND secret_hash = ?')
      .get(id, secretHash(secret)) as Row | undefined
    return row && toRequest(row)
  }

  findByCode(code: string): PairingRequest | undefined {
    const row = this.db.prepare('SELECT * FROM pairing_requests WHERE code = ?').get(code) as Row | undefined
    return row && toRequest(row)
  }

  /** Binds an open request to a screen; false if it was claimed or expired meanwhile. */
  claim(id: string, screenId: string, by: string): boolean {
    const now = isoAt(this.clock())
    return (
      this.db
        .prepare(
          `UPDATE pairing_requests SET claimed_screen_id = ?, claimed_by = ?, claimed_at = ?
           WHERE id = ? AND claimed_at IS NULL AND expires_at > ?`,
        )
        .run(screenId, by, now, id, now).changes === 1
    )
  }

  /** Marks the token delivered; false if it already was (a second collection). */
  deliver(id: string, tokenId: string): boolean {
    return (
      this.db
        .prepare(
          'UPDATE pairing_requests SET delivered_at = ?, token_id = ? WHERE id = ? AND delivered_at IS NULL',
        )
        .run(isoAt(this.clock()), tokenId, id).changes === 1
    )
  }
}

import type { Migration } from '../migrate'

/**
 * Revokes API tokens that an admin made for another account (issue 16). Until then
 * `POST /api/tokens` took a `userId`, and such a token acted as that other account: its maker
 * could approve their own change in another's name. A token now acts only for the account that
 * made it, and these tokens cannot: they stop working rather than act for somebody nobody asked.
 *
 * The table never recorded a token's maker; the audit log does (`token.create`: its actor, and
 * the token's id, since migration 8). A live token whose maker there is not its account is
 * revoked, and the revocation is recorded in the log as the system's. A token with no creation
 * entry (made straight in the database) is left alone: nothing says who made it.
 */
export const foreignTokens: Migration = {
  version: 15,
  name: 'foreign tokens',
  up: (db) => {
    const foreign = db
      .prepare(
        `SELECT t.id, t.user_id, a.actor_id AS maker_id, a.actor_name AS maker_name
         FROM api_tokens t
         JOIN audit_log a ON a.action = 'token.create' AND a.outcome = 'ok' AND a.object_id = t.id
         WHERE a.actor_kind = 'user' AND a.actor_id IS NOT t.user_id AND t.revoked_at IS NULL
         ORDER BY a.seq`,
      )
      .all() as { id: string; user_id: string; maker_id: string | null; maker_name: string | null }[]
    // The instant of the upgrade: migrations take no clock, and this is when the tokens stop.
    const now = new Date().toISOString()
    const revoke = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?')
    const record = db.prepare(
      `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, via, action, object_type, object_id, outcome, detail)
       VALUES (?, 'system', NULL, 'gatecast', NULL, 'token.revoke', 'token', ?, 'ok', ?)`,
    )
    for (const token of foreign) {
      revoke.run(now, token.id)
      record.run(
        now,
        token.id,
        `made by ${token.maker_name ?? token.maker_id} for account ${token.user_id}: ` +
          'a token acts only for the account that made it (migration 15)',
      )
    }
  },
}

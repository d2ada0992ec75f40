import type { Migration } from '../migrate'

/**
 * Pairing a new player with a screen. A player asks for a request and shows its short code; an
 * operator binds the code to a screen; the player, proving it is the one that asked with the
 * request's secret, collects the screen's token once. Only digests of the secret are stored, and
 * no screen token ever is: the token is issued when the player collects it.
 */
export const pairing: Migration = {
  version: 9,
  name: 'pairing',
  up: (db) => {
    db.exec(`
      CREATE TABLE pairing_requests (
        id TEXT PRIMARY KEY,
        -- Unique among the requests kept (expired ones are purged after a day), so a code names one request.
        code TEXT NOT NULL UNIQUE,
        secret_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ip TEXT,
        claimed_screen_id TEXT REFERENCES screens(id) ON DELETE CASCADE,
        claimed_by TEXT,
        claimed_at TEXT,
        delivered_at TEXT,
        token_id TEXT
      ) STRICT;
      CREATE INDEX pairing_requests_expiry ON pairing_requests (expires_at);
      CREATE INDEX pairing_requests_ip ON pairing_requests (ip, expires_at);
    `)
  },
}

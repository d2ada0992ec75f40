import type { Migration } from '../migrate'

/**
 * Accounts, their sessions and API tokens, screens' tokens, and the audit log. Secrets are never stored: passwords
 * as scrypt hashes, session and token secrets as SHA-256 digests (they are random and long, so a
 * fast hash is enough). The audit log refuses UPDATE and DELETE in the database itself, so no
 * code path, present or future, can rewrite history.
 */
export const accounts: Migration = {
  version: 8,
  name: 'accounts',
  up: (db) => {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'approver', 'editor', 'viewer')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_login_at TEXT
      );

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ip TEXT,
        user_agent TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);

      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'approver', 'editor', 'viewer')),
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id);

      -- A paired screen's tokens: normally one live; two for a moment while one is rotated.
      CREATE TABLE screen_tokens (
        id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL UNIQUE,
        screen_id TEXT NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX screen_tokens_screen ON screen_tokens (screen_id);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('user', 'screen', 'system', 'anonymous')),
        actor_id TEXT,
        actor_name TEXT,
        via TEXT,
        action TEXT NOT NULL,
        object_type TEXT,
        object_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        ip TEXT,
        user_agent TEXT,
        before TEXT,
        after TEXT,
        detail TEXT
      );
      CREATE INDEX audit_at ON audit_log (at);
      CREATE INDEX audit_actor ON audit_log (actor_id, at);
      CREATE INDEX audit_object ON audit_log (object_type, object_id, at);
      CREATE INDEX audit_action ON audit_log (action, at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `)
  },
}

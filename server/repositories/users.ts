import { rolesFor } from '@playlists/auth/permissions'
import type { Approver, Role, User } from '@playlists/schemas/accounts'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'

interface UserRow {
  id: string
  username: string
  display_name: string
  role: Role
  password_hash: string
  disabled: 0 | 1
  created_at: string
  updated_at: string
  last_login_at: string | null
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastLoginAt: r.last_login_at,
})

export interface NewUser {
  username: string
  displayName: string
  role: Role
  passwordHash: string
}

/** Accounts. Passwords arrive here already hashed; this file never sees one in clear. */
const BY_NAME = new Intl.Collator('vi', { sensitivity: 'base' })

export class UsersRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser)
  }

  /**
   * The enabled accounts whose role may approve, by name: what a dataset's quick approvers are
   * chosen from. Sorted as a Vietnamese reader looks a name up (case and tone marks aside, Đ after
   * D), not by SQLite's byte order, which puts every lower-case name after every capital.
   */
  approvers(): Approver[] {
    const roles = rolesFor('approve')
    const rows = this.db
      .prepare(
        `SELECT id, display_name AS displayName FROM users
         WHERE disabled = 0 AND role IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(roles)) as Approver[]
    return rows.sort((a, b) => BY_NAME.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1))
  }

  find(id: string): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    return row && toUser(row)
  }

  get(id: string): User {
    const user = this.find(id)
    if (!user) throw notFound('user.not-found', 'User', id)
    return user
  }

  /** The account and its password hash, for signing in. */
  credentials(username: string): { user: User; passwordHash: string } | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
    return row && { user: toUser(row), passwordHash: row.password_hash }
  }

  passwordHash(id: string): string {
    this.get(id)
    return this.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string
  }

  create(input: NewUser): User {
    const id = newId('u')
    const now = isoAt(this.clock())
    return this.db.transaction(() => {
      if (this.credentials(input.username))
        throw refuse('user.username-taken', `The username "${input.username}" is taken.`, {
          params: { username: input.username },
        })
      this.db
        .prepare(
          `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.username, input.displayName, input.role, input.passwordHash, now, now)
      return this.get(id)
    })()
  }

  update(
    id: string,
    patch: { displayName?: string; role?: Role; disabled?: boolean; passwordHash?: string },
  ): User {
    const user = this.get(id)
    this.db
      .prepare(
        `UPDATE users SET display_name = @displayName, role = @role, disabled = @disabled,
           password_hash = COALESCE(@passwordHash, password_hash), updated_at = @now WHERE id = @id`,
      )
      .run({
        id,
        displayName: patch.displayName ?? user.displayName,
        role: patch.role ?? user.role,
        disabled: (patch.disabled ?? user.disabled) ? 1 : 0,
        passwordHash: patch.passwordHash ?? null,
        now: isoAt(this.clock()),
      })
    return this.get(id)
  }

  /** Admins that can still sign in: the last one may not be demoted or disabled. */
  activeAdmins(): number {
    return this.db
      .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0")
      .pluck()
      .get() as number
  }

  touchLogin(id: string): void {
    this.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(isoAt(this.clock()), id)
  }
}

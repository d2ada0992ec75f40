import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '@playlists/limits'
import { USERNAME_PATTERN } from '@playlists/schemas/accounts'
import { generatePassword, hashPassword } from '../auth/secrets'
import { systemClock } from '../clock'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/open'
import { DATABASE_FILE } from '../plugins/db'
import { createRepositories } from '../repositories'

/**
 * `npm run reset-password -- <username>`: for the person at the server's console when nobody
 * can sign in. Sets a new password (GATECAST_NEW_PASSWORD, or a generated one printed once),
 * re-enables the account, ends its sessions, and records it in the audit log. The server may
 * keep running meanwhile: SQLite's busy timeout lets both write.
 */
async function main(): Promise<number> {
  const username = process.argv[2]
  if (!username || !new RegExp(USERNAME_PATTERN).test(username)) {
    console.error(
      'Usage: npm run reset-password -- <username>   (GATECAST_NEW_PASSWORD=… to choose the password)',
    )
    return 2
  }
  const config = loadConfig()
  const file = join(config.dataDir, DATABASE_FILE)
  if (!existsSync(file)) {
    console.error(`No Gatecast database at ${file}. Set DATA_DIR to the server's data folder.`)
    return 2
  }
  const chosen = process.env.GATECAST_NEW_PASSWORD
  if (chosen !== undefined && (chosen.length < PASSWORD_CHARS_MIN || chosen.length > PASSWORD_CHARS_MAX)) {
    console.error(`GATECAST_NEW_PASSWORD must have ${PASSWORD_CHARS_MIN}–${PASSWORD_CHARS_MAX} characters.`)
    return 2
  }
  const db = openDatabase(file)
  try {
    const repos = createRepositories(db, systemClock)
    const found = repos.users.credentials(username)
    if (!found) {
      const known = repos.users.list().map((u) => u.username)
      console.error(`No account "${username}". Accounts: ${known.join(', ') || 'none'}.`)
      return 1
    }
    const password = chosen ?? generatePassword()
    const before = found.user
    const after = repos.users.update(found.user.id, {
      passwordHash: await hashPassword(password),
      disabled: false,
    })
    const ended = repos.sessions.deleteForUser(found.user.id)
    repos.audit.append({
      actor: { kind: 'system', id: null, name: process.env.USER ?? 'console' },
      via: 'cli',
      action: 'user.password.reset',
      objectType: 'user',
      objectId: found.user.id,
      outcome: 'ok',
      ip: null,
      userAgent: null,
      before,
      after,
      detail: `password reset at the server's console; ${ended} session(s) ended`,
    })
    console.info(
      chosen === undefined
        ? `New password for "${username}": ${password}\nWrite it down now: it is not shown again.`
        : `The password of "${username}" is now the one in GATECAST_NEW_PASSWORD.`,
    )
    return 0
  } finally {
    db.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `Cannot reset: ${error.message}` : error)
    process.exit(1)
  },
)

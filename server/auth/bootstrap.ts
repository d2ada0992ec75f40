import { PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '@playlists/limits'
import type { FastifyInstance } from 'fastify'
import { generatePassword, hashPassword } from './secrets'

export interface FirstAdmin {
  username: string
  password: string
  /** True when Gatecast made the password up: it must be shown once, then never again. */
  generated: boolean
}

/**
 * On the first start (no account at all) creates the admin account: with the password given in
 * the environment, or with a generated one that the caller prints once. There is no default
 * password. Returns undefined when accounts already exist.
 */
export async function createFirstAdmin(
  app: FastifyInstance,
  wanted: { username?: string; password?: string; passwordHash?: string },
): Promise<FirstAdmin | undefined> {
  if (app.repos.users.count() > 0) return undefined
  const username = wanted.username ?? 'admin'
  const generated = wanted.password === undefined
  const password = wanted.password ?? generatePassword()
  if (password.length < PASSWORD_CHARS_MIN || password.length > PASSWORD_CHARS_MAX) {
    throw new RangeError(
      `The first admin's password must have ${PASSWORD_CHARS_MIN}–${PASSWORD_CHARS_MAX} characters.`,
    )
  }
  const user = app.repos.users.create({
    username,
    displayName: 'Administrator',
    role: 'admin',
    // A hash given with the password was made from it earlier (AppOptions.admin).
    passwordHash: (wanted.password !== undefined && wanted.passwordHash) || (await hashPassword(password)),
  })
  app.audit(null, {
    action: 'user.create',
    objectType: 'user',
    objectId: user.id,
    after: user,
    detail: generated ? 'first admin, generated password' : 'first admin, password from the environment',
  })
  return { username, password, generated }
}

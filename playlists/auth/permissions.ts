import { ROLES, type Role } from '../schemas/accounts'

/**
 * Every route and socket event names one of these, and this table alone says who holds each.
 * Roles nest (an admin may do what an approver may, an approver what an editor may, an editor
 * what a viewer may), so each permission is "this role or above".
 *
 * - public: no credentials (health, sign-in, the player's files, pairing a new screen);
 * - signed-in: any account, for its own session, password and tokens;
 * - screen: a paired screen's own token, and nothing else;
 * - the rest: an account's role, or an API token's.
 */
export const PERMISSIONS = {
  public: 'anyone',
  'signed-in': 'viewer',
  screen: 'screen',
  /** Sites, screens, their status, timelines, previews and proof-of-play reports. */
  preview: 'viewer',
  /** Media, playlists, schedules and layouts as they are being prepared. */
  'content:read': 'editor',
  'content:write': 'editor',
  /** Pairing screens and sending them commands (reload, identify, clear cache). */
  'screens:operate': 'editor',
  /** Approving or rejecting another person's change, putting approved versions on air, rollback. */
  approve: 'approver',
  'emergency:send': 'approver',
  'audit:read': 'approver',
  /** Prometheus's scrape: an API token, or no credentials from an address in METRICS_ALLOW. */
  metrics: 'viewer',
  /** Sites and screens, web-page allow-list, screen tokens. */
  'settings:write': 'admin',
  'users:manage': 'admin',
} as const satisfies Record<string, Role | 'anyone' | 'screen'>

export type Permission = keyof typeof PERMISSIONS

const RANK: Record<Role, number> = { viewer: 0, editor: 1, approver: 2, admin: 3 }

/** The roles holding the permission (empty for public and screen permissions). */
export function rolesFor(permission: Permission): Role[] {
  const needs = PERMISSIONS[permission]
  if (needs === 'anyone' || needs === 'screen') return []
  return ROLES.filter((r) => RANK[r] >= RANK[needs])
}

export const roleAllows = (role: Role, permission: Permission): boolean => rolesFor(permission).includes(role)

/** The lower of two roles: a token acts with its own role, but never above its owner's current one. */
export const lowerRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b)

/** May an account of role `granter` hand out a token or role `wanted`? Never above its own. */
export const roleAtMost = (wanted: Role, granter: Role): boolean => RANK[wanted] <= RANK[granter]

export const isPermission = (value: unknown): value is Permission =>
  typeof value === 'string' && Object.hasOwn(PERMISSIONS, value)

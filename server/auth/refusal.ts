import { type Permission, roleAllows, rolesFor } from '../../playlists/auth/permissions'
import type { Actor } from './actor'

/** Why this actor may not use a route of this permission, or null if it may. */
export function refusal(
  actor: Actor,
  permission: Permission,
): { statusCode: 401 | 403; message: string } | null {
  if (permission === 'public') return null
  if (actor.kind === 'anonymous') {
    return { statusCode: 401, message: 'Sign in first (or send an API token as "Authorization: Bearer …").' }
  }
  if (permission === 'screen') {
    return actor.kind === 'screen' ? null : { statusCode: 403, message: 'Only a paired screen may use this.' }
  }
  if (actor.kind === 'screen')
    return { statusCode: 403, message: "A screen's token opens only the player's channel." }
  if (roleAllows(actor.role, permission)) return null
  const needed = rolesFor(permission).join(', ')
  return { statusCode: 403, message: `This needs the role ${needed}; you act as ${actor.role}.` }
}

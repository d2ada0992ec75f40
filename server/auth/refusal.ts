import { type Permission, roleAllows, rolesFor } from '@playlists/auth/permissions'
import type { CodeOf, ErrorParams } from '@playlists/schemas/error-codes'
import type { Actor } from './actor'

export interface Refusal {
  statusCode: 401 | 403
  code: CodeOf<'unauthenticated' | 'forbidden'>
  message: string
  params?: ErrorParams
}

/** Why this actor may not use a route of this permission, or null if it may. */
export function refusal(actor: Actor, permission: Permission): Refusal | null {
  if (permission === 'public') return null
  if (actor.kind === 'anonymous') {
    return {
      statusCode: 401,
      code: 'auth.sign-in-required',
      message: 'Sign in first (or send an API token as "Authorization: Bearer …").',
    }
  }
  if (permission === 'screen') {
    return actor.kind === 'screen'
      ? null
      : { statusCode: 403, code: 'auth.screen-only', message: 'Only a paired screen may use this.' }
  }
  if (actor.kind === 'screen')
    return {
      statusCode: 403,
      code: 'auth.screen-token-scope',
      message: "A screen's token opens only the player's channel.",
    }
  if (roleAllows(actor.role, permission)) return null
  const needed = rolesFor(permission).join(', ')
  return {
    statusCode: 403,
    code: 'auth.role-required',
    message: `This needs the role ${needed}; you act as ${actor.role}.`,
    params: { needed, role: actor.role },
  }
}

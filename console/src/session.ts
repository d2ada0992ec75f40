import { type Permission, roleAllows } from '@playlists/auth/permissions'
import type { Me } from '@playlists/schemas/accounts'
import { effect, signal } from '@preact/signals'
import { ApiError, api, sessionLost } from './api'

/**
 * Who is signed in: `undefined` while the console asks, `null` when nobody is. The same
 * permission table as the server's decides which pages a role sees, so the console never offers
 * what the server would refuse.
 */
export const me = signal<Me | null | undefined>(undefined)

export async function loadSession(): Promise<void> {
  try {
    me.value = await api.get('/api/auth/me')
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) me.value = null
    else throw error
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  me.value = await api.post('/api/auth/login', { body: { username, password } })
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/api/auth/logout')
  } finally {
    me.value = null
  }
}

export function can(permission: Permission): boolean {
  const current = me.value
  return current ? roleAllows(current.role, permission) : false
}

// A 401 anywhere means the session is over: back to the sign-in page.
effect(() => {
  if (sessionLost.value > 0) me.value = null
})

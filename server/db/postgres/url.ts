/** `postgres://user:secret@host/db` as people may read it: without the password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'postgres://(unreadable address)'
  }
}

import { parseWebOrigin } from '@playlists/web'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { refuse } from '../domain-error'

/** The admin's allow-list of origins whose pages may be shown in web-page items. */
export class WebOriginsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): string[] {
    return this.db.prepare('SELECT origin FROM web_origins ORDER BY origin').pluck().all() as string[]
  }

  allowed(): Set<string> {
    return new Set(this.list())
  }

  /** Replaces the list whole; every entry is checked first, so a bad one changes nothing. */
  replace(entries: readonly string[]): string[] {
    const origins = new Set<string>()
    entries.forEach((entry, index) => {
      const parsed = parseWebOrigin(entry)
      if ('problem' in parsed)
        throw refuse('web-origin.invalid', `origins[${index}]: ${parsed.problem}.`, {
          details: { field: `origins/${index}` },
        })
      origins.add(parsed.origin)
    })
    this.db.transaction(() => {
      const kept = this.db.prepare('SELECT origin FROM web_origins').pluck().all() as string[]
      const remove = this.db.prepare('DELETE FROM web_origins WHERE origin = ?')
      for (const origin of kept) if (!origins.has(origin)) remove.run(origin)
      const insert = this.db.prepare('INSERT OR IGNORE INTO web_origins (origin, created_at) VALUES (?, ?)')
      const now = isoAt(this.clock())
      for (const origin of origins) insert.run(origin, now)
    })()
    return this.list()
  }
}

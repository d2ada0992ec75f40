import type { Database } from 'better-sqlite3'
import { initial } from './migrations/001-initial'
import { schedules } from './migrations/002-schedules'
import { mediaLibrary } from './migrations/003-media-library'
import { layoutsAndKinds } from './migrations/004-layouts-and-kinds'
import { plays } from './migrations/005-plays'
import { screenStatus } from './migrations/006-screen-status'
import { crossfade } from './migrations/007-crossfade'
import { accounts } from './migrations/008-accounts'
import { pairing } from './migrations/009-pairing'
import { approvals } from './migrations/010-approvals'
import { uptime } from './migrations/011-uptime'
import { alerts } from './migrations/012-alerts'
import { documentProgrammes } from './migrations/013-document-programmes'
import { deletedIds } from './migrations/014-deleted-ids'
import { foreignTokens } from './migrations/015-foreign-tokens'
import { legibility } from './migrations/016-legibility'
import { lunarSchedules } from './migrations/017-lunar-schedules'
import { capAlerts } from './migrations/018-cap-alerts'
import { feeds } from './migrations/019-feeds'
import { feedItems } from './migrations/020-feed-items'
import { onAirFeeds } from './migrations/021-on-air-feeds'
import { datasets } from './migrations/022-datasets'
import { deletedSources } from './migrations/023-deleted-sources'
import { powerPlans } from './migrations/024-power-plans'
import { kioskAgents } from './migrations/025-kiosk-agents'
import { screenshots } from './migrations/026-screenshots'
import { healingIncidents } from './migrations/027-healing-incidents'
import { jobLeases } from './migrations/028-job-leases'
import { mediaBlobs } from './migrations/029-media-blobs'

export interface Migration {
  version: number
  name: string
  up: (db: Database) => void
}

/** In order; a new migration is a new file appended here. Never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  schedules,
  mediaLibrary,
  layoutsAndKinds,
  plays,
  screenStatus,
  crossfade,
  accounts,
  pairing,
  approvals,
  uptime,
  alerts,
  documentProgrammes,
  deletedIds,
  foreignTokens,
  legibility,
  lunarSchedules,
  capAlerts,
  feeds,
  feedItems,
  onAirFeeds,
  datasets,
  deletedSources,
  powerPlans,
  kioskAgents,
  screenshots,
  healingIncidents,
  jobLeases,
  mediaBlobs,
]

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

export class DatabaseTooNewError extends Error {
  constructor(found: number) {
    super(
      `The database is at schema version ${found}, but this Gatecast knows versions up to ${SCHEMA_VERSION}. ` +
        'It was written by a newer Gatecast: run that version, or restore a backup made before the upgrade.',
    )
    this.name = 'DatabaseTooNewError'
  }
}

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction
 * that also bumps `user_version`, so a failure leaves the database at the last good version.
 * Returns the versions applied.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) throw new DatabaseTooNewError(current)
  const applied: number[] = []
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      // PRAGMA cannot take a bound parameter; the version is an integer from our own code.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    }).immediate()
    applied.push(migration.version)
  }
  return applied
}

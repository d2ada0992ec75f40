import { join } from 'node:path'
import fp from 'fastify-plugin'
import cron, { type ScheduledTask } from 'node-cron'
import { type BackupManifest, createBackup, listBackups, pruneBackups } from '../backup/backup'
import { SqliteStore } from '../db/sqlite-store'
import { conflict } from '../errors'
import { runGuarded } from '../guard'
import { cronLogger } from '../jobs/cron-logger'

export interface BackupSettings {
  /** Default `<dataDir>/backups`. */
  dir?: string
  /** Cron expression, or 'off'; default 02:30 every day. */
  cron?: string
  keep?: number
}

export interface Backups {
  readonly dir: string
  readonly schedule: string
  readonly keep: number
  /** Backs up now (refused with 409 while another backup runs), then prunes to `keep`. */
  run(now?: number): Promise<BackupManifest>
  list(): Promise<BackupManifest[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    backups: Backups
  }
}

export const DEFAULT_BACKUP_CRON = '30 2 * * *'
export const DEFAULT_BACKUP_KEEP = 14

/**
 * Backups on demand (API, `npm run backup`) and on their own schedule. The schedule is a setting
 * (BACKUP_CRON), which is why it is not a row of the fixed job table; like the jobs, it runs only
 * when the app schedules work (main does, tests call `run`), on the node holding the jobs lease.
 */
export const backupsPlugin = fp<{ dataDir: string; settings: BackupSettings; schedule: boolean }>(
  async (app, { dataDir, settings, schedule }) => {
    const dir = settings.dir ?? join(dataDir, 'backups')
    const keep = settings.keep ?? DEFAULT_BACKUP_KEEP
    // PostgreSQL is backed up with its own tools (README, "Backing up PostgreSQL"): a schedule
    // here would only log the refusal below every night, and GET /api/backups would promise one.
    const expression = app.db instanceof SqliteStore ? (settings.cron ?? DEFAULT_BACKUP_CRON) : 'off'
    let running: Promise<BackupManifest> | null = null

    const run = async (now?: number): Promise<BackupManifest> => {
      if (running) throw conflict('backup.running', 'A backup is already running; wait for it to finish.')
      const db = app.db
      // PostgreSQL is backed up with its own tools (README "More than one node"): a node's copy
      // of one database would not be the cluster's.
      if (!(db instanceof SqliteStore)) {
        throw conflict('backup.engine', 'This server keeps its data in PostgreSQL: back it up with pg_dump.')
      }
      running = (async () => {
        const manifest = await createBackup({
          db,
          mediaDir: join(dataDir, 'media'),
          backupsDir: dir,
          now: now ?? app.clock(),
        })
        const pruned = await pruneBackups(dir, keep)
        app.log.info({ backup: manifest.name, pruned, missing: manifest.media.missing.length }, 'backup made')
        return manifest
      })()
      try {
        return await running
      } finally {
        running = null
      }
    }
    app.decorate('backups', { dir, schedule: expression, keep, run, list: () => listBackups(dir) })

    if (!schedule || expression === 'off') return
    let task: ScheduledTask | null = null
    app.addHook('onReady', async () => {
      task = cron.schedule(expression, () => runGuarded(app.log, { job: 'backup' }, run), {
        name: 'backup',
        noOverlap: true,
        logger: cronLogger(app.log, 'backup'),
        // Like the jobs: on the node holding the jobs lease, each tick once (jobs/lease.ts).
        distributed: true,
        runCoordinator: app.jobLease.coordinator('backup'),
      })
    })
    app.addHook('onClose', async () => {
      await task?.destroy()
      // The database closes after this hook: let a backup in progress finish first.
      await running?.catch(() => {})
    })
  },
  { name: 'backups', dependencies: ['db', 'services'] },
)

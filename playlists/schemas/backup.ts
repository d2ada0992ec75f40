import Type, { type Static } from 'typebox'

/** The manifest format this code writes and reads; a backup in another one is refused by name. */
export const BACKUP_FORMAT = 1

const count = (description?: string) => Type.Integer({ minimum: 0, ...(description ? { description } : {}) })

/**
 * A backup's `manifest.json`: written by server/backup/backup.ts from this type, checked against
 * it before a restore touches anything, and what the API lists. Closed objects: a field this
 * version does not know means a manifest it cannot vouch for (a newer format, or an edit by hand).
 */
export const BackupManifest = Type.Object(
  {
    format: Type.Integer({ minimum: 1, description: `${BACKUP_FORMAT} for every backup this version makes` }),
    name: Type.String({
      pattern: '^gatecast-[0-9TZ-]+$',
      description: 'The folder under the backups directory: gatecast-<instant>',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    schemaVersion: count('The database schema (migration) version of the snapshot'),
    database: Type.Object(
      {
        file: Type.String({ minLength: 1 }),
        bytes: count(),
        sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      },
      { additionalProperties: false },
    ),
    media: Type.Object(
      {
        files: count(),
        bytes: count(),
        missing: Type.Array(Type.String(), {
          description: 'Media named by the snapshot but deleted meanwhile',
        }),
      },
      { additionalProperties: false },
    ),
    rows: Type.Record(Type.String(), count(), { description: 'Rows per table of the snapshot' }),
  },
  { additionalProperties: false },
)
export type BackupManifest = Static<typeof BackupManifest>

/** A backup as the API lists it: its manifest. */
export const Backup = BackupManifest
export type Backup = BackupManifest

export const BackupList = Type.Object({
  directory: Type.String(),
  schedule: Type.String({ description: 'Cron expression in the server time zone, or off' }),
  keep: Type.Integer(),
  backups: Type.Array(Backup),
})
export type BackupList = Static<typeof BackupList>

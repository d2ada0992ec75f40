import Type, { type Static } from 'typebox'

/** A backup as the API lists it: its manifest (server/backup/backup.ts writes it). */
export const Backup = Type.Object({
  format: Type.Integer(),
  name: Type.String({ description: 'The folder under the backups directory: gatecast-<instant>' }),
  createdAt: Type.String({ format: 'date-time' }),
  schemaVersion: Type.Integer(),
  database: Type.Object({ file: Type.String(), bytes: Type.Integer(), sha256: Type.String() }),
  media: Type.Object({
    files: Type.Integer(),
    bytes: Type.Integer(),
    missing: Type.Array(Type.String(), { description: 'Media named by the snapshot but deleted meanwhile' }),
  }),
  rows: Type.Record(Type.String(), Type.Integer()),
})
export type Backup = Static<typeof Backup>

export const BackupList = Type.Object({
  directory: Type.String(),
  schedule: Type.String({ description: 'Cron expression in the server time zone, or off' }),
  keep: Type.Integer(),
  backups: Type.Array(Backup),
})
export type BackupList = Static<typeof BackupList>

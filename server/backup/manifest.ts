import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BACKUP_FORMAT, BackupManifest } from '@playlists/schemas/backup'
import { Compile } from 'typebox/compile'

export const BACKUP_MANIFEST = 'manifest.json'

const checkManifest = Compile(BackupManifest)

/** Why a folder's manifest cannot be used: what a person restoring needs to fix or choose instead. */
export class ManifestRefused extends Error {
  override name = 'ManifestRefused'
}

/** "database.sha256" for "/database/sha256": the field as a person reads it in the file. */
const fieldName = (pointer: string) => pointer.slice(1).replaceAll('/', '.') || '(the whole manifest)'

/** Each mismatch as "field: what was expected", e.g. "schemaVersion: missing (an integer)". */
function mismatches(value: unknown): string[] {
  const out: string[] = []
  for (const e of checkManifest.Errors(value)) {
    // "schema is false" repeats, per field, what additionalProperties says once with the names.
    if (e.keyword === 'boolean') continue
    const at = e.instancePath
    if (e.keyword === 'required')
      for (const name of (e.params as { requiredProperties: string[] }).requiredProperties)
        out.push(`${fieldName(`${at}/${name}`)}: missing`)
    else if (e.keyword === 'additionalProperties')
      for (const name of (e.params as { additionalProperties: string[] }).additionalProperties)
        out.push(`${fieldName(`${at}/${name}`)}: not a field of backup format ${BACKUP_FORMAT}`)
    else out.push(`${fieldName(at)}: ${e.message}`)
  }
  return out
}

/**
 * The manifest of the backup in `folder`, checked against its schema. A format this version does
 * not read is named as such first (a newer Gatecast's backup is not a damaged one); any other
 * mismatch lists each field and what was expected.
 */
export async function readManifest(folder: string): Promise<BackupManifest> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(join(folder, BACKUP_MANIFEST), 'utf8'))
  } catch {
    throw new ManifestRefused(`${folder} is not a Gatecast backup: it has no readable ${BACKUP_MANIFEST}.`)
  }
  const format = (value as { format?: unknown } | null)?.format
  if (typeof format === 'number' && format !== BACKUP_FORMAT)
    throw new ManifestRefused(`Backup format ${format} is not one this Gatecast reads (${BACKUP_FORMAT}).`)
  if (!checkManifest.Check(value)) {
    const found = mismatches(value)
    throw new ManifestRefused(
      `The ${BACKUP_MANIFEST} of ${folder} is not a valid backup manifest (edited, damaged or not ` +
        `Gatecast's): ${found.join('; ')}.`,
    )
  }
  return value
}

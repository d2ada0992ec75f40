import type { AuditEntry } from '@playlists/schemas/audit'

const COLUMNS = [
  'seq',
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'via',
  'action',
  'object_type',
  'object_id',
  'outcome',
  'ip',
  'user_agent',
  'detail',
  'before',
  'after',
] as const

/**
 * RFC 4180 fields: quoted when they hold the separator (a comma, or the semicolon of the
 * Vietnamese reports in server/reports/csv.ts), a quote or a line break. A field a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe: the log records what
 * people typed, and opening it must not execute any of it.
 */
export function csvField(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return ''
  let text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text
}

const row = (e: AuditEntry) =>
  [
    e.seq,
    e.at,
    e.actor.kind,
    e.actor.id,
    e.actor.name,
    e.via,
    e.action,
    e.objectType,
    e.objectId,
    e.outcome,
    e.ip,
    e.userAgent,
    e.detail,
    e.before,
    e.after,
  ]
    .map((value) => csvField(value))
    .join(',')

/** The header line, after a BOM so that Excel reads Vietnamese and Chinese as UTF-8. */
export const auditCsvHeader = () => `\uFEFF${COLUMNS.join(',')}\r\n`

/** One CRLF-ended line per entry: an export is the header and then chunks of these. */
export function auditCsvLines(entries: readonly AuditEntry[]): string {
  let text = ''
  for (const e of entries) text += `${row(e)}\r\n`
  return text
}

import type { AuditEntry } from '../../playlists/schemas/audit'

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
 * RFC 4180 fields: quoted when they hold a comma, quote or line break. A field a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe: the log records what
 * people typed, and opening it must not execute any of it.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
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
    .map(csvField)
    .join(',')

/** The whole export as one string, with a BOM so that Excel reads Vietnamese and Chinese as UTF-8. */
export function auditCsv(pages: Iterable<AuditEntry[]>): string {
  const lines = [`\uFEFF${COLUMNS.join(',')}`]
  for (const page of pages) for (const e of page) lines.push(row(e))
  return `${lines.join('\r\n')}\r\n`
}

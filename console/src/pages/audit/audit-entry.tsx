import type { AuditEntry } from '@playlists/schemas/audit'
import { useState } from 'preact/hooks'
import { formatDateTime } from '../../i18n/i18n'
import { actionLabel } from './actions'
import { t } from './messages'
import { objectLabel } from './objects'

const COLUMNS = 6

function actorText(actor: AuditEntry['actor']): string {
  switch (actor.kind) {
    case 'user':
      return actor.name ?? actor.id ?? t('actor.anonymous')
    case 'screen':
      return t('actor.screen', { id: actor.name ?? actor.id ?? '' })
    case 'system':
      return t('actor.system')
    default:
      return t('actor.anonymous')
  }
}

/** `token:<id>` names the token; the kind of credential is what a reader needs. */
function viaText(via: string | null): string | null {
  if (via === null) return null
  const kind = via.split(':')[0]
  switch (kind) {
    case 'session':
      return t('via.session')
    case 'token':
      return t('via.token')
    case 'screen-token':
      return t('via.screen-token')
    case 'socket':
      return t('via.socket')
    case 'cli':
      return t('via.cli')
    default:
      return t('via.other', { via })
  }
}

const OUTCOME_BADGE = { ok: 'ok', denied: 'danger', failed: 'warn' } as const

interface Change {
  field: string
  before: unknown
  after: unknown
  changed: boolean
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Field by field when both sides are objects (or one is missing); else the two values whole. */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = before ?? null
  const a = after ?? null
  if ((isRecord(b) || b === null) && (isRecord(a) || a === null) && (b !== null || a !== null)) {
    const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
    return fields.map((field) => {
      const was = b?.[field]
      const is = a?.[field]
      return { field, before: was, after: is, changed: JSON.stringify(was) !== JSON.stringify(is) }
    })
  }
  return [{ field: '', before: b, after: a, changed: JSON.stringify(b) !== JSON.stringify(a) }]
}

function Value({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <span class="muted">{t('diff.empty')}</span>
  if (typeof value === 'string') return <span>{value}</span>
  if (typeof value !== 'object') return <code>{String(value)}</code>
  return <pre class="audit-json">{JSON.stringify(value, null, 2)}</pre>
}

function Changes({ entry }: { entry: AuditEntry }) {
  if ((entry.before ?? null) === null && (entry.after ?? null) === null)
    return <p class="muted">{t('detail.none')}</p>
  const changes = changesOf(entry.before, entry.after)
  return (
    <table class="audit-diff">
      <caption>{t('diff.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('diff.field')}</th>
          <th scope="col">{t('diff.before')}</th>
          <th scope="col">{t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} class={c.changed ? 'audit-changed' : undefined}>
            <th scope="row">
              <code>{c.field || t('diff.value')}</code>
              {c.changed && <span class="visually-hidden"> ({t('diff.changed')})</span>}
            </th>
            <td>
              <Value value={c.before} />
            </td>
            <td>
              <Value value={c.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** One entry, and on demand its details: the note, where it came from, and what changed. */
export function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false)
  const detailsId = `audit-entry-${entry.seq}`
  const action = actionLabel(entry.action)
  const via = viaText(entry.via)
  return (
    <>
      <tr data-seq={entry.seq} data-action={entry.action}>
        <td>
          <time dateTime={entry.at}>{formatDateTime(entry.at, undefined, true)}</time>
        </td>
        <td>
          <div>{actorText(entry.actor)}</div>
          {via && <div class="muted">{via}</div>}
        </td>
        <td data-action={entry.action}>{action}</td>
        <td>
          {entry.objectType && <div>{objectLabel(entry.objectType)}</div>}
          {entry.objectId && <code class="audit-object-id">{entry.objectId}</code>}
        </td>
        <td>
          <span class={`badge ${OUTCOME_BADGE[entry.outcome]}`}>{t(`outcome.${entry.outcome}`)}</span>
        </td>
        <td>
          <button
            type="button"
            class="link"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={t('expand.label', { seq: entry.seq, action })}
            onClick={() => setOpen(!open)}
          >
            {t('expand')}
          </button>
        </td>
      </tr>
      {open && (
        <tr id={detailsId} class="audit-details">
          <td colSpan={COLUMNS}>
            <dl class="audit-facts">
              {entry.detail && (
                <>
                  <dt>{t('detail.note')}</dt>
                  <dd lang="en">{entry.detail}</dd>
                </>
              )}
              <dt>{t('detail.seq')}</dt>
              <dd>{entry.seq}</dd>
              {entry.actor.id && (
                <>
                  <dt>{t('detail.actor-id')}</dt>
                  <dd>
                    <code>{entry.actor.id}</code>
                  </dd>
                </>
              )}
              {entry.ip && (
                <>
                  <dt>{t('detail.address')}</dt>
                  <dd>
                    <code>{entry.ip}</code>
                  </dd>
                </>
              )}
              {entry.userAgent && (
                <>
                  <dt>{t('detail.agent')}</dt>
                  <dd class="muted">{entry.userAgent}</dd>
                </>
              )}
            </dl>
            <Changes entry={entry} />
          </td>
        </tr>
      )}
    </>
  )
}

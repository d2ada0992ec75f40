import { useState } from 'preact/hooks'
import { hrefOf, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { AuditRow } from './audit-entry'
import { AuditFilterForm, type AuditFilters, apiQuery, filtersFrom } from './audit-filters'
import { t } from './messages'
import './audit.css'

/** Entries per page; one more is asked for to learn whether an older page exists. */
const PAGE_SIZE = 50

/**
 * The audit log (approvers and admins): newest first, filtered by who, what, which object, the
 * outcome and a time range, each entry opening onto its before and after. The log can hold
 * years of entries, so pages follow the server's cursor (`before` = the last entry's number)
 * rather than counting; the CSV export takes the same filters and every matching entry.
 */
export function AuditPage({ query }: PageProps) {
  const [filters, setFilters] = useState<AuditFilters>(() => filtersFrom(query))
  // The `before` cursor of each page visited: the last one is the page shown.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined])
  const before = cursors[cursors.length - 1]
  const entries = useResource(
    read('/api/audit', { query: { ...apiQuery(filters), before, limit: PAGE_SIZE + 1 } }),
  )
  const rows = entries.data?.slice(0, PAGE_SIZE) ?? []
  const hasOlder = (entries.data?.length ?? 0) > PAGE_SIZE
  const last = rows[rows.length - 1]

  const apply = (next: AuditFilters) => {
    setFilters(next)
    setCursors([undefined])
  }

  return (
    <div class="audit-page">
      <h1>{ts('nav.audit')}</h1>
      <p class="muted">{t('intro')}</p>
      <AuditFilterForm applied={filters} onApply={apply} />
      <div class="toolbar audit-export">
        <a class="audit-csv" href={hrefOf('/api/audit.csv', { query: apiQuery(filters) })} download>
          {t('csv')}
        </a>
        <span class="muted">{t('csv-hint')}</span>
      </div>
      <ErrorMessage error={entries.error} />
      {entries.loading && !entries.data ? (
        <p class="loading">{tc('loading')}</p>
      ) : rows.length === 0 ? (
        <p class="empty">{t('empty')}</p>
      ) : (
        <table class="audit-table" aria-busy={entries.loading}>
          <thead>
            <tr>
              <th scope="col">{t('col.time')}</th>
              <th scope="col">{t('col.actor')}</th>
              <th scope="col">{t('col.action')}</th>
              <th scope="col">{t('col.object')}</th>
              <th scope="col">{t('col.outcome')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('expand')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <AuditRow key={entry.seq} entry={entry} />
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 1 || hasOlder) && (
        <nav class="pager" aria-label={t('page.label')}>
          <button
            type="button"
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('newer')}
          </button>
          <span>{t('page.number', { page: cursors.length })}</span>
          <button
            type="button"
            disabled={!hasOlder || !last}
            onClick={() => last && setCursors((c) => [...c, last.seq])}
          >
            {t('older')}
          </button>
        </nav>
      )}
    </div>
  )
}

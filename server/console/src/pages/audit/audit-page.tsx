import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the audit page. */
export function AuditPage(_props: PageProps) {
  return <h1>{ts('nav.audit')}</h1>
}

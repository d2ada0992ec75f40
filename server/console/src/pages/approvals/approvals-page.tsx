import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the approvals page. */
export function ApprovalsPage(_props: PageProps) {
  return <h1>{ts('nav.approvals')}</h1>
}

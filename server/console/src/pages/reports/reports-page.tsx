import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the reports page. */
export function ReportsPage(_props: PageProps) {
  return <h1>{ts('nav.reports')}</h1>
}

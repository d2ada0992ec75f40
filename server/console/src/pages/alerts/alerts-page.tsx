import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the alerts page. */
export function AlertsPage(_props: PageProps) {
  return <h1>{ts('nav.alerts')}</h1>
}

import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the emergency page. */
export function EmergencyPage(_props: PageProps) {
  return <h1>{ts('nav.emergency')}</h1>
}

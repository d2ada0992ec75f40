import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the schedule page. */
export function SchedulePage(_props: PageProps) {
  return <h1>{ts('nav.schedule')}</h1>
}

import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the layouts page. */
export function LayoutsPage(_props: PageProps) {
  return <h1>{ts('nav.layouts')}</h1>
}

import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the screens page. */
export function ScreensPage(_props: PageProps) {
  return <h1>{ts('nav.screens')}</h1>
}

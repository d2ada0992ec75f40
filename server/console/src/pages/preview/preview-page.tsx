import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the preview page. */
export function PreviewPage(_props: PageProps) {
  return <h1>{ts('nav.preview')}</h1>
}

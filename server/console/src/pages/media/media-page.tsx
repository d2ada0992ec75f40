import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the media page. */
export function MediaPage(_props: PageProps) {
  return <h1>{ts('nav.media')}</h1>
}

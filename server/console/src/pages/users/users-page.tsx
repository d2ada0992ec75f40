import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the users page. */
export function UsersPage(_props: PageProps) {
  return <h1>{ts('nav.users')}</h1>
}

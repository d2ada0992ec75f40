import { ts } from '../../i18n/shell'
import type { PageProps } from '../index'

/** Being built: replaced by the playlists page. */
export function PlaylistsPage(_props: PageProps) {
  return <h1>{ts('nav.playlists')}</h1>
}

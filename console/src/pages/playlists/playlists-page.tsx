import type { PageProps } from '../index'
import './messages'
import './playlists.css'
import { PlaylistEditor } from './playlist-editor'
import { PlaylistList } from './playlist-list'

/** `#/playlists`: the list; `#/playlists/<id>`: one playlist's editor (a fresh one per id). */
export function PlaylistsPage({ params }: PageProps) {
  const id = params[0]
  return id ? <PlaylistEditor key={id} id={id} /> : <PlaylistList />
}

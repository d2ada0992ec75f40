import type { CapSource } from '@playlists/schemas/cap'
import { useState } from 'preact/hooks'
import { api, read } from '../../api'
import { DeleteButton } from '../../components/delete-button'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { useAction } from '../../components/form/use-action'
import { tc } from '../../i18n/common'
import { shownParams } from '../../i18n/error-codes'
import { formatDateTime } from '../../i18n/i18n'
import { useResource } from '../../use-resource'
import { ts } from './messages'
import { ReceivedList } from './received-list'
import { SiteFeeds } from './site-feeds'
import { SiteLocations } from './site-locations'
import { SourceForm } from './source-form'
import './cap-sources.css'

/**
 * Why the source last failed, in the reader's language from its code; a failure recorded before
 * the server kept codes (or one no code names) shows the server's own words, marked as English.
 */
function LastError({ source }: { source: CapSource }) {
  if (source.lastErrorCode)
    return (
      <span title={source.lastError ?? undefined}>
        {ts(`error.${source.lastErrorCode}`, shownParams(source.lastErrorParams))}
      </span>
    )
  return <q lang="en">{source.lastError}</q>
}

/** Where the push endpoint is, for the sender: this console's own origin. */
const pushUrl = (id: string) => `${location.origin}/api/cap-sources/${id}/alerts`

/**
 * Official alert sources (issue 19 point 3): the admin registers them, sets what they may put on
 * air, sees when each last delivered and why it failed, records where each gate stands, and chooses
 * who may read each gate's on-air feed.
 */
export function CapSourcesPage() {
  const sources = useResource(read('/api/cap-sources'))
  const sites = useResource(read('/api/sites'))
  const [editing, setEditing] = useState<CapSource | 'new' | null>(null)
  const [showing, setShowing] = useState<CapSource | null>(null)
  const [token, setToken] = useState<{ id: string; token: string } | null>(null)
  const rotate = useAction(async (source: CapSource) => {
    const answer = await api.post('/api/cap-sources/:id/token', { params: { id: source.id } })
    if (answer.token) setToken({ id: source.id, token: answer.token })
  })
  const siteList = sites.data ?? []
  return (
    <div class="page cap-sources">
      <h1>{ts('title')}</h1>
      <p>{ts('intro')}</p>
      <ErrorMessage error={sources.error ?? sites.error ?? rotate.error} />
      <p>
        <button type="button" class="primary" name="add" onClick={() => setEditing('new')}>
          {ts('add')}
        </button>
      </p>
      {token && (
        <section class="card cap-token" role="status">
          <h2>{ts('token.title')}</h2>
          <p>{ts('token.once', { url: pushUrl(token.id) })}</p>
          <code>{token.token}</code>
        </section>
      )}
      {sources.data?.length === 0 && <p>{ts('empty')}</p>}
      {sources.data && sources.data.length > 0 && (
        <table aria-label={ts('title')}>
          <thead>
            <tr>
              <th scope="col">{ts('col.source')}</th>
              <th scope="col">{ts('col.fetch')}</th>
              <th scope="col">{ts('col.error')}</th>
              <th scope="col">{tc('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sources.data.map((source) => (
              <tr key={source.id} data-id={source.id}>
                <td>
                  <strong>{source.name}</strong>
                  <br />
                  {source.mode === 'pull' ? `${ts('mode.pull')}: ${source.url}` : ts('mode.push')}
                </td>
                <td>{source.lastFetchAt ? formatDateTime(source.lastFetchAt) : ts('never')}</td>
                <td>
                  {source.lastError ? (
                    <span class="badge danger">
                      {source.lastErrorAt && formatDateTime(source.lastErrorAt)}:{' '}
                      <LastError source={source} />
                    </span>
                  ) : (
                    ts('no-error')
                  )}
                </td>
                <td class="cap-actions">
                  <button
                    type="button"
                    name="edit"
                    aria-label={ts('edit.label', { name: source.name })}
                    onClick={() => setEditing(source)}
                  >
                    {ts('edit')}
                  </button>
                  <button
                    type="button"
                    name="received"
                    aria-label={ts('received.label', { name: source.name })}
                    onClick={() => setShowing(source)}
                  >
                    {ts('received')}
                  </button>
                  {source.mode === 'push' && (
                    <button
                      type="button"
                      name="token"
                      aria-label={ts('token.new-label', { name: source.name })}
                      disabled={rotate.busy}
                      onClick={() => void rotate.run(source)}
                    >
                      {ts('token.new')}
                    </button>
                  )}
                  <DeleteButton
                    name={source.name}
                    words={ts}
                    remove={() => api.delete('/api/cap-sources/:id', { params: { id: source.id } })}
                    onDone={() => {
                      if (token?.id === source.id) setToken(null)
                      sources.reload()
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SiteLocations sites={siteList} onSaved={sites.reload} />
      <SiteFeeds sites={siteList} onSaved={sites.reload} />
      <Dialog
        title={editing === 'new' ? ts('add') : ts('edit')}
        open={editing !== null}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <SourceForm
            source={editing === 'new' ? null : editing}
            sites={siteList}
            onClose={() => setEditing(null)}
            onSaved={(made) => {
              setEditing(null)
              sources.reload()
              if (made) setToken(made)
            }}
          />
        )}
      </Dialog>
      <Dialog
        title={showing ? ts('received.label', { name: showing.name }) : ''}
        open={showing !== null}
        onClose={() => setShowing(null)}
      >
        {showing && <ReceivedList source={showing} />}
      </Dialog>
    </div>
  )
}

import type { FeedSource } from '@playlists/schemas/feed'
import { useState } from 'preact/hooks'
import { api, read } from '../../api'
import { useConsolePush } from '../../components/console-push'
import { DeleteButton } from '../../components/delete-button'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/format'
import { ts } from '../../i18n/shell'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { FeedEntries } from './entries'
import { FeedForm } from './feed-form'
import { tf } from './messages'
import './feeds.css'

/** Where a source stands: its fetch (and why it failed, in the reader's words) and its alert. */
function FetchStatus({ source }: { source: FeedSource }) {
  if (!source.lastOutcome || !source.lastFetchAt) return <span class="badge">{tf('never-fetched')}</span>
  const failed = source.lastOutcome === 'failed'
  return (
    <>
      <span class={`badge ${failed ? 'danger' : 'ok'}`}>{tf(`outcome.${source.lastOutcome}`)}</span>{' '}
      {formatDateTime(source.lastFetchAt)}
      {source.lastError && <div>{tf(`error.${source.lastError.code}`)}</div>}
      {source.failingSince && (
        <div class="muted">{tf('failing-since', { at: formatDateTime(source.failingSince) })}</div>
      )}
      {source.alertedAt && (
        <div>
          <span class="badge danger">{tf('alerted', { at: formatDateTime(source.alertedAt) })}</span>
        </div>
      )}
    </>
  )
}

/**
 * Feeds: the sources (admins register and edit them; each edit is a draft approved on the
 * approvals page), their last fetch, and their entries, which an approver can withdraw.
 */
export function FeedsPage() {
  const sources = useResource(read('/api/feeds'))
  const [editing, setEditing] = useState<FeedSource | 'new' | null>(null)
  const [shown, setShown] = useState<string | null>(null)
  const refresh = useAction(async (id: string) => {
    const after = await api.post('/api/feeds/:id/refresh', { params: { id } })
    notify(
      tf(after.lastOutcome === 'failed' ? 'refreshed.failed' : 'refreshed.ok'),
      after.lastOutcome === 'failed' ? 'error' : 'success',
    )
    sources.reload()
  })
  // A fetch by the server's own job (or another admin) shows without a reload.
  useConsolePush('feed:source', sources.reload)
  const list = sources.data
  const shownSource = list?.find((s) => s.id === shown)
  return (
    <div class="feeds-page">
      <h1>{ts('nav.feeds')}</h1>
      <p class="muted">{tf('intro')}</p>
      {can('settings:write') && (
        <div class="toolbar">
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {tf('add')}
          </button>
        </div>
      )}
      <ErrorMessage error={sources.error ?? refresh.error} />
      {!list ? (
        !sources.error && <p class="loading">{tc('loading')}</p>
      ) : list.length === 0 ? (
        <p class="empty">{tf('empty')}</p>
      ) : (
        <table class="feeds-table">
          <thead>
            <tr>
              <th scope="col">{tf('col.source')}</th>
              <th scope="col">{tf('col.language')}</th>
              <th scope="col">{tf('col.fetch')}</th>
              <th scope="col">{tc('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} data-feed={s.id}>
                <th scope="row">
                  {s.name}
                  <div>
                    <code>{s.url}</code>
                  </div>
                  <span class={`badge ${s.liveVersion === null ? 'warn' : 'ok'}`}>
                    {s.liveVersion === null ? tf('not-approved') : tf('on-air', { version: s.liveVersion })}
                  </span>
                </th>
                <td>{tf(`language.${s.language}`)}</td>
                <td>
                  <FetchStatus source={s} />
                </td>
                <td class="feeds-actions">
                  <button
                    type="button"
                    aria-label={tf('entries-label', { name: s.name })}
                    aria-pressed={shown === s.id}
                    onClick={() => setShown(shown === s.id ? null : s.id)}
                  >
                    {tf('entries')}
                  </button>
                  {can('content:write') && (
                    <button
                      type="button"
                      aria-label={tf('refresh-label', { name: s.name })}
                      disabled={refresh.busy}
                      onClick={() => void refresh.run(s.id)}
                    >
                      {tf('refresh')}
                    </button>
                  )}
                  {can('settings:write') && (
                    <button
                      type="button"
                      aria-label={tf('edit-label', { name: s.name })}
                      onClick={() => setEditing(s)}
                    >
                      {tc('edit')}
                    </button>
                  )}
                  {can('settings:write') && (
                    <DeleteButton
                      name={s.name}
                      words={tf}
                      remove={() => api.delete('/api/feeds/:id', { params: { id: s.id } })}
                      onDone={() => {
                        if (shown === s.id) setShown(null)
                        sources.reload()
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shownSource && (
        <FeedEntries key={`${shownSource.id}:${shownSource.lastFetchAt}`} source={shownSource} />
      )}
      <Dialog
        title={editing === 'new' ? tf('add-title') : tf('edit-title')}
        open={editing !== null}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <FeedForm
            key={editing === 'new' ? 'new' : editing.id}
            source={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null)
              sources.reload()
            }}
          />
        )}
      </Dialog>
    </div>
  )
}

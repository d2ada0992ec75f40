import type { FeedEntry, FeedSource } from '@playlists/schemas/feed'
import { useState } from 'preact/hooks'
import { api, read } from '../../api'
import { ConfirmDialog } from '../../components/confirm-dialog'
import { ErrorMessage } from '../../components/error-message'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/format'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { tf } from './messages'

/** What a source brought, newest first; an approver withdraws an entry from every screen. */
export function FeedEntries({ source }: { source: FeedSource }) {
  const entries = useResource(read('/api/feeds/:id/entries', { params: { id: source.id } }))
  const [withdrawing, setWithdrawing] = useState<FeedEntry | null>(null)
  const list = entries.data
  return (
    <section class="feeds-entries" aria-labelledby={`entries-${source.id}`}>
      <h3 id={`entries-${source.id}`}>{tf('entries.title', { name: source.name })}</h3>
      <ErrorMessage error={entries.error} />
      {!list ? (
        !entries.error && <p class="loading">{tc('loading')}</p>
      ) : list.length === 0 ? (
        <p class="empty">{tf('entries.empty')}</p>
      ) : (
        <ul class="feeds-entry-list">
          {list.map((e) => (
            <li key={e.id} data-entry={e.id} class={e.withdrawnAt ? 'withdrawn' : undefined}>
              <strong lang={e.language ?? undefined}>{e.title}</strong>
              <div class="muted">
                {e.publishedAt && `${tf('entry.published')}: ${formatDateTime(e.publishedAt)}`}
                {e.language && ` · ${tf(`language.${e.language}`)}`}
                {e.mediaId && ` · ${tf('entry.image')}`}
              </div>
              {e.summary && <p lang={e.language ?? undefined}>{e.summary}</p>}
              {e.withdrawnAt ? (
                <span class="badge">{tf('entry.withdrawn', { at: formatDateTime(e.withdrawnAt) })}</span>
              ) : (
                can('approve') && (
                  <button
                    type="button"
                    class="danger"
                    aria-label={tf('withdraw-label', { title: e.title })}
                    onClick={() => setWithdrawing(e)}
                  >
                    {tf('withdraw')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        title={tf('withdraw')}
        open={withdrawing !== null}
        confirmLabel={tf('withdraw')}
        action={async () => {
          if (!withdrawing) return
          await api.post('/api/feeds/:id/entries/:entry/withdraw', {
            params: { id: source.id, entry: withdrawing.id },
          })
          notify(tf('withdraw.done'))
        }}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null)
          entries.reload()
        }}
      >
        <p>{tf('withdraw.confirm', { title: withdrawing?.title ?? '' })}</p>
      </ConfirmDialog>
    </section>
  )
}

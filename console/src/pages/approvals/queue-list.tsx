import type { ApprovableType } from '@playlists/schemas/approval'
import { QUEUE_VIEWS, type QueueView } from '@playlists/schemas/approval-queue'
import { useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { Pager } from '../../components/form/pager'
import { MediaLabel } from '../../components/media-label'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { person } from './history'
import { APPROVABLE, detailHref, isApprovable, STANDING_BADGE, standingOf } from './kinds'
import { t } from './messages'
import { CompanionLink, PublishTogether } from './reach'
import { tr } from './reach-messages'

const PAGE_SIZE = 20
/** Media shown in a queue row at most: what the version is about at a glance; the version page has all. */
const QUEUE_MEDIA_MAX = 4

/**
 * The queue: what waits for someone (a decision, or going on air), the reader's own versions
 * and their fate, or everything; each row opens the version with its changes.
 */
export function QueueList({ initialView }: { initialView: string | null }) {
  const approver = can('approve')
  const [view, setView] = useState<QueueView>(
    QUEUE_VIEWS.find((v) => v === initialView) ?? (approver ? 'waiting' : 'mine'),
  )
  const [type, setType] = useState<ApprovableType | ''>('')
  const [page, setPage] = useState(1)
  const queue = useResource(read('/api/approvals', { query: { view, type, page, pageSize: PAGE_SIZE } }))
  const choose = (next: QueueView) => {
    setView(next)
    setPage(1)
  }

  return (
    <section aria-labelledby="approvals-queue-title">
      <h2 id="approvals-queue-title">{t('queue.title')}</h2>
      <div class="toolbar">
        <fieldset class="approvals-views">
          <legend class="visually-hidden">{t('view.label')}</legend>
          {QUEUE_VIEWS.map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => choose(v)}>
              {t(`view.${v}`)}
            </button>
          ))}
        </fieldset>
        <Field label={t('filter.kind')}>
          {(control) => (
            <select
              {...control}
              name="kind"
              value={type}
              onChange={(e) => {
                const value = e.currentTarget.value
                setType(isApprovable(value) ? value : '')
                setPage(1)
              }}
            >
              <option value="">{t('filter.all-kinds')}</option>
              {APPROVABLE.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" onClick={queue.reload}>
          {t('refresh')}
        </button>
      </div>
      <p class="muted">{t(`view.${view}-intro`)}</p>
      <ErrorMessage error={queue.error} />
      {!queue.data ? (
        !queue.error && <p class="loading">{tc('loading')}</p>
      ) : queue.data.items.length === 0 ? (
        <p class="empty">{t(`view.${view}-empty`)}</p>
      ) : (
        <>
          <table class="approvals-queue">
            <thead>
              <tr>
                <th scope="col">{t('col.kind')}</th>
                <th scope="col">{tc('name')}</th>
                <th scope="col">{t('col.version')}</th>
                <th scope="col">{t('col.state')}</th>
                <th scope="col">{t('col.submitted')}</th>
                <th scope="col">{t('col.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((v) => {
                const standing = standingOf(v)
                return (
                  <tr key={`${v.objectType}:${v.objectId}:${v.number}`}>
                    <td>{t(`kind.${v.objectType}`)}</td>
                    <td>
                      <a href={detailHref(v.objectType, v.objectId, v.number)}>{v.name}</a>
                      {v.withdrawal && <span class="badge danger">{t('withdrawal')}</span>}
                      {v.media.length > 0 && (
                        <ul class="approvals-queue-media">
                          {v.media.slice(0, QUEUE_MEDIA_MAX).map((m) => (
                            <li key={m}>
                              <MediaLabel id={m} thumb />
                            </li>
                          ))}
                          {v.media.length > QUEUE_MEDIA_MAX && (
                            <li class="muted">
                              {t('preview.more', { count: v.media.length - QUEUE_MEDIA_MAX })}
                            </li>
                          )}
                        </ul>
                      )}
                      {v.companions.length > 0 && (
                        <div class="approvals-goes-with">
                          {tr('queue.goes-with')}{' '}
                          {v.companions.map((c) => (
                            <span key={`${c.objectType}:${c.objectId}`}>
                              <CompanionLink companion={c} />{' '}
                              <span class={STANDING_BADGE[c.state]}>{t(`standing.${c.state}`)}</span>
                            </span>
                          ))}
                          {approver && standing === 'approved' && (
                            <PublishTogether
                              version={v}
                              companions={v.companions}
                              onDone={queue.reload}
                              compact
                            />
                          )}
                        </div>
                      )}
                    </td>
                    <td>{t('version.number', { number: v.number })}</td>
                    <td>
                      <span class={STANDING_BADGE[standing]}>{t(`standing.${standing}`)}</span>
                    </td>
                    <td>
                      {person(v.submittedBy, v.submittedByName)}
                      <br />
                      <span class="muted">{formatDateTime(v.submittedAt)}</span>
                    </td>
                    <td>
                      {v.decidedBy && v.decidedAt ? (
                        <>
                          {person(v.decidedBy, v.decidedByName ?? v.decidedBy)}
                          <br />
                          <span class="muted">{formatDateTime(v.decidedAt)}</span>
                        </>
                      ) : (
                        <span class="muted">—</span>
                      )}
                      {v.state === 'rejected' && v.comment && (
                        <p class="approvals-comment">{shownName(v.comment)}</p>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <Pager page={queue.data.page} pageSize={PAGE_SIZE} total={queue.data.total} onPage={setPage} />
        </>
      )}
    </section>
  )
}

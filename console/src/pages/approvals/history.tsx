import { COMMENT_CHARS_MAX } from '@playlists/limits'
import type { ApprovalQueuePage, QueueEntry } from '@playlists/schemas/approval-queue'
import { useState } from 'preact/hooks'
import { api, kindPath } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { Pager } from '../../components/form/pager'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { can } from '../../session'
import type { Resource } from '../../use-resource'
import { refusal } from './decision'
import { detailHref, STANDING_BADGE, standingOf } from './kinds'
import { t } from './messages'
import { ReachAnswer, useReach } from './reach'

export const HISTORY_PAGE = 20

/** Who did it: the server itself for the sample content, else the person's name. */
export const person = (id: string, name: string) => (id === 'system' ? t('system') : name)

/**
 * The screens a rollback changes, or the warning that it changes none. Mounted with the open
 * dialog, so it asks each time the dialog opens (what holds now, not when the page loaded). The
 * server answers by the rule the rollback itself uses: the screens the version on air reaches,
 * and for a schedule entry also those this version's target reaches.
 */
function RollbackReach({ entry }: { entry: QueueEntry }) {
  const reach = useReach(entry)
  return (
    <>
      <p>
        {t('rollback.confirm', {
          number: entry.number,
          name: entry.name,
          count: reach.data?.screens.length ?? entry.screens.length,
        })}
      </p>
      <ReachAnswer type={entry.objectType} reach={reach} />
    </>
  )
}

/** Put an earlier approved version back on air, in one action, saying first what it changes. */
function Rollback({ entry, onDone }: { entry: QueueEntry; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [comment, setComment] = useState('')
  const rollback = useAction(async () => {
    const note = comment.trim()
    await api.post(kindPath(entry.objectType, '/:id/rollback'), {
      params: { id: entry.objectId },
      body: { version: entry.number, ...(note ? { comment: note } : {}) },
    })
    notify(t('rollback.done', { number: entry.number }))
    setOpen(false)
    onDone()
  })
  return (
    <>
      <button
        type="button"
        aria-label={t('rollback.label', { number: entry.number })}
        onClick={() => setOpen(true)}
      >
        {t('rollback.button')}
      </button>
      <Dialog
        title={t('rollback.title', { number: entry.number })}
        open={open}
        onClose={() => setOpen(false)}
      >
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault()
            void rollback.run()
          }}
        >
          <RollbackReach entry={entry} />
          <Field label={t('rollback.comment')}>
            {(control) => (
              <textarea
                {...control}
                name="rollback-comment"
                rows={2}
                maxLength={COMMENT_CHARS_MAX}
                value={comment}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            )}
          </Field>
          <ErrorMessage error={rollback.error} headline={refusal(rollback.error)} />
          <FormActions label={t('rollback.button')} busy={rollback.busy} onCancel={() => setOpen(false)} />
        </form>
      </Dialog>
    </>
  )
}

/** Every version of the object, newest first; earlier approved ones can go back on air. */
export function VersionHistory({
  history,
  current,
  page,
  onPage,
  onChanged,
}: {
  history: Resource<ApprovalQueuePage>
  current: number
  page: number
  onPage: (page: number) => void
  onChanged: () => void
}) {
  const data = history.data
  if (!data)
    return history.error ? <ErrorMessage error={history.error} /> : <p class="loading">{tc('loading')}</p>
  return (
    <>
      <table class="approvals-history">
        <thead>
          <tr>
            <th scope="col">{t('col.version')}</th>
            <th scope="col">{t('col.state')}</th>
            <th scope="col">{t('col.submitted')}</th>
            <th scope="col">{t('col.decision')}</th>
            <th scope="col">{tc('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((v) => {
            const standing = standingOf(v)
            return (
              <tr key={v.number} aria-current={v.number === current ? 'true' : undefined}>
                <td>
                  {v.number === current ? (
                    <strong>{t('version.number', { number: v.number })}</strong>
                  ) : (
                    <a href={detailHref(v.objectType, v.objectId, v.number)}>
                      {t('version.number', { number: v.number })}
                    </a>
                  )}
                  {v.withdrawal && <span class="badge danger">{t('withdrawal')}</span>}
                </td>
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
                  {v.comment && <p class="approvals-comment">{shownName(v.comment)}</p>}
                </td>
                <td>
                  {can('approve') && standing === 'superseded' && <Rollback entry={v} onDone={onChanged} />}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <Pager page={page} pageSize={HISTORY_PAGE} total={data.total} onPage={onPage} />
    </>
  )
}

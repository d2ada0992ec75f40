import { COMMENT_CHARS_MAX } from '@playlists/limits'
import type { QueueEntry } from '@playlists/schemas/approval-queue'
import { useId, useState } from 'preact/hooks'
import { type ApiError, api, kindPath } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { Field } from '../../components/form/field'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { can, me } from '../../session'
import { standingOf } from './kinds'
import { LegibilityOverride, refusedFindings, useLegibility } from './legibility-check'
import { t } from './messages'
import { PublishTogether, ReachAnswer, useReach } from './reach'

/**
 * The server's refusal in the reader's words, from its code: four eyes, a decision taken
 * meanwhile, or the usual (the shared table of codes, else the status).
 */
export function refusal(error: ApiError | null): string | undefined {
  if (!error) return undefined
  if (refusedFindings(error)) return t('legibility.blocks')
  switch (error.code) {
    case 'approval.own-change':
      return t('four-eyes.refused')
    case 'approval.on-air':
      return t('error.on-air')
    case 'approval.decided':
      return t('error.decided')
    default:
      return undefined
  }
}

/**
 * Approve or reject a submitted version, never your own (four eyes: the buttons stay disabled
 * and say why, and the server's refusal is shown in words if it comes anyway).
 */
function Decide({ entry, onDone }: { entry: QueueEntry; onDone: () => void }) {
  const noteId = useId()
  const decision = useAction(async (verb: 'approve' | 'reject', body: object) => {
    try {
      await api.post(kindPath(entry.objectType, `/:id/versions/:n/${verb}`), {
        params: { id: entry.objectId, n: entry.number },
        body,
      })
    } catch (e) {
      // A legibility refusal changes nothing: the approver stays to give a reason or reject.
      // Any other conflict (decided by someone else meanwhile) reloads the queue under the refusal.
      const failure = toApiError(e)
      if (failure.status === 409 && !refusedFindings(failure)) onDone()
      throw failure
    }
    notify(verb === 'approve' ? t('decide.approved') : t('decide.rejected'))
    setComment('')
    onDone()
  })
  const error = decision.error
  const busy = decision.busy
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState(false)
  const [override, setOverride] = useState('')
  const [overrideMissing, setOverrideMissing] = useState(false)
  const legibility = useLegibility(entry)
  const refused = refusedFindings(error)
  const findings = refused ?? legibility.findings
  const blocking = refused !== null || legibility.blocking
  const mine = entry.authors.includes(me.value?.user.id ?? '')

  const decide = async (verb: 'approve' | 'reject') => {
    const reason = comment.trim()
    const why = override.trim()
    if (verb === 'reject' && !reason) return setMissing(true)
    setMissing(false)
    // The server refuses such an approval without a reason: say so before asking it.
    if (verb === 'approve' && blocking && !why) return setOverrideMissing(true)
    setOverrideMissing(false)
    void decision.run(verb, {
      ...(reason ? { comment: reason } : {}),
      ...(verb === 'approve' && blocking && why ? { legibilityOverride: why } : {}),
    })
  }

  return (
    <section class="card approvals-panel" aria-labelledby={`${noteId}-title`}>
      <h2 id={`${noteId}-title`}>{t('decide.title')}</h2>
      {mine && (
        <p id={noteId} class="approvals-four-eyes">
          {t('four-eyes.own')}
        </p>
      )}
      <form class="form" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('decide.comment')} error={missing ? t('decide.reason-needed') : null}>
          {(control) => (
            <textarea
              {...control}
              name="comment"
              rows={3}
              maxLength={COMMENT_CHARS_MAX}
              value={comment}
              placeholder={t('decide.comment-hint')}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
          )}
        </Field>
        <LegibilityOverride
          findings={findings}
          blocking={blocking}
          planned={legibility.report?.planned === true && refused === null}
          reason={override}
          missing={overrideMissing}
          onReason={setOverride}
        />
        <ErrorMessage error={error} headline={refusal(error)} />
        <div class="toolbar">
          <button
            type="button"
            class="primary"
            name="approve"
            disabled={mine || busy}
            aria-describedby={mine ? noteId : undefined}
            onClick={() => decide('approve')}
          >
            {t('decide.approve')}
          </button>
          <button
            type="button"
            class="danger"
            name="reject"
            disabled={mine || busy}
            aria-describedby={mine ? noteId : undefined}
            onClick={() => decide('reject')}
          >
            {t('decide.reject')}
          </button>
        </div>
      </form>
    </section>
  )
}

/**
 * Put an approved version on air now, after saying which screens it reaches (asked when the
 * dialog opens: what holds now, not when the page was loaded), warning when none does, and
 * offering to publish it together with the waiting version it needs.
 */
function Publish({ entry, onDone }: { entry: QueueEntry; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const reach = useReach(entry, open)
  const publishing = useAction(async () => {
    await api.post(kindPath(entry.objectType, '/:id/publish'), {
      params: { id: entry.objectId },
      body: { version: entry.number },
    })
    notify(t('publish.done'))
    setOpen(false)
    onDone()
  })
  const { busy, error } = publishing
  const publish = () => void publishing.run()
  return (
    <section class="card approvals-panel">
      <h2>{t('publish.title')}</h2>
      <p>
        {entry.publishAt
          ? t('publish.scheduled', { at: formatDateTime(entry.publishAt) })
          : t('publish.waiting')}
      </p>
      <button type="button" class="primary" name="publish" onClick={() => setOpen(true)}>
        {t('publish.now')}
      </button>
      <Dialog title={t('publish.confirm-title')} open={open} onClose={() => setOpen(false)}>
        <p>
          {t('publish.confirm', {
            number: entry.number,
            name: entry.name,
            count: reach.data?.screens.length ?? entry.screens.length,
          })}
        </p>
        <ReachAnswer type={entry.objectType} reach={reach} />
        {reach.data && (
          <PublishTogether
            version={entry}
            companions={reach.data.companions}
            onDone={() => {
              setOpen(false)
              onDone()
            }}
          />
        )}
        <ErrorMessage error={error} headline={refusal(error)} />
        <div class="toolbar">
          <button type="button" class="primary" name="confirm-publish" disabled={busy} onClick={publish}>
            {busy ? tc('saving') : t('publish.now')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {tc('cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  )
}

/** What the reader may do with this version now, by its state and their role. */
export function DecisionPanel({ entry, onDone }: { entry: QueueEntry; onDone: () => void }) {
  const standing = standingOf(entry)
  if (!can('approve')) {
    return standing === 'submitted' || standing === 'approved' ? (
      <p class="approvals-four-eyes">{t(standing === 'submitted' ? 'editor.waits' : 'editor.publish')}</p>
    ) : null
  }
  if (standing === 'submitted') return <Decide entry={entry} onDone={onDone} />
  if (standing === 'approved' || standing === 'scheduled') return <Publish entry={entry} onDone={onDone} />
  return null
}

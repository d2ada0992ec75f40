import type { Emergency } from '@playlists/schemas/emergency'
import { useId, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime, LANGUAGES, language } from '../../i18n/i18n'
import { me } from '../../session'
import type { EmergencyData } from './data'
import { t } from './messages'
import { type Phase, phaseOf, zoneOf } from './targets'
import './emergency.css'
import { shownName } from '../../i18n/names'
import { tcap } from './cap-messages'
import { awaitsConfirmation, CapOrigin } from './cap-origin'

type Action = 'approve' | 'clear'

/** The server's refusal in the reader's words, where it is one the page knows. */
function refusal(error: ApiError | null): string | undefined {
  if (!error) return undefined
  if (error.code === 'emergency.own-message') return t('four-eyes.refused')
  if (error.status === 409) return t('error.changed')
  return undefined
}

/** "Chi Ma Border Gate, Tân Thanh outdoor LED · 2 screens" */
export function reachText(e: Pick<Emergency, 'targets' | 'screens'>, data: EmergencyData): string {
  const lang = language.value
  const names = e.targets.all
    ? [t('reach.all')]
    : [
        ...(e.targets.sites ?? []).map((id) => data.sites.get(id)?.name[lang] ?? id),
        ...(e.targets.screens ?? []).map((id) => shownName(data.screens.get(id)?.name ?? id)),
      ]
  return `${names.join(', ')} · ${t('reach.count', { count: e.screens.length })}`
}

function Message({ e }: { e: Emergency }) {
  return (
    <div class="emergency-message">
      {LANGUAGES.map((l) => {
        const text = e.text[l]
        return text ? (
          <p key={l}>
            <span class="emergency-lang">{t(`lang.${l}`)}</span> <strong lang={l}>{text.title}</strong>
            {text.body && (
              <>
                <br />
                <span lang={l}>{text.body}</span>
              </>
            )}
          </p>
        ) : (
          <p key={l}>
            <span class="emergency-lang">{t(`lang.${l}`)}</span>{' '}
            <span class="badge warn">{t('text.missing')}</span>
          </p>
        )
      })}
    </div>
  )
}

function When({ e, phase, zone }: { e: Emergency; phase: Phase; zone: string | undefined }) {
  const at = (iso: string) => formatDateTime(iso, zone)
  if (phase === 'ended') {
    if (e.clearedAt)
      return (
        <>
          {e.approvedAt
            ? t('when.cleared', { at: at(e.clearedAt) })
            : t('when.cancelled', { at: at(e.clearedAt) })}
        </>
      )
    return (
      <>
        {e.approvedAt
          ? t('when.expired', { at: at(e.expiresAt) })
          : t('when.lapsed', { at: at(e.expiresAt) })}
      </>
    )
  }
  return <>{t('when.window', { from: at(e.startsAt), to: at(e.expiresAt) })}</>
}

function People({ e, data }: { e: Emergency; data: EmergencyData }) {
  const mine = me.value?.user.id
  const who = data.people.get(e.id)
  const name = (id: string | null, known: string | undefined) =>
    id === mine ? t('people.you') : (known ?? id ?? '—')
  return (
    <ul class="emergency-people">
      <li>
        {e.cap
          ? tcap('people.source', { name: e.cap.sourceName })
          : t('people.sent', { name: name(e.createdBy, who?.send) })}
      </li>
      <li>
        {e.approvedBy
          ? e.approvedBy === e.createdBy
            ? t('people.self-approved')
            : t('people.approved', { name: name(e.approvedBy, who?.approve) })
          : t('people.waiting')}
      </li>
      {e.clearedAt && who?.clear && <li>{t('people.cleared', { name: who.clear })}</li>}
    </ul>
  )
}

/**
 * Emergency messages in a table with what may be done to each: a waiting one approved by
 * someone other than its sender, or cancelled; one on air ended now. Each action asks first.
 */
export function EmergencyTable({
  rows,
  data,
  now,
  label,
}: {
  rows: readonly Emergency[]
  data: EmergencyData
  now: number
  label: string
}) {
  const noteId = useId()
  const [pending, setPending] = useState<{ action: Action; e: Emergency } | null>(null)
  const mine = me.value?.user.id

  const confirm = useAction(async ({ action, e }: { action: Action; e: Emergency }) => {
    try {
      await api.post(`/api/emergencies/:id/${action}`, { params: { id: e.id } })
      notify(action === 'approve' ? t('approve.done') : t('clear.done'))
      data.reload()
    } catch (failure) {
      // Someone else approved or ended it first: the lists show what is true now.
      if (toApiError(failure).status === 409) data.reload()
      throw failure
    } finally {
      // Done or refused, the refusal is shown above the lists, not in the dialog.
      setPending(null)
    }
  })
  const error = confirm.error

  const phaseOfPending = pending ? phaseOf(pending.e, now) : null
  const confirmLabel =
    pending?.action === 'approve'
      ? t('approve.button')
      : phaseOfPending === 'pending'
        ? t('cancel.button')
        : t('clear.button')
  return (
    <>
      <ErrorMessage error={error} headline={refusal(error)} />
      {rows.some((e) => e.createdBy === mine && phaseOf(e, now) === 'pending') && (
        <p id={noteId} class="emergency-note">
          {t('four-eyes.own')}
        </p>
      )}
      <table class="emergency-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('col.message')}</th>
            <th scope="col">{t('col.reach')}</th>
            <th scope="col">{t('col.when')}</th>
            <th scope="col">{t('col.people')}</th>
            <th scope="col">{tc('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const phase = phaseOf(e, now)
            const zone = zoneOf(e.screens, data.screens, data.sites)
            const own = e.createdBy === mine
            const title = e.text[language.value]?.title ?? e.text.vi.title
            return (
              <tr key={e.id} data-id={e.id}>
                <td>
                  <Message e={e} />
                  <CapOrigin e={e} zone={zone} />
                </td>
                <td>{reachText(e, data)}</td>
                <td>
                  <span class={`badge ${PHASE_BADGE[phase]}`}>{t(`phase.${phase}`)}</span>
                  <br />
                  <When e={e} phase={phase} zone={zone} />
                </td>
                <td>
                  <People e={e} data={data} />
                </td>
                <td class="emergency-actions">
                  {(phase === 'pending' || awaitsConfirmation(e)) && (
                    <button
                      type="button"
                      class="primary"
                      name="approve"
                      disabled={own}
                      aria-describedby={own ? noteId : undefined}
                      aria-label={
                        phase === 'pending' ? t('approve.label', { title }) : tcap('confirm.label', { title })
                      }
                      onClick={() => setPending({ action: 'approve', e })}
                    >
                      {phase === 'pending' ? t('approve.button') : tcap('confirm.button')}
                    </button>
                  )}
                  {phase !== 'ended' && (
                    <button
                      type="button"
                      class="danger"
                      name="clear"
                      aria-label={t(phase === 'pending' ? 'cancel.label' : 'clear.label', { title })}
                      onClick={() => setPending({ action: 'clear', e })}
                    >
                      {phase === 'pending' ? t('cancel.button') : t('clear.button')}
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <Dialog
        title={
          pending?.action === 'approve'
            ? t('approve.title')
            : phaseOfPending === 'pending'
              ? t('cancel.title')
              : t('clear.title')
        }
        open={pending !== null}
        onClose={() => setPending(null)}
      >
        {pending && (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              void confirm.run(pending)
            }}
          >
            <p>
              {pending.action === 'approve'
                ? t('approve.confirm', { count: pending.e.screens.length })
                : phaseOfPending === 'pending'
                  ? t('cancel.confirm')
                  : t('clear.confirm', { count: pending.e.screens.length })}
            </p>
            <Message e={pending.e} />
            <CapOrigin e={pending.e} zone={zoneOf(pending.e.screens, data.screens, data.sites)} />
            <p class="muted">{reachText(pending.e, data)}</p>
            <FormActions
              label={confirmLabel}
              busyLabel={confirmLabel}
              name="confirm"
              tone={pending.action === 'approve' ? 'primary' : 'danger'}
              busy={confirm.busy}
              onCancel={() => setPending(null)}
            />
          </form>
        )}
      </Dialog>
    </>
  )
}

const PHASE_BADGE: Record<Phase, string> = { pending: 'warn', scheduled: 'ok', active: 'danger', ended: '' }

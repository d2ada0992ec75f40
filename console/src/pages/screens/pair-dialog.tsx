import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { useEffect, useId, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { fieldCheck, refusedFields, refuses } from '../../components/form/refusal'
import { ScreenPicker } from '../../components/form/screen-picker'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { shownName } from '../../i18n/names'
import { t } from './messages'

/** The server's refusals of a code, each with what the operator should do next. */
function refusal(error: ApiError): string | null {
  switch (error.status) {
    case 400:
      return t('pair.error.format')
    case 404:
      return t('pair.error.unknown')
    case 409:
      return t('pair.error.used')
    case 410:
      return t('pair.error.expired')
    case 429: {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60
      return t('pair.error.throttled', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
    }
    default:
      return null
  }
}

/** A refusal of the code itself (its form, unknown, used, expired), not of the request's rate. */
const codeRefused = (error: ApiError | null) => error !== null && [400, 404, 409, 410].includes(error.status)

/**
 * Binding the code a new player shows (K7Q-M2P) to a screen. The player then collects the
 * screen's token by itself and starts playing; an older player of that screen loses its token.
 */
export function PairDialog({
  open,
  initialScreenId,
  screens,
  sites,
  onlineIds,
  onClose,
}: {
  open: boolean
  initialScreenId: string
  screens: readonly Screen[]
  sites: readonly Site[]
  onlineIds: ReadonlySet<string>
  onClose: () => void
}) {
  const [screenId, setScreenId] = useState(initialScreenId)
  const [code, setCode] = useState('')
  const refusalId = useId()
  const screen = screens.find((s) => s.id === screenId)
  const pair = useAction(async (chosen: Screen) => {
    const result = await api.post('/api/screens/:id/pair', { params: { id: chosen.id }, body: { code } })
    notify(t('pair.done', { code: result.code, name: shownName(chosen.name) }))
    onClose()
  })
  useEffect(() => {
    if (!open) return
    setScreenId(initialScreenId || (screens[0]?.id ?? ''))
    setCode('')
    pair.setError(null)
  }, [open, initialScreenId, screens])

  const submit = (e: Event) => {
    e.preventDefault()
    if (screen) void pair.run(screen)
  }
  const error = pair.error
  const refused = refusedFields(error)
  return (
    <Dialog title={t('pair.title')} open={open} onClose={onClose}>
      <form class="form" onSubmit={submit}>
        <p class="muted">{t('pair.intro')}</p>
        <Field label={t('pair.screen')} {...fieldCheck(refused, refusalId, 'screenId')}>
          {(control) => (
            <ScreenPicker
              {...control}
              screens={screens}
              sites={sites}
              value={screenId}
              onChange={setScreenId}
            />
          )}
        </Field>
        <Field
          label={t('pair.code')}
          hint={t('pair.code-hint')}
          error={null}
          invalid={codeRefused(error) || refuses(refused, 'code')}
          refusalId={refusalId}
        >
          {(control) => (
            <input
              {...control}
              name="code"
              class="pair-code"
              required
              maxLength={20}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          )}
        </Field>
        {screen && onlineIds.has(screen.id) && (
          <p class="badge warn pair-replaces">{t('pair.replaces', { name: shownName(screen.name) })}</p>
        )}
        <ErrorMessage
          error={error}
          id={refusalId}
          headline={error ? (refusal(error) ?? undefined) : undefined}
        />
        <FormActions
          class="screens-dialog-actions"
          label={t('pair.submit')}
          busy={pair.busy}
          disabled={!screen || code.trim() === ''}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}

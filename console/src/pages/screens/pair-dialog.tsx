import type { PairResult } from '@playlists/schemas/pairing'
import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { useEffect, useId, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
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
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)
  const hintId = useId()
  useEffect(() => {
    if (!open) return
    setScreenId(initialScreenId || (screens[0]?.id ?? ''))
    setCode('')
    setError(null)
  }, [open, initialScreenId, screens])

  const screen = screens.find((s) => s.id === screenId)
  const submit = async (e: Event) => {
    e.preventDefault()
    if (!screen) return
    setSaving(true)
    setError(null)
    try {
      const result = await api.post('/api/screens/:id/pair', {
        params: { id: screen.id },
        body: {
          code,
        },
      })
      notify(t('pair.done', { code: result.code, name: shownName(screen.name) }))
      onClose()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }
  const lang = language.value
  return (
    <Dialog title={t('pair.title')} open={open} onClose={onClose}>
      <form class="form" onSubmit={submit}>
        <p class="muted">{t('pair.intro')}</p>
        <label class="field">
          <span>{t('pair.screen')}</span>
          <select name="screen" value={screenId} onChange={(e) => setScreenId(e.currentTarget.value)}>
            {sites.map((site) => (
              <optgroup key={site.id} label={site.name[lang]}>
                {screens
                  .filter((s) => s.siteId === site.id)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {shownName(s.name)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('pair.code')}</span>
          <input
            name="code"
            class="pair-code"
            required
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            aria-describedby={hintId}
            aria-invalid={error?.status === 400 ? 'true' : undefined}
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <small id={hintId} class="muted">
            {t('pair.code-hint')}
          </small>
        </label>
        {screen && onlineIds.has(screen.id) && (
          <p class="badge warn pair-replaces">{t('pair.replaces', { name: shownName(screen.name) })}</p>
        )}
        {error && <ErrorMessage error={error} headline={refusal(error) ?? undefined} />}
        <div class="toolbar screens-dialog-actions">
          <button type="submit" class="primary" disabled={saving || !screen || code.trim() === ''}>
            {saving ? tc('saving') : t('pair.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {tc('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

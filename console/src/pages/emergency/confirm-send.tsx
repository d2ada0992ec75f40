import type { Screen } from '@playlists/schemas/screen'
import { Dialog } from '../../components/dialog'
import { FormActions } from '../../components/form/form-actions'
import { formatDateTime, formatDuration, LANGUAGES, type Language, language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import type { EmergencyData } from './data'
import { t } from './messages'
import { airsAlone, screensBySite, zoneOf } from './targets'

/**
 * The last look before a message goes out: every screen it reaches by site, its title in each
 * language (a missing one flagged), until when it stays up, and whether it airs at once or waits
 * for a second approver. Its own form, outside the message's, so its submit sends and nothing else.
 */
export function ConfirmSend({
  open,
  data,
  screens,
  titles,
  minutes,
  busy,
  onSend,
  onClose,
}: {
  open: boolean
  data: EmergencyData
  /** The screens the message reaches. */
  screens: readonly Screen[]
  titles: Record<Language, string>
  minutes: number
  busy: boolean
  onSend: () => void
  onClose: () => void
}) {
  const alone = airsAlone(screens, data.sites)
  const zone = zoneOf(
    screens.map((s) => s.id),
    data.screens,
    data.sites,
  )
  const grouped = [...screensBySite(screens)]
  return (
    <Dialog title={t('confirm.title')} open={open} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onSend()
        }}
      >
        <p>
          <strong>{t('confirm.reach', { count: screens.length })}</strong>
        </p>
        <ul class="emergency-confirm-screens">
          {grouped.map(([siteId, list]) => (
            <li key={siteId}>
              {data.sites.get(siteId)?.name[language.value] ?? siteId}:{' '}
              {list.map((s) => shownName(s.name)).join(', ')}
            </li>
          ))}
        </ul>
        <dl class="emergency-confirm-text">
          {LANGUAGES.map((l) => (
            <div key={l}>
              <dt>{t(`lang.${l}`)}</dt>
              <dd lang={l}>{titles[l] || <span class="badge warn">{t('text.missing')}</span>}</dd>
            </div>
          ))}
        </dl>
        <p>
          {t('confirm.until', {
            duration: formatDuration(minutes * 60_000),
            at: formatDateTime(Date.now() + minutes * 60_000, zone),
          })}
        </p>
        <p class={alone ? 'emergency-note' : 'emergency-note emergency-warning'}>
          {alone ? t('confirm.alone') : t('confirm.second')}
        </p>
        <FormActions label={t('send.button')} name="send" tone="danger" busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

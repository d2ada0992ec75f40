import type { CommandType } from '@playlists/events'
import type { Screen } from '@playlists/schemas/screen'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { toApiError } from '../../components/form/action'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { statusMessage, tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { t } from './messages'

/** Sends a command; the outcome is a notice (delivered, or why not). */
export async function sendCommand(screen: Screen, type: CommandType): Promise<void> {
  try {
    const result = await api.post('/api/screens/:id/commands', {
      params: { id: screen.id },
      body: {
        type,
      },
    })
    notify(t(`command.sent.${type}`, { name: shownName(screen.name), count: result.delivered }))
  } catch (error) {
    const refusal = toApiError(error)
    if (refusal.status === 409) notify(t('command.no-player', { name: shownName(screen.name) }), 'error')
    else notify(statusMessage(refusal.status), 'error')
  }
}

/**
 * Reload, identify and clear cache for one screen's player, and pairing a new player with it.
 * Clearing the cache asks first (the page's ClearCacheDialog): the player then downloads every
 * file again over the gate's often thin link.
 */
export function ScreenCommands({
  screen,
  online,
  onClearCache,
  onPair,
}: {
  screen: Screen
  online: boolean
  onClearCache: () => void
  onPair: () => void
}) {
  // One command at a time: a second click while one is on its way is not sent.
  const command = useAction((type: CommandType) => sendCommand(screen, type))
  const busy = command.busy
  const run = (type: CommandType) => command.run(type)
  const offlineHint = online ? undefined : t('command.offline-hint')
  return (
    <div class="screen-commands">
      <button
        type="button"
        disabled={!online || busy}
        title={offlineHint}
        aria-label={t('command.identify-label', { name: shownName(screen.name) })}
        onClick={() => void run('identify')}
      >
        {t('command.identify')}
      </button>
      <button
        type="button"
        disabled={!online || busy}
        title={offlineHint}
        aria-label={t('command.reload-label', { name: shownName(screen.name) })}
        onClick={() => void run('reload')}
      >
        {t('command.reload')}
      </button>
      <button
        type="button"
        class="danger"
        disabled={!online || busy}
        title={offlineHint}
        aria-label={t('command.clear-cache-label', { name: shownName(screen.name) })}
        onClick={onClearCache}
      >
        {t('command.clear-cache')}
      </button>
      <button
        type="button"
        aria-label={t('pair.open-label', { name: shownName(screen.name) })}
        onClick={onPair}
      >
        {t('pair.open')}
      </button>
    </div>
  )
}

/** The one confirmation the page shows before a cache is cleared. */
export function ClearCacheDialog({ screen, onClose }: { screen: Screen | null; onClose: () => void }) {
  return (
    <Dialog
      title={t('clear-cache.title', { name: screen ? shownName(screen.name) : '' })}
      open={screen !== null}
      onClose={onClose}
    >
      <p>{t('clear-cache.explain')}</p>
      <div class="toolbar screens-dialog-actions">
        <button
          type="button"
          class="danger"
          onClick={() => {
            onClose()
            if (screen) void sendCommand(screen, 'clear-cache')
          }}
        >
          {t('clear-cache.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {tc('cancel')}
        </button>
      </div>
    </Dialog>
  )
}

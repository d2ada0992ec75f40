import type { Screen } from '@playlists/schemas/screen'
import { request } from '../../api'
import { toApiError } from '../../components/form/action'
import { notify } from '../../components/notices'
import { statusMessage } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { ts } from './screenshot-messages'

/**
 * Asks the screen's kiosk agent for a screenshot now. The agent's command route belongs to the
 * agent's side of issue 20 (POST /api/screens/:id/agent-commands, 202, or 409 with no agent
 * connected); a server without it answers 404, said as such rather than as a broken page.
 */
export async function takeScreenshot(screen: Screen): Promise<void> {
  const name = shownName(screen.name)
  try {
    await request('POST', `/api/screens/${encodeURIComponent(screen.id)}/agent-commands`, {
      type: 'screenshot',
    })
    notify(ts('take.sent', { name }))
  } catch (error) {
    const refusal = toApiError(error)
    if (refusal.status === 409) notify(ts('take.no-agent', { name }), 'error')
    else if (refusal.status === 404) notify(ts('take.unavailable'), 'error')
    else notify(statusMessage(refusal.status), 'error')
  }
}

import { useEffect } from 'preact/hooks'
import type { ApiError } from '../../api'
import { statusMessage } from '../../i18n/common'
import { notify } from '../notices'

/**
 * Shows an action's refusal as an error notice, once each time it fails: for a button in a list
 * or a toolbar (submit, withdraw, delete), which has no form of its own to show it under.
 */
export function useFailureNotice(error: ApiError | null): void {
  useEffect(() => {
    if (error) notify(`${statusMessage(error.status)} ${error.message}`, 'error')
  }, [error])
}

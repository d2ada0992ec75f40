import type { Incident } from '@playlists/schemas/alerts'
import { useConsolePush } from '../../components/console-push'

/**
 * Calls `onIncident` for every incident the server opens, resolves or sees acknowledged, over
 * the consoles' socket (the session cookie signs it in). Returns whether that link is up, so
 * the page can say its lists are live.
 */
export const useIncidentPush = (onIncident: (incident: Incident) => void): boolean =>
  useConsolePush('alert:incident', onIncident)

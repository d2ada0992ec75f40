import type { Migration } from '../migrate'
import { addIncidentKind } from './incident-kinds'

/**
 * The `healing` incident kind (issue 20 part 4): a screen's kiosk agent reached the last step of
 * its healing ladder and shows the last good frame instead of the player.
 */
export const healingIncidents: Migration = {
  version: 27,
  name: 'healing-incidents',
  up: (db) => addIncidentKind(db, 'healing', 27),
}

import type { Migration } from '../migrate'

/**
 * Schedule entries that recur on lunar days (issue 19 point 4): the recurrence as the JSON the
 * schema defines (`{ month, days }`), NULL for the weekday and cron entries. One JSON column
 * rather than a table of days: an entry is read and written whole, and the core checks its shape.
 * Version bodies (approvals) hold the whole entry already and need nothing here.
 */
export const lunarSchedules: Migration = {
  version: 17,
  name: 'lunar-schedules',
  up: (db) => {
    db.exec(`
      ALTER TABLE schedules ADD COLUMN lunar TEXT
        CHECK (lunar IS NULL OR (json_valid(lunar) AND json_type(lunar, '$.days') = 'array'));
    `)
  },
}

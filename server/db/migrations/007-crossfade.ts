import type { Migration } from '../migrate'

/** A screen may blend one item into the next instead of cutting (0: a cut, the default). */
export const crossfade: Migration = {
  version: 7,
  name: 'crossfade',
  up: (db) => {
    db.exec(`
      ALTER TABLE screens ADD COLUMN crossfade_ms INTEGER NOT NULL DEFAULT 0
        CHECK (crossfade_ms BETWEEN 0 AND 2000);
    `)
  },
}

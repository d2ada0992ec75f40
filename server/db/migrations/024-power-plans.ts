import type { Migration } from '../migrate'

/** A JSON object column, or NULL. */
const jsonObject = (column: string) =>
  `CHECK (${column} IS NULL OR (json_valid(${column}) AND json_type(${column}) = 'object'))`

/**
 * Operating hours and brightness (issue 20 part 3), as JSON checked by the core's PowerPlan
 * schema on the way in:
 *  - `sites.power_plan`: the default for the site's screens. NULL is "always on at full
 *    brightness", what every screen did before plans existed, so an upgrade changes nothing;
 *  - `screens.power_plan`: a screen's own plan overriding its site's; NULL follows the site.
 */
export const powerPlans: Migration = {
  version: 24,
  name: 'power-plans',
  up: (db) => {
    db.exec(`
      ALTER TABLE sites ADD COLUMN power_plan TEXT ${jsonObject('power_plan')};
      ALTER TABLE screens ADD COLUMN power_plan TEXT ${jsonObject('power_plan')};
    `)
  },
}

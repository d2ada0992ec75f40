import type { Migration } from '../migrate'

/**
 * What each site's screens show today as an Atom feed (issue 19 point 5), and the CAP sources'
 * last error as data:
 *  - `sites.on_air_feed`: who may read the site's feed, as an admin chose: nobody (`off`, the
 *    default: a site publishes nothing until an admin decides it may), anyone (`public`), or the
 *    holders of an API token (`token`);
 *  - `cap_sources.last_error_code` and `last_error_params`: the code and values of the last
 *    failure beside its English text, so the console says it in the reader's language. Failures
 *    recorded before this migration have text only (their code stays NULL, the console shows
 *    the text as it is).
 */
export const onAirFeeds: Migration = {
  version: 21,
  name: 'on-air-feeds',
  up: (db) => {
    db.exec(`
      ALTER TABLE sites ADD COLUMN on_air_feed TEXT NOT NULL DEFAULT 'off'
        CHECK (on_air_feed IN ('off', 'public', 'token'));
      ALTER TABLE cap_sources ADD COLUMN last_error_code TEXT;
      ALTER TABLE cap_sources ADD COLUMN last_error_params TEXT
        CHECK (last_error_params IS NULL OR (json_valid(last_error_params)
          AND json_type(last_error_params) = 'object'));
    `)
  },
}

import type { Case } from './schema-cases'

/**
 * The CHECKs that are more than a comparison (json_valid/json_type, GLOB, LIKE) and the unique
 * indexes that are more than columns, as cases for tests/postgres/behaviour-parity.test.ts. What
 * SQLite accepts and refuses at the edges of JSON (an escaped NUL, a lone surrogate, a trailing
 * comma that json_type forgives and json_valid does not) is what PostgreSQL must.
 */
const T = "'2026-01-01T00:00:00.000Z'"

/** One column's value tried in an otherwise valid row. */
function tried(table: string, columns: string, values: (value: string) => string, given: string[] = []) {
  return (name: string, value: string, expect: 'ok' | 'check'): Case => ({
    name: `${table}: ${name}`,
    given,
    when: `INSERT INTO ${table} (${columns}) VALUES (${values(value)})`,
    expect,
  })
}

const siteName = tried(
  'sites',
  'id, name, time_zone, created_at, updated_at',
  (name) => `'x', ${name}, 'UTC', ${T}, ${T}`,
)
const datasetColumns = tried(
  'datasets',
  'id, name, columns, token_policy, quick_approvers, created_at, updated_at',
  (columns) => `'x', 'X', ${columns}, 'queued', '[]', ${T}, ${T}`,
)
const rowCells = tried(
  'dataset_rows',
  'dataset_id, position, id, cells, as_of',
  (cells) => `'d', 0, 'r', ${cells}, '{}'`,
  [
    `INSERT INTO datasets (id, name, columns, token_policy, quick_approvers, created_at, updated_at)
     VALUES ('d', 'D', '[]', 'queued', '[]', ${T}, ${T})`,
  ],
)
const lunar = tried(
  'schedules',
  'id, name, playlist_id, target_type, priority, created_at, updated_at, lunar',
  (value) => `'x', 'X', 'lobby', 'all', 0, ${T}, ${T}, ${value}`,
)
const errorParams = tried(
  'cap_sources',
  'id, name, mode, policy, token_hash, created_at, updated_at, last_error_params',
  (value) => `'x', 'X', 'push', '{}', 'digest', ${T}, ${T}, ${value}`,
)
const entries = tried(
  'plays',
  'id, screen_id, zone_id, item_id, playlist_id, document_version, start_ms, end_ms, local_day, received_at, entries',
  (value) => `'x', 'gate-1', 'main', 'i', 'lobby', 1, 0, 1, '2026-01-05', ${T}, ${value}`,
)
const localDay = tried(
  'plays',
  'id, screen_id, zone_id, item_id, playlist_id, document_version, start_ms, end_ms, local_day, received_at',
  (day) => `'x', 'gate-1', 'main', 'i', 'lobby', 1, 0, 1, ${day}, ${T}`,
)
const webhookUrl = tried(
  'alert_webhooks',
  'id, name, url, enabled, created_at, updated_at',
  (url) => `'x', 'X', ${url}, 1, ${T}, ${T}`,
)

const RULE = (site: string) =>
  `INSERT INTO alert_rules (site_id, offline_enabled, offline_minutes, stale_enabled, stale_minutes, errors_enabled,
     errors_count, errors_minutes, storage_enabled, storage_percent, updated_at)
   VALUES (${site}, 1, 5, 1, 10, 1, 3, 10, 1, 90, ${T})`
const INCIDENT = (id: string, resolved: string) =>
  `INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, resolved_at, detail)
   VALUES ('${id}', 'gate-1', 'hn', 'offline', ${T}, ${resolved}, '{}')`

export const CHECK_CASES: Case[] = [
  siteName('an object is JSON', `'{"en":"Hanoi"}'`, 'ok'),
  siteName('whitespace around JSON is JSON', `' {"en":"Hanoi"} '`, 'ok'),
  siteName('an escaped NUL is JSON (json, not jsonb)', `'"\\u0000"'`, 'ok'),
  siteName('a lone escaped surrogate is JSON', `'"\\ud800"'`, 'ok'),
  siteName('a huge number is JSON', `'1e400'`, 'ok'),
  siteName('arrays nested 1000 deep are JSON', `'${'['.repeat(1000)}${']'.repeat(1000)}'`, 'ok'),
  siteName(
    'arrays nested 1001 deep are not (SQLite’s limit)',
    `'${'['.repeat(1001)}${']'.repeat(1001)}'`,
    'check',
  ),
  siteName('brackets inside a string do not nest', `'"${'['.repeat(1001)}"'`, 'ok'),
  siteName('nor after an escaped quote inside it', `'"\\"${'['.repeat(1001)}"'`, 'ok'),
  siteName('an unfinished object is not', `'{"en":'`, 'check'),
  siteName('a trailing comma is not', `'[1,]'`, 'check'),
  siteName('text after the value is not', `'[1] x'`, 'check'),
  siteName('a leading zero is not', `'01'`, 'check'),
  siteName('NaN is not', `'NaN'`, 'check'),
  siteName('single quotes are not', `'{''en'':1}'`, 'check'),
  siteName('an unescaped line break in a string is not', `'"a\nb"'`, 'check'),
  siteName('an empty text is not', `''`, 'check'),
  datasetColumns('an array is an array', `'[]'`, 'ok'),
  datasetColumns('an array inside whitespace is an array', `' [ {"id":"a"} ] '`, 'ok'),
  datasetColumns('an object is not an array', `'{}'`, 'check'),
  datasetColumns('a string holding an array is not an array', `'"[]"'`, 'check'),
  datasetColumns('an array with a trailing comma is not JSON', `'[1,]'`, 'check'),
  rowCells('an object is an object', `'{"a":1}'`, 'ok'),
  rowCells('an array is not an object', `'[]'`, 'check'),
  rowCells('null is not an object', `'null'`, 'check'),
  lunar('days as an array', `'{"month":1,"days":[1,15]}'`, 'ok'),
  lunar('days as an object', `'{"days":{}}'`, 'check'),
  lunar('days as a string', `'{"days":"1"}'`, 'check'),
  // json_type of a missing path is NULL, and a CHECK that is NULL passes: on both engines.
  lunar('no days at all passes (NULL)', `'{"month":1}'`, 'ok'),
  lunar('an array has no days either (NULL)', `'[1]'`, 'ok'),
  lunar('not JSON', `'{days'`, 'check'),
  errorParams('an object', `'{"status":500}'`, 'ok'),
  errorParams('a string', `'"oops"'`, 'check'),
  errorParams('a number', `'5'`, 'check'),
  entries('an array', `'[]'`, 'ok'),
  entries('an object', `'{}'`, 'check'),
  entries('an array with a trailing comma', `'[1,]'`, 'check'),
  entries('malformed', `'{,'`, 'check'),
  localDay('a date', `'2026-01-05'`, 'ok'),
  localDay('a date without its leading zero', `'2026-1-05'`, 'check'),
  localDay('a date and a line break', `'2026-01-05\n'`, 'check'),
  localDay('a date in full-width digits', `'２０２６-01-05'`, 'check'),
  localDay('letters', `'abcd-ef-gh'`, 'check'),
  webhookUrl('https', `'https://example.org/hook'`, 'ok'),
  webhookUrl('http', `'http://10.0.0.5/hook'`, 'ok'),
  webhookUrl('upper-case HTTPS (LIKE ignores ASCII case)', `'HTTPS://EXAMPLE.ORG/hook'`, 'ok'),
  webhookUrl('mixed case', `'Https://example.org/hook'`, 'ok'),
  webhookUrl('ftp', `'ftp://example.org/hook'`, 'check'),
  webhookUrl('a leading space', `' https://example.org/hook'`, 'check'),
  webhookUrl('one slash', `'https:/example.org/hook'`, 'check'),
  // The default row (site NULL) comes with the schema.
  {
    name: 'alert_rules: one default row (coalesce(site_id, ...) is unique)',
    when: RULE('NULL'),
    expect: 'unique',
  },
  { name: 'alert_rules: a site’s own row beside the default', when: RULE("'hn'"), expect: 'ok' },
  { name: 'alert_rules: one row per site', given: [RULE("'hn'")], when: RULE("'hn'"), expect: 'unique' },
  {
    name: 'alert_incidents: one open incident per screen and kind',
    given: [INCIDENT('a', 'NULL')],
    when: INCIDENT('b', 'NULL'),
    expect: 'unique',
  },
  {
    name: 'alert_incidents: a resolved one does not count',
    given: [INCIDENT('a', "'2026-01-02T00:00:00.000Z'")],
    when: INCIDENT('b', 'NULL'),
    expect: 'ok',
  },
  {
    name: 'screen_agents: results default to an empty array',
    when: `INSERT INTO screen_agents (screen_id, connected, since) VALUES ('gate-1', 1, ${T})`,
    expect: 'ok',
    after: 'SELECT results FROM screen_agents',
    rows: [['[]']],
  },
  {
    name: 'sites: a site with screens is not deleted (RESTRICT)',
    when: `DELETE FROM sites WHERE id = 'hn'`,
    expect: 'foreign-key',
  },
]

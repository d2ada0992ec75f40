/**
 * Statements whose outcome the schema itself decides (triggers, and the CHECKs that are more than
 * a comparison: JSON, GLOB, LIKE; an expression and a partial unique index), written once in SQL
 * both engines read, for tests/postgres/behaviour-parity.test.ts to run on each. Every case runs
 * in its own transaction over BASE, which is rolled back after it.
 */
export interface Case {
  name: string
  /** Statements that must succeed first, on both engines. */
  given?: string[]
  /** The statement judged. */
  when: string
  /** 'ok', the kind of constraint refusing it, or `trigger: <message>`. */
  expect: string
  /** A query both engines must answer alike afterwards, and its rows when the case says. */
  after?: string
  rows?: Array<Array<string | null>>
}

const T = "'2026-01-01T00:00:00.000Z'"

export const BASE = [
  `INSERT INTO sites (id, name, time_zone, created_at, updated_at) VALUES ('hn', '{"vi":"Hà Nội"}', 'Asia/Ho_Chi_Minh', ${T}, ${T})`,
  `INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('lobby', 'Sảnh', ${T}, ${T})`,
  `INSERT INTO screens (id, site_id, name, width, height, created_at, updated_at) VALUES ('gate-1', 'hn', 'Cổng 1', 1920, 1080, ${T}, ${T})`,
]

const trigger = (message: string) => `trigger: ${message}`

/** Each table whose ids are never reused (migrations 014, 022, 023), with a row of it. */
const DELETED_ID_TABLES = [
  [
    'sites',
    'site',
    'site',
    `(id, name, time_zone, created_at, updated_at) VALUES ('x', '{}', 'UTC', ${T}, ${T})`,
  ],
  ['sync_groups', 'group', 'sync group', `(id, site_id, name) VALUES ('x', 'hn', 'X')`],
  [
    'screens',
    'screen',
    'screen',
    `(id, site_id, name, width, height, created_at, updated_at) VALUES ('x', 'hn', 'X', 1280, 720, ${T}, ${T})`,
  ],
  ['playlists', 'playlist', 'playlist', `(id, name, created_at, updated_at) VALUES ('x', 'X', ${T}, ${T})`],
  [
    'schedules',
    'schedule',
    'schedule entry',
    `(id, name, playlist_id, target_type, priority, created_at, updated_at) VALUES ('x', 'X', 'lobby', 'all', 0, ${T}, ${T})`,
  ],
  ['layouts', 'layout', 'layout', `(id, name, created_at, updated_at) VALUES ('x', 'X', ${T}, ${T})`],
  [
    'datasets',
    'dataset',
    'dataset',
    `(id, name, columns, token_policy, quick_approvers, created_at, updated_at) VALUES ('x', 'X', '[]', 'queued', '[]', ${T}, ${T})`,
  ],
  [
    'feeds',
    'feed',
    'feed source',
    `(id, name, url, language, interval_minutes, words, alert_after_minutes, created_at, updated_at)
     VALUES ('x', 'X', 'https://example.org/rss', 'vi', 15, '[]', 60, ${T}, ${T})`,
  ],
  [
    'cap_sources',
    'cap-source',
    'alert source',
    `(id, name, mode, policy, token_hash, created_at, updated_at) VALUES ('x', 'X', 'push', '{}', 'digest', ${T}, ${T})`,
  ],
] as const

const DELETED_IDS =
  'SELECT kind, id, length(deleted_at), substr(deleted_at, 11, 1), substr(deleted_at, 24) FROM deleted_ids'

const deletedIds: Case[] = DELETED_ID_TABLES.flatMap(([table, kind, label, row]) => [
  {
    name: `${table}: a deletion records the id, stamped now in UTC to the millisecond`,
    given: [`INSERT INTO ${table} ${row}`],
    when: `DELETE FROM ${table} WHERE id = 'x'`,
    expect: 'ok',
    after: DELETED_IDS,
    rows: [[kind, 'x', '24', 'T', 'Z']],
  },
  {
    name: `${table}: a deleted id is never given to a new ${label}`,
    given: [`INSERT INTO ${table} ${row}`, `DELETE FROM ${table} WHERE id = 'x'`],
    when: `INSERT INTO ${table} ${row}`,
    expect: trigger(`this id belonged to a deleted ${label}: ids are never reused`),
  },
])

const PLAYLIST_X = `INSERT INTO playlists (id, name, created_at, updated_at) VALUES ('x', 'X', ${T}, ${T})`

const deletedIdEdges: Case[] = [
  {
    name: 'deleted_ids: an id already recorded keeps its record (INSERT OR IGNORE)',
    given: [PLAYLIST_X, `INSERT INTO deleted_ids (kind, id, deleted_at) VALUES ('playlist', 'x', NULL)`],
    when: `DELETE FROM playlists WHERE id = 'x'`,
    expect: 'ok',
    after: DELETED_IDS,
    rows: [['playlist', 'x', null, null, null]],
  },
  {
    name: 'deleted_ids: an id is refused only to its own kind',
    given: [PLAYLIST_X, `DELETE FROM playlists WHERE id = 'x'`],
    when: `INSERT INTO layouts (id, name, created_at, updated_at) VALUES ('x', 'X', ${T}, ${T})`,
    expect: 'ok',
  },
]

const VERSION = `INSERT INTO versions (object_type, object_id, number, body, state, authors, submitted_by, submitted_at, decided_by, decided_at)`
const SUBMITTED = `${VERSION} VALUES ('playlist', 'lobby', 1, '{}', 'submitted', '[]', 'an', ${T}, NULL, NULL)`
const APPROVED = `${VERSION} VALUES ('playlist', 'lobby', 2, '{}', 'approved', '[]', 'an', ${T}, 'binh', ${T})`
const REJECTED = `${VERSION} VALUES ('playlist', 'lobby', 3, '{}', 'rejected', '[]', 'an', ${T}, 'binh', ${T})`
const LIVE = (number: number) =>
  `INSERT INTO live_versions (object_type, object_id, number, live_at) VALUES ('playlist', 'lobby', ${number}, ${T})`
const ON_AIR = trigger('only an approved version can go on air')

const approvals: Case[] = [
  {
    name: 'versions: only playlists, schedule entries, layouts, feeds and datasets have versions',
    when: `${VERSION} VALUES ('site', 'hn', 1, '{}', 'submitted', '[]', 'an', ${T}, NULL, NULL)`,
    expect: trigger('versions are of playlists, schedule entries, layouts, feeds and datasets'),
  },
  {
    name: 'versions: a dataset version is accepted',
    when: SUBMITTED.replace("'playlist'", "'dataset'"),
    expect: 'ok',
  },
  {
    name: 'versions: a submitted version’s body is immutable',
    given: [SUBMITTED],
    when: `UPDATE versions SET body = '{"items":[]}' WHERE number = 1`,
    expect: trigger('a submitted version is immutable'),
  },
  {
    name: 'versions: naming a content column refuses the update even when nothing changes (UPDATE OF)',
    given: [SUBMITTED],
    when: 'UPDATE versions SET number = number WHERE number = 1',
    expect: trigger('a submitted version is immutable'),
  },
  {
    name: 'versions: a submitted version can be decided',
    given: [SUBMITTED],
    when: `UPDATE versions SET state = 'approved', decided_by = 'binh', decided_at = ${T} WHERE number = 1`,
    expect: 'ok',
    after: 'SELECT state, decided_by FROM versions',
    rows: [['approved', 'binh']],
  },
  {
    name: 'versions: a decision is final',
    given: [APPROVED],
    when: `UPDATE versions SET comment = 'again' WHERE number = 2`,
    expect: trigger('a decided version is immutable'),
  },
  {
    name: 'versions: a decided version’s body, where both triggers apply, hears the decision’s',
    given: [APPROVED],
    when: `UPDATE versions SET body = '[]' WHERE number = 2`,
    expect: trigger('a decided version is immutable'),
  },
  {
    name: 'versions: kept forever',
    given: [SUBMITTED],
    when: 'DELETE FROM versions',
    expect: trigger('versions are kept forever'),
  },
  { name: 'live_versions: an approved version goes on air', given: [APPROVED], when: LIVE(2), expect: 'ok' },
  { name: 'live_versions: a submitted one does not', given: [SUBMITTED], when: LIVE(1), expect: ON_AIR },
  { name: 'live_versions: nor one that does not exist', when: LIVE(9), expect: ON_AIR },
  {
    name: 'live_versions: nor a rejected one by an update',
    given: [APPROVED, REJECTED, LIVE(2)],
    when: 'UPDATE live_versions SET number = 3',
    expect: ON_AIR,
  },
  {
    name: 'live_versions: an update keeping an approved version is accepted',
    given: [APPROVED, LIVE(2)],
    when: `UPDATE live_versions SET live_at = '2026-02-01T00:00:00.000Z'`,
    expect: 'ok',
  },
]

const AUDIT = `INSERT INTO audit_log (at, actor_kind, action, outcome) VALUES (${T}, 'system', 'site.create', 'ok')`
const APPEND_ONLY = trigger('the audit log is append-only')

const audit: Case[] = [
  {
    name: 'audit_log: entries are appended, numbered by the database',
    given: [AUDIT],
    when: AUDIT,
    expect: 'ok',
    after: 'SELECT count(*), count(DISTINCT seq), min(seq) > 0 FROM audit_log',
    rows: [['2', '2', '1']],
  },
  {
    name: 'audit_log: refuses UPDATE',
    given: [AUDIT],
    when: `UPDATE audit_log SET outcome = 'failed'`,
    expect: APPEND_ONLY,
  },
  { name: 'audit_log: refuses DELETE', given: [AUDIT], when: 'DELETE FROM audit_log', expect: APPEND_ONLY },
]

const PLAY = (id: string, day: string, start: number, end: number) =>
  `INSERT INTO plays (id, screen_id, zone_id, item_id, playlist_id, document_version, start_ms, end_ms, local_day, received_at)
   VALUES ('${id}', 'gate-1', 'main', 'notice', 'lobby', 1, ${start}, ${end}, '${day}', ${T})`
const PLAY_DAYS =
  'SELECT local_day, screen_id, playlist_id, item_id, plays, ms FROM play_days ORDER BY local_day'

const plays: Case[] = [
  {
    name: 'play_days: plays of one item on one day add up',
    given: [PLAY('a', '2026-01-05', 0, 10_000)],
    when: PLAY('b', '2026-01-05', 20_000, 25_000),
    expect: 'ok',
    after: PLAY_DAYS,
    rows: [['2026-01-05', 'gate-1', 'lobby', 'notice', '2', '15000']],
  },
  {
    name: 'play_days: another day is another row',
    given: [PLAY('a', '2026-01-05', 0, 10_000)],
    when: PLAY('b', '2026-01-06', 90_000_000, 90_004_000),
    expect: 'ok',
    after: PLAY_DAYS,
    rows: [
      ['2026-01-05', 'gate-1', 'lobby', 'notice', '1', '10000'],
      ['2026-01-06', 'gate-1', 'lobby', 'notice', '1', '4000'],
    ],
  },
  {
    name: 'play_days: deleting a play shrinks its row',
    given: [PLAY('a', '2026-01-05', 0, 10_000), PLAY('b', '2026-01-05', 20_000, 25_000)],
    when: `DELETE FROM plays WHERE id = 'a'`,
    expect: 'ok',
    after: PLAY_DAYS,
    rows: [['2026-01-05', 'gate-1', 'lobby', 'notice', '1', '5000']],
  },
  {
    name: 'play_days: deleting the last play removes its row',
    given: [PLAY('a', '2026-01-05', 0, 10_000)],
    when: 'DELETE FROM plays',
    expect: 'ok',
    after: PLAY_DAYS,
    rows: [],
  },
  {
    name: 'plays: a play is never changed',
    given: [PLAY('a', '2026-01-05', 0, 10_000)],
    when: 'UPDATE plays SET end_ms = 20000',
    expect: trigger('a play is a record and is never changed'),
  },
]

const STATUS = (online: number, since: string, lastSeen = 'NULL') =>
  `INSERT INTO screen_status (screen_id, online, since, last_seen_at) VALUES ('gate-1', ${online}, '${since}', ${lastSeen})`
const UPTIME = 'SELECT screen_id, at_ms, online, last_seen_ms FROM screen_uptime ORDER BY at_ms'
const ms = (iso: string) => String(Date.parse(iso))

const uptime: Case[] = [
  {
    name: 'screen_uptime: a screen first seen online starts its history',
    when: STATUS(1, '2026-03-01T08:00:00.250Z'),
    expect: 'ok',
    after: UPTIME,
    rows: [['gate-1', ms('2026-03-01T08:00:00.250Z'), '1', null]],
  },
  {
    name: 'screen_uptime: a time with an offset counts from UTC',
    when: STATUS(1, '2026-03-01 15:00:00+07:00'),
    expect: 'ok',
    after: UPTIME,
    rows: [['gate-1', ms('2026-03-01T08:00:00Z'), '1', null]],
  },
  {
    name: 'screen_uptime: a screen first seen offline starts nothing',
    when: STATUS(0, '2026-03-01T08:00:00.000Z'),
    expect: 'ok',
    after: UPTIME,
    rows: [],
  },
  {
    name: 'screen_uptime: going offline records when the player was last heard from',
    given: [STATUS(1, '2026-03-01T08:00:00.000Z', "'2026-03-01T09:59:30.500Z'")],
    when: `UPDATE screen_status SET online = 0, since = '2026-03-01T10:00:00.000Z'`,
    expect: 'ok',
    after: UPTIME,
    rows: [
      ['gate-1', ms('2026-03-01T08:00:00.000Z'), '1', null],
      ['gate-1', ms('2026-03-01T10:00:00.000Z'), '0', ms('2026-03-01T09:59:30.500Z')],
    ],
  },
  {
    name: 'screen_uptime: an update that leaves online as it was records nothing',
    given: [STATUS(1, '2026-03-01T08:00:00.000Z')],
    when: `UPDATE screen_status SET online = 1, last_seen_at = '2026-03-01T09:00:00.000Z'`,
    expect: 'ok',
    after: UPTIME,
    rows: [['gate-1', ms('2026-03-01T08:00:00.000Z'), '1', null]],
  },
  {
    name: 'screen_uptime: a since that is no time is refused (at_ms NULL)',
    when: STATUS(1, 'soon'),
    expect: 'not-null',
  },
]

const SCREEN_PART = `{"screenId":"gate-1","screen":"Cổng 1"}`
const DOCUMENT = (programme: string) =>
  `INSERT INTO documents (screen_id, version, hash, body, published_at, programme_id) VALUES ('gate-1', 1, 'h', '${SCREEN_PART}', ${T}, ${programme})`

const view: Case[] = [
  {
    name: 'published_documents: a document without a programme is its body',
    when: DOCUMENT('NULL'),
    expect: 'ok',
    after: 'SELECT screen_id, version, body FROM published_documents',
    rows: [['gate-1', '1', SCREEN_PART]],
  },
  {
    name: 'published_documents: a programme is spliced into the screen’s object (by characters)',
    given: [`INSERT INTO document_programmes (id, body) VALUES ('p', '{"playlists":["Sảnh"],"rules":[]}')`],
    when: DOCUMENT("'p'"),
    expect: 'ok',
    after: 'SELECT screen_id, programme_id, body FROM published_documents',
    rows: [['gate-1', 'p', '{"screenId":"gate-1","screen":"Cổng 1","playlists":["Sảnh"],"rules":[]}']],
  },
]

export const TRIGGER_CASES: Case[] = [
  ...deletedIds,
  ...deletedIdEdges,
  ...approvals,
  ...audit,
  ...plays,
  ...uptime,
  ...view,
]

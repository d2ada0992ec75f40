import { ACCOUNTS } from './027-baseline/accounts'
import { ALERTS } from './027-baseline/alerts'
import { APPROVALS } from './027-baseline/approvals'
import { CONTENT } from './027-baseline/content'
import { FUNCTIONS } from './027-baseline/functions'
import { PLACES } from './027-baseline/places'
import { PLAYS } from './027-baseline/plays'
import { SCREENS } from './027-baseline/screens'
import type { PgMigration } from './index'

/**
 * PostgreSQL's first schema: SQLite's at version 27 (server/db/migrations/001…027), whole, under
 * the same names. A database created on PostgreSQL starts here; every later SQLite migration N
 * gets a PostgreSQL migration N beside this one. In the order PostgreSQL needs (it checks a
 * foreign key's table when the key is declared): functions, then each domain after those it
 * names. tests/postgres/schema-parity.test.ts holds its structure to SQLite's, and
 * tests/postgres/behaviour-parity.test.ts its triggers and CHECKs.
 */
export const baseline: PgMigration = {
  version: 27,
  name: 'baseline',
  sql: [FUNCTIONS, PLACES, CONTENT, SCREENS, ACCOUNTS, APPROVALS, PLAYS, ALERTS].join('\n'),
}

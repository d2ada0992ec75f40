import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The CAP fixtures of tests/fixtures/cap (see its README for where each comes from). */
export const CAP_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap')

export const capFixture = (name: string): string => readFileSync(join(CAP_FIXTURES, name), 'utf8')

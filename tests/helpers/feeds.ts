import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FeedCreateInput } from '@playlists/schemas/feed'

/** A feed fixture of tests/fixtures/feeds, as bytes. */
export const feedFixture = (name: string): Buffer =>
  readFileSync(join(import.meta.dirname, '../fixtures/feeds', name))

/** A source as an admin registers it, fetched from `url`. */
export const feedBody = (id: string, url: string, over: Partial<FeedCreateInput> = {}): FeedCreateInput => ({
  id,
  name: 'Cổng thông tin điện tử tỉnh Lạng Sơn',
  url,
  language: 'vi',
  intervalMinutes: 15,
  words: [],
  maxAgeHours: null,
  alertAfterMinutes: 30,
  ...over,
})

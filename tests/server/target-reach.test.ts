import { reaches, type ScreenPlace } from '@playlists/schedule/reach'
import type { Target } from '@playlists/schemas/schedule'
import { openDatabase } from '@server/db/open'
import { createRepositories } from '@server/repositories'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * The rule "which screens does a target reach" lives once, in playlists/schedule/reach.ts. Two
 * queries still apply it in SQL, for speed: SchedulesRepository.liveForScreen (every screen
 * compiled) and ScreensRepository.idsForTarget (indexed, asked per version by approvals). This
 * checks both against the rule over generated sites, sync groups, screens and targets.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)

/**
 * Ids from one small pool for every kind: a site, a group and a screen often share an id, so
 * a query that matched a target's id without its type would be caught.
 */
const id = fc.constantFrom('a', 'b', 'c', 'd')

const target: fc.Arbitrary<Target> = fc.oneof(
  fc.constant<Target>({ type: 'all' }),
  ...(['screen', 'group', 'site'] as const).map((type) => id.map((i): Target => ({ type, id: i }))),
)

const world = fc
  .record({
    sites: fc.uniqueArray(id, { minLength: 1, maxLength: 3 }),
    groups: fc.uniqueArray(fc.record({ id, site: fc.nat() }), { maxLength: 3, selector: (g) => g.id }),
    screens: fc.uniqueArray(fc.record({ id, site: fc.nat(), group: fc.option(fc.nat(), { nil: null }) }), {
      maxLength: 4,
      selector: (s) => s.id,
    }),
    schedules: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^sch-[a-z]{1,3}$/),
        target,
        // A minute of the day it was made: entries tie on it now and then, and then go by id.
        minute: fc.integer({ min: 0, max: 5 }),
        // What the entry's versions leave on air: an approved body, a withdrawal, or nothing yet.
        onAir: fc.constantFrom('body', 'withdrawn', 'none'),
      }),
      { maxLength: 6, selector: (s) => s.id },
    ),
  })
  .map((w) => {
    // Screens join only groups of their own site, as the server insists.
    const groups = w.groups.map((g) => ({ id: g.id, siteId: w.sites[g.site % w.sites.length]! }))
    const screens: ScreenPlace[] = w.screens.map((s) => {
      const siteId = w.sites[s.site % w.sites.length]!
      const own = groups.filter((g) => g.siteId === siteId)
      return {
        id: s.id,
        siteId,
        syncGroupId: s.group === null || own.length === 0 ? null : own[s.group % own.length]!.id,
      }
    })
    return { ...w, groups, screens }
  })

const db = openDatabase(':memory:')
const repos = createRepositories(db, () => Date.UTC(2026, 0, 1))
afterAll(() => db.close())

/** Runs `body` on the database and leaves it as it was, so every case starts empty. */
function inRollback(body: () => void): void {
  db.exec('BEGIN')
  try {
    body()
  } finally {
    db.exec('ROLLBACK')
  }
}

/** The sites, sync groups and screens of a generated world, through the repositories' own checks. */
function storePlaces(w: {
  sites: string[]
  groups: { id: string; siteId: string }[]
  screens: ScreenPlace[]
}) {
  for (const s of w.sites) repos.sites.create({ id: s, name: { vi: s, zh: s, en: s } })
  for (const g of w.groups) repos.sites.createSyncGroup({ id: g.id, siteId: g.siteId, name: g.id })
  for (const s of w.screens) repos.screens.create({ ...s, name: s.id, width: 1920, height: 1080 })
}

describe('which screens a target reaches', () => {
  it('the live schedule query finds exactly the entries the rule says reach each screen', () => {
    fc.assert(
      fc.property(world, (w) =>
        inRollback(() => {
          storePlaces(w)
          for (const s of w.schedules) {
            const createdAt = new Date(Date.UTC(2026, 0, 1, 0, s.minute)).toISOString()
            const body = { name: s.id, playlistId: 'welcome', target: s.target, createdAt }
            const v = repos.versions.create(
              'schedule',
              s.id,
              s.onAir === 'withdrawn' ? null : body,
              ['u'],
              'u',
              null,
            )
            if (s.onAir === 'none') continue
            repos.versions.decide('schedule', s.id, v.number, 'approved', 'v', null)
            repos.versions.setLive('schedule', s.id, v.number)
          }
          const onAir = w.schedules
            .filter((s) => s.onAir === 'body')
            .sort((a, b) => a.minute - b.minute || (a.id < b.id ? -1 : 1))
          for (const screen of repos.screens.list()) {
            const expected = onAir.filter((s) => reaches(s.target, screen)).map((s) => s.id)
            expect(repos.schedules.liveForScreen(screen).map((s) => s.id)).toEqual(expected)
          }
        }),
      ),
      { numRuns: RUNS },
    )
  })

  it('the screens query finds exactly the screens the rule says a target reaches', () => {
    fc.assert(
      fc.property(world, fc.array(target, { minLength: 1, maxLength: 5 }), (w, targets) =>
        inRollback(() => {
          storePlaces(w)
          const byId = [...w.screens].sort((a, b) => (a.id < b.id ? -1 : 1))
          for (const t of targets) {
            expect(repos.screens.idsForTarget(t)).toEqual(byId.filter((s) => reaches(t, s)).map((s) => s.id))
          }
        }),
      ),
      { numRuns: RUNS },
    )
  })
})

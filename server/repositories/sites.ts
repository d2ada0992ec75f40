import type { OnAirAccess } from '@playlists/schemas/on-air'
import { ALWAYS_ON, type PowerPlan } from '@playlists/schemas/power'
import type { Site, SiteInput, SyncGroup, SyncGroupInput } from '@playlists/schemas/site'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'
import { assertTimeZone } from '../time-zones'
import { refuseDeletedId } from './deleted-ids'
import { assertPowerPlan } from './power-plans'

interface SiteRow {
  id: string
  name: string
  time_zone: string
  emergency_self_approval: number
  latitude: number | null
  longitude: number | null
  on_air_feed: OnAirAccess
  power_plan: string | null
  created_at: string
  updated_at: string
}

const toSite = (r: SiteRow): Site => ({
  id: r.id,
  name: JSON.parse(r.name),
  timeZone: r.time_zone,
  emergencySelfApproval: r.emergency_self_approval === 1,
  location:
    r.latitude === null || r.longitude === null ? null : { latitude: r.latitude, longitude: r.longitude },
  onAirFeed: r.on_air_feed,
  powerPlan: r.power_plan === null ? ALWAYS_ON : JSON.parse(r.power_plan),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export class SitesRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  list(): Site[] {
    return (this.db.prepare('SELECT * FROM sites ORDER BY id').all() as SiteRow[]).map(toSite)
  }

  find(id: string): Site | undefined {
    const row = this.db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined
    return row && toSite(row)
  }

  get(id: string): Site {
    const site = this.find(id)
    if (!site) throw notFound('site.not-found', 'Site', id)
    return site
  }

  create(input: SiteInput): Site {
    const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE
    assertTimeZone(timeZone)
    const id = input.id ?? newId('site')
    if (this.find(id))
      throw refuse('site.id-taken', `A site with id "${id}" already exists.`, { params: { id } })
    refuseDeletedId(this.db, 'site', id)
    const now = isoAt(this.clock())
    this.db
      .prepare(
        `INSERT INTO sites (id, name, time_zone, emergency_self_approval, latitude, longitude, created_at,
           updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        JSON.stringify(input.name),
        timeZone,
        input.emergencySelfApproval ? 1 : 0,
        input.location?.latitude ?? null,
        input.location?.longitude ?? null,
        now,
        now,
      )
    return this.get(id)
  }

  update(id: string, input: SiteInput): Site {
    const before = this.get(id)
    const location = input.location === undefined ? before.location : input.location
    const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE
    assertTimeZone(timeZone)
    this.db
      .prepare(
        `UPDATE sites SET name = ?, time_zone = ?, emergency_self_approval = ?, latitude = ?, longitude = ?,
           updated_at = ?
         WHERE id = ?`,
      )
      .run(
        JSON.stringify(input.name),
        timeZone,
        input.emergencySelfApproval ? 1 : 0,
        location?.latitude ?? null,
        location?.longitude ?? null,
        isoAt(this.clock()),
        id,
      )
    return this.get(id)
  }

  delete(id: string): void {
    this.get(id)
    const screens = this.db.prepare('SELECT id FROM screens WHERE site_id = ?').pluck().all(id) as string[]
    if (screens.length > 0) {
      throw refuse('site.has-screens', `Site "${id}" still has screens; move or delete them first.`, {
        details: { screens },
        params: { id, count: screens.length, screens: screens.join(', ') },
      })
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_groups WHERE site_id = ?').run(id)
      this.db.prepare('DELETE FROM sites WHERE id = ?').run(id)
    })()
  }

  /** Who may read the site's on-air feed (the feed route asks on every fetch: a change holds at once). */
  onAirFeed(id: string): OnAirAccess {
    const access = this.db.prepare('SELECT on_air_feed FROM sites WHERE id = ?').pluck().get(id) as
      | OnAirAccess
      | undefined
    if (access === undefined) throw notFound('site.not-found', 'Site', id)
    return access
  }

  /** Kept apart from `update`: the choice is the admin's alone, and a name edit must not reset it. */
  setOnAirFeed(id: string, access: OnAirAccess): Site {
    this.get(id)
    this.db
      .prepare('UPDATE sites SET on_air_feed = ?, updated_at = ? WHERE id = ?')
      .run(access, isoAt(this.clock()), id)
    return this.get(id)
  }

  /** Kept apart from `update` like the feed: an admin's choice, and a name edit must not reset it. */
  setPowerPlan(id: string, plan: PowerPlan): Site {
    this.get(id)
    assertPowerPlan(plan)
    this.db
      .prepare('UPDATE sites SET power_plan = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(plan), isoAt(this.clock()), id)
    return this.get(id)
  }

  /** Every site with where it stands (null where nobody recorded it), for alert areas. */
  locations(): { id: string; latitude: number | null; longitude: number | null }[] {
    return this.db.prepare('SELECT id, latitude, longitude FROM sites ORDER BY id').all() as {
      id: string
      latitude: number | null
      longitude: number | null
    }[]
  }

  /** Do all these sites let an approver send an emergency message without a second approver? */
  allowEmergencySelfApproval(siteIds: readonly string[]): boolean {
    if (siteIds.length === 0) return false
    const allowed = this.db.prepare('SELECT emergency_self_approval FROM sites WHERE id = ?').pluck()
    return siteIds.every((id) => allowed.get(id) === 1)
  }

  listSyncGroups(siteId?: string): SyncGroup[] {
    const rows = siteId
      ? this.db.prepare('SELECT * FROM sync_groups WHERE site_id = ? ORDER BY id').all(siteId)
      : this.db.prepare('SELECT * FROM sync_groups ORDER BY id').all()
    return (rows as { id: string; site_id: string; name: string }[]).map((r) => ({
      id: r.id,
      siteId: r.site_id,
      name: r.name,
    }))
  }

  findSyncGroup(id: string): SyncGroup | undefined {
    const r = this.db.prepare('SELECT * FROM sync_groups WHERE id = ?').get(id) as
      | { id: string; site_id: string; name: string }
      | undefined
    return r && { id: r.id, siteId: r.site_id, name: r.name }
  }

  createSyncGroup(input: SyncGroupInput): SyncGroup {
    this.get(input.siteId)
    const id = input.id ?? newId('group')
    if (this.findSyncGroup(id))
      throw refuse('sync-group.id-taken', `A sync group with id "${id}" already exists.`, { params: { id } })
    refuseDeletedId(this.db, 'group', id)
    this.db
      .prepare('INSERT INTO sync_groups (id, site_id, name) VALUES (?, ?, ?)')
      .run(id, input.siteId, input.name)
    return this.findSyncGroup(id)!
  }
}

import Type, { type Static } from 'typebox'
import { Id, Name, Timestamp, TimeZone, TrilingualName } from './common'
import { OnAirAccess } from './on-air'
import { PowerPlan } from './power'

/**
 * Where a site stands (WGS 84, decimal degrees, as a map shows it): an official alert's polygon
 * or circle reaches the sites inside it.
 */
export const SiteLocation = Type.Object(
  {
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
)
export type SiteLocation = Static<typeof SiteLocation>

/** A border gate (or any place with screens). Screens inherit its time zone unless they set one. */
export const Site = Type.Object({
  id: Id,
  name: TrilingualName,
  timeZone: TimeZone,
  /**
   * Set by an admin: an approver may put an emergency message on this site's screens alone,
   * without a second approver (when every screen the message reaches allows it).
   */
  emergencySelfApproval: Type.Boolean(),
  /** Null until an admin records it; then CAP alert areas can find the site. */
  location: Type.Union([SiteLocation, Type.Null()]),
  /** Who may read the site's on-air Atom feed; set by an admin (PUT /api/sites/{id}/on-air-feed). */
  onAirFeed: OnAirAccess,
  /** Operating hours and brightness for the site's screens (PUT /api/sites/{id}/power-plan). */
  powerPlan: PowerPlan,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Site = Static<typeof Site>

export const SiteInput = Type.Object(
  {
    id: Type.Optional(Id),
    name: TrilingualName,
    timeZone: Type.Optional(TimeZone),
    /** Off unless set; only admins edit sites. */
    emergencySelfApproval: Type.Optional(Type.Boolean()),
    /** Left out: unchanged (none for a new site); null: forgotten. */
    location: Type.Optional(Type.Union([SiteLocation, Type.Null()])),
    /**
     * Left out: unchanged. Given (a site read back and sent again): set as their own routes set
     * them (PUT /api/sites/:id/on-air-feed, …/power-plan), when they differ.
     */
    onAirFeed: Type.Optional(OnAirAccess),
    powerPlan: Type.Optional(PowerPlan),
  },
  { additionalProperties: false },
)
export type SiteInput = Static<typeof SiteInput>

/** Screens that must show the same thing at the same instant (the Hữu Nghị cluster). */
export const SyncGroup = Type.Object({
  id: Id,
  siteId: Id,
  name: Name,
})
export type SyncGroup = Static<typeof SyncGroup>

export const SyncGroupInput = Type.Object(
  { id: Type.Optional(Id), siteId: Id, name: Name },
  { additionalProperties: false },
)
export type SyncGroupInput = Static<typeof SyncGroupInput>

import { reachedByAny, targetsOfEmergency } from '@playlists/schedule/reach'
import type { Emergency, EmergencyTargets } from '@playlists/schemas/emergency'
import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'

/**
 * What the target picker holds and what it sends. Pure: the page and its tests share it.
 * A site with every one of its screens ticked goes as the site; other ticked screens go one by one.
 */
export interface Selection {
  all: boolean
  screens: ReadonlySet<string>
}

export const screensBySite = (screens: readonly Screen[]) => {
  const by = new Map<string, Screen[]>()
  for (const s of screens) by.set(s.siteId, [...(by.get(s.siteId) ?? []), s])
  return by
}

export function targetsOf(selection: Selection, screens: readonly Screen[]): EmergencyTargets {
  if (selection.all) return { all: true }
  const sites: string[] = []
  const single: string[] = []
  for (const [siteId, list] of screensBySite(screens)) {
    const ticked = list.filter((s) => selection.screens.has(s.id))
    if (ticked.length === list.length) sites.push(siteId)
    else single.push(...ticked.map((s) => s.id))
  }
  return {
    ...(sites.length > 0 ? { sites: sites.sort() } : {}),
    ...(single.length > 0 ? { screens: single.sort() } : {}),
  }
}

/** The screens the targets reach, by the server's own rule (the core's). */
export function reached(targets: EmergencyTargets, screens: readonly Screen[]): Screen[] {
  const aims = targetsOfEmergency(targets)
  return screens.filter((s) => reachedByAny(aims, s))
}

/** Airs at once without a second approver: every site reached lets its approvers send alone. */
export function airsAlone(reachedScreens: readonly Screen[], sites: ReadonlyMap<string, Site>): boolean {
  const siteIds = new Set(reachedScreens.map((s) => s.siteId))
  return siteIds.size > 0 && [...siteIds].every((id) => sites.get(id)?.emergencySelfApproval === true)
}

export type Phase = 'pending' | 'scheduled' | 'active' | 'ended'

/** Where a message stands at `now`: waiting for approval, on air (or due), or over. */
export function phaseOf(e: Emergency, now: number): Phase {
  if (e.clearedAt || Date.parse(e.expiresAt) <= now) return 'ended'
  if (!e.approvedAt) return 'pending'
  return Date.parse(e.startsAt) > now ? 'scheduled' : 'active'
}

/** The time zone to show a message's times in: its first screen's, else its site's. */
export function zoneOf(
  screenIds: readonly string[],
  screens: ReadonlyMap<string, Screen>,
  sites: ReadonlyMap<string, Site>,
): string | undefined {
  const first = screenIds.map((id) => screens.get(id)).find(Boolean)
  if (!first) return undefined
  return first.timeZone ?? sites.get(first.siteId)?.timeZone
}

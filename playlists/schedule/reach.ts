import type { EmergencyTargets } from '../schemas/emergency'
import type { Target } from '../schemas/schedule'
import type { Screen } from '../schemas/screen'

/** What a target can name a screen by: the screen itself, its sync group (if any) and its site. */
export type ScreenPlace = Pick<Screen, 'id' | 'siteId' | 'syncGroupId'>

/**
 * Whether a schedule entry or an emergency aimed at `target` applies to the screen. The one rule:
 * the console (which screens a rule covers), the publisher and the preview all ask it here, and
 * the one query that must filter in SQL (SchedulesRepository.liveForScreen) is checked against
 * it in tests/server/target-reach.test.ts.
 */
export function reaches(target: Target, screen: ScreenPlace): boolean {
  switch (target.type) {
    case 'all':
      return true
    case 'screen':
      return target.id === screen.id
    case 'site':
      return target.id === screen.siteId
    case 'group':
      return target.id === screen.syncGroupId
  }
}

/** The ids of the screens the target reaches, in the order the screens were given. */
export const screensReached = (target: Target, screens: readonly ScreenPlace[]): string[] =>
  screens.filter((s) => reaches(target, s)).map((s) => s.id)

/**
 * An emergency's targets as the schedule targets they stand for (every screen, each site, each
 * screen), so that a message reaches screens by the same rule as a schedule entry.
 */
export const targetsOfEmergency = (targets: EmergencyTargets): Target[] => [
  ...(targets.all ? [{ type: 'all' } as const] : []),
  ...(targets.sites ?? []).map((id): Target => ({ type: 'site', id })),
  ...(targets.screens ?? []).map((id): Target => ({ type: 'screen', id })),
]

/** Whether any of the targets reaches the screen. */
export const reachedByAny = (targets: readonly Target[], screen: ScreenPlace): boolean =>
  targets.some((t) => reaches(t, screen))

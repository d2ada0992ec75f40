import type { PowerPlan } from '@playlists/schemas/power'

type Window = { start: string; end: string }

/** Weekly hours with Monday–Friday alike, then Saturday and Sunday (an empty list: closed). */
export const weeklyHours = (weekday: Window[], saturday: Window[], sunday: Window[]): PowerPlan['hours'] => ({
  mode: 'weekly',
  days: [weekday, weekday, weekday, weekday, weekday, saturday, sunday],
})

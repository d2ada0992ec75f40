import type { PowerPlan } from '@playlists/schemas/power'

type Window = { start: string; end: string }

/** Weekly hours with Monday–Friday alike, then Saturday and Sunday (an empty list: closed). */
export const weeklyHours = (weekday: Window[], saturday: Window[], sunday: Window[]): PowerPlan['hours'] => ({
  mode: 'weekly',
  days: [weekday, weekday, weekday, weekday, weekday, saturday, sunday],
})

/** Always on, dimmed to 40 % all day. */
export const DIM: PowerPlan = {
  hours: { mode: 'always' },
  brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 40 }], cap: null },
}

/** Steps must go in order of time: 06:00 after 18:00 is refused, naming the second step. */
export const OUT_OF_ORDER: PowerPlan = {
  ...DIM,
  brightness: {
    mode: 'fixed',
    steps: [
      { from: '18:00', level: 40 },
      { from: '06:00', level: 80 },
    ],
    cap: null,
  },
}

import { powerPlanProblems } from '@playlists/power/plan'
import type { PowerPlan } from '@playlists/schemas/power'
import { refuse } from '../domain-error'

/** What the schema cannot say (times of day, zero-length windows, steps out of order) as one 400. */
export function assertPowerPlan(plan: PowerPlan): void {
  const problems = powerPlanProblems(plan)
  const first = problems[0]
  if (first) {
    throw refuse('power-plan.invalid', `${first.field}: ${first.message}.`, {
      field: first.field,
      params: { field: first.field },
      details: problems,
    })
  }
}

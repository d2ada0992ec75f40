import { type Cron, CronError, parseCron } from '@playlists/schedule/cron'
import cron from 'node-cron'

/**
 * The server's timers (jobs, backups) run on node-cron, the schedule rules on our own parser
 * (`playlists/schedule/cron.ts`, standard Vixie cron). node-cron 4 differs from the standard in
 * two ways that matter here: it always requires BOTH day fields to match (`0 2 1 * MON` is "a
 * Monday the 1st" to it, "the 1st and every Monday" to Vixie cron and to our rules), and it wraps
 * a backwards range around (`22-2`) where cronie refuses it. So every expression given to
 * node-cron is first read by our parser too, and refused unless both read it the same way: a
 * person who learnt the dialect from the schedule form gets what they wrote, or a clear error at
 * start-up, never a timer that fires on other days.
 */
export function checkJobCron(expression: string): void {
  const ours = parseCron(expression, { seconds: true })
  if (ours.domRestricted && ours.dowRestricted) {
    throw new CronError(
      `"${expression}" restricts both day-of-month and day-of-week: standard cron runs on either day, node-cron only on days matching both; restrict one of them`,
      'day-of-week',
    )
  }
  if (!cron.validate(expression)) {
    throw new CronError(`"${expression}" is not understood by node-cron`, 'expression')
  }
  const theirs = cron.parse(expression)
  const same = (a: Iterable<number | string>, b: Iterable<number>) =>
    [...a].map(String).sort().join() === [...b].map(String).sort().join()
  const checks: [keyof typeof theirs, Iterable<number>][] = [
    ['second', ours.seconds],
    ['minute', ours.minutes],
    ['hour', ours.hours],
    ['dayOfMonth', ours.daysOfMonth],
    ['month', ours.months],
    ['dayOfWeek', cronWeekdays(ours)],
  ]
  for (const [field, values] of checks) {
    if (!same(theirs[field], values)) {
      throw new CronError(
        `"${expression}": node-cron reads its ${field} as ${theirs[field].join(',')}, standard cron as ${[...values].join(',')}`,
        'expression',
      )
    }
  }
}

/** Our ISO weekdays (Sunday 7) as node-cron's (Sunday 0). */
function cronWeekdays(c: Cron): number[] {
  return [...c.weekdays].map((d) => d % 7)
}

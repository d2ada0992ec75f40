import { cronMatchesDay, parseCron } from '@playlists/schedule/cron'
import { ConfigError, loadConfig } from '@server/config'
import { checkJobCron } from '@server/jobs/dialect'
import { JOBS } from '@server/jobs/jobs'
import { DEFAULT_BACKUP_CRON } from '@server/plugins/backups'
import { checkJobs } from '@server/plugins/jobs'
import cron from 'node-cron'
import { describe, expect, it } from 'vitest'

/** Whether our cron fires at this UTC second. */
function oursFires(expression: string, at: Date): boolean {
  const c = parseCron(expression, { seconds: true })
  const weekday = at.getUTCDay() === 0 ? 7 : at.getUTCDay()
  return (
    c.seconds.includes(at.getUTCSeconds()) &&
    c.minutes.includes(at.getUTCMinutes()) &&
    c.hours.includes(at.getUTCHours()) &&
    cronMatchesDay(c, at.getUTCMonth() + 1, at.getUTCDate(), weekday)
  )
}

describe('jobs and schedule rules speak one cron dialect', () => {
  const jobExpressions = [...JOBS.map((j) => j.cron), DEFAULT_BACKUP_CRON]

  it('accepts every job expression the server runs', () => {
    expect(() => checkJobs(JOBS)).not.toThrow()
    expect(() => checkJobCron(DEFAULT_BACKUP_CRON)).not.toThrow()
  })

  // The jobs' own expressions and the shapes a BACKUP_CRON is likely to take, each with one day
  // field led by a star: node-cron must fire on exactly the instants our parser says.
  const shared = [
    ...jobExpressions,
    '0 3 */2 * *',
    '30 2 * * 1-5',
    '0 4 1,15 * *',
    '0 1 * * */2',
    '0 0 13 * *',
    '@daily',
    '@weekly',
  ]
  it.each(shared)('node-cron fires "%s" exactly when the rules would', (expression) => {
    checkJobCron(expression)
    const task = cron.createTask(expression, () => {}, { timezone: 'UTC' })
    const c = parseCron(expression, { seconds: true })
    const instants: number[] = []
    // Every minute of three days (the times of day), at the cron's first second…
    const start = Date.parse('2026-02-27T00:00:00Z')
    for (let t = start; t < start + 3 * 86_400_000; t += 60_000) instants.push(t + c.seconds[0]! * 1000)
    // …and every day of a year and a half (the days), at its first time of day.
    const first = ((c.hours[0]! * 60 + c.minutes[0]!) * 60 + c.seconds[0]!) * 1000
    for (let d = 0; d < 550; d++) instants.push(start + d * 86_400_000 + first)
    const disagreements = instants
      .map((t) => new Date(t))
      .filter((at) => task.match(at) !== oursFires(expression, at))
    task.destroy()
    expect(disagreements).toEqual([])
  })

  it('shows why the check is needed: node-cron ANDs two restricted day fields, standard cron ORs them', () => {
    const task = cron.createTask('0 2 1 * 1', () => {}, { timezone: 'UTC' })
    const monday = new Date('2026-03-02T02:00:00Z') // a Monday, not the 1st
    expect(task.match(monday)).toBe(false)
    expect(oursFires('0 2 1 * 1', monday)).toBe(true)
    task.destroy()
  })

  it.each([
    ['0 2 1 * MON', /restricts both day-of-month and day-of-week/],
    ['0 22-2 * * *', /runs backwards/], // node-cron would wrap it around midnight
    ['0 2 1-2-3 * *', /day-of-month/],
    ['*/0 * * * *', /step/],
    ['0 2 * * * * *', /has 7 field/],
  ])('refuses "%s" for a job', (expression, message) => {
    expect(() => checkJobCron(expression)).toThrow(message)
  })

  it('refuses such a BACKUP_CRON at start-up, naming the variable', () => {
    expect(() => loadConfig({ BACKUP_CRON: '0 2 1 * MON' })).toThrow(ConfigError)
    expect(() => loadConfig({ BACKUP_CRON: '0 2 1 * MON' })).toThrow(/BACKUP_CRON="0 2 1 \* MON".*either day/)
    expect(loadConfig({ BACKUP_CRON: '0 2 1 * *' }).backupCron).toBe('0 2 1 * *')
  })

  it('refuses to start a job table with such an expression, naming the job', () => {
    const bad = [{ ...JOBS[0]!, name: 'monthly-report', cron: '0 0 6 1 * MON' }]
    expect(() => checkJobs(bad)).toThrow(/job monthly-report: .*restricts both/)
  })
})

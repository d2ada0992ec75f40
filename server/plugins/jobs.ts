import fp from 'fastify-plugin'
import cron, { type ScheduledTask } from 'node-cron'
import { runGuarded } from '../guard'
import { cronLogger } from '../jobs/cron-logger'
import { checkJobCron } from '../jobs/dialect'
import { JOBS, type Job, type JobResult } from '../jobs/jobs'

export interface Jobs {
  /** Runs one job now (tests, and an operator's "refresh now"), with the app's clock or `now`. */
  run(name: string, now?: number): JobResult
  readonly names: readonly string[]
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs
  }
}

/**
 * Refuses to start with a job whose expression node-cron would read otherwise than the schedule
 * rules' standard cron does (jobs/dialect.ts), naming the job.
 */
export function checkJobs(jobs: readonly Job[]): void {
  for (const job of jobs) {
    try {
      checkJobCron(job.cron)
    } catch (error) {
      throw new Error(`job ${job.name}: ${(error as Error).message}`)
    }
  }
}

/**
 * Starts every job of the table when the app is ready and stops them all when it closes. Every
 * node schedules them; a tick runs only on the node holding the jobs lease, once. `schedule:
 * false` (tests) keeps the table callable without timers.
 */
export const jobsPlugin = fp<{ schedule: boolean }>(
  async (app, { schedule }) => {
    checkJobs(JOBS)
    const run = (name: string, now?: number): JobResult => {
      const job = JOBS.find((j) => j.name === name)
      if (!job) throw new Error(`no job named ${name}`)
      return job.run(app, now ?? app.clock())
    }
    app.decorate('jobs', { run, names: JOBS.map((j) => j.name) })
    if (!schedule) return

    const tasks: ScheduledTask[] = []
    app.addHook('onReady', async () => {
      for (const job of JOBS) {
        const task = cron.schedule(
          job.cron,
          // A failing job must not take the server down: the guard logs it, and it runs again
          // at its next tick.
          () =>
            runGuarded(app.log, { job: job.name }, () => {
              app.metrics.jobRuns.inc({ job: job.name })
              const { pushed, pending } = run(job.name)
              if (pushed > 0) app.log.info({ job: job.name, pushed }, 'job pushed documents')
              return pending
            }),
          {
            name: job.name,
            noOverlap: true,
            logger: cronLogger(app.log, job.name),
            // Only on the node holding the jobs lease, and each tick claimed in the database
            // first, so that no tick runs on two nodes (jobs/lease.ts).
            distributed: true,
            runCoordinator: app.jobLease.coordinator(job.name),
          },
        )
        tasks.push(task)
      }
    })
    app.addHook('onClose', async () => {
      await Promise.all(tasks.map((t) => t.destroy()))
    })
  },
  { name: 'jobs', dependencies: ['services'] },
)

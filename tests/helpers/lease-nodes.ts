import type { SpawnedServer } from './spawned-server'
import { until } from './wait'

/** What /api/health says of the jobs lease (server/jobs/lease.ts). */
export interface JobsHealth {
  leaseHeld: boolean
  holder: { node: string; expiresAt: string } | null
}

export const jobsOf = async (node: SpawnedServer): Promise<JobsHealth> =>
  ((await (await fetch(`${node.base}/api/health`)).json()) as { jobs: JobsHealth }).jobs

/**
 * The live node holding the jobs lease, once exactly one of `live()` says so and every live node
 * names it (asked again until then, for a minute: a takeover waits for the lease to lapse).
 */
export async function leaseHolder(live: () => SpawnedServer[]): Promise<{ node: SpawnedServer; id: string }> {
  let found: { node: SpawnedServer; id: string } | undefined
  await until(
    async () => {
      const nodes = live()
      const states = await Promise.all(nodes.map(jobsOf))
      const holding = nodes.filter((_, i) => states[i]!.leaseHeld)
      const named = new Set(states.map((s) => s.holder?.node))
      if (holding.length !== 1 || named.size !== 1) return false
      found = { node: holding[0]!, id: [...named][0]! }
      return true
    },
    60_000,
    'one node holding the jobs lease',
  )
  return found!
}

/** The nodes' log lines saying publish-due put documents on air (a killed node's included). */
export const publishRuns = (nodes: readonly SpawnedServer[]) =>
  nodes.flatMap((n) =>
    n
      .stdout()
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { job?: string; msg?: string })
      .filter((entry) => entry.job === 'publish-due' && entry.msg === 'job pushed documents'),
  )

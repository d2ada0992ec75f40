import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '@server/db/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSameDatabase, slide, testDatabase } from '../helpers/app'
import { adminSession, type Credentials, callAs, memberToken } from '../helpers/bundled'
import { jobsOf, leaseHolder, publishRuns } from '../helpers/lease-nodes'
import { startRedis, type TestRedis } from '../helpers/redis'
import { SPAWNED_ADMIN_PASSWORD, type SpawnedServer, spawnServer } from '../helpers/spawned-server'
import { until } from '../helpers/wait'

/**
 * Jobs exactly once across nodes (issue 21 part 4), with real processes: three bundled servers
 * sharing one data folder and a real redis-server, as nodes on one host run. Two may take the
 * jobs lease; the third is a NODE_ROLE=secondary. A publication set for an instant goes on air
 * once; the holder killed with SIGKILL, another node takes the jobs over within a minute and the
 * next publication goes on air once too; the holder closing cleanly gives the lease back.
 */

/** Short, so that the takeover after a kill is seconds; renewed every third of it. */
const LEASE_SECONDS = 9
const SCREEN = 'chi-ma-led'
const PLAYLIST = 'trade-investment'

let redis: TestRedis
let dataDir: string
/** The nodes' shared database (PostgreSQL's under realtime-postgres), read by the test. */
let db: Store
let database: Awaited<ReturnType<typeof testDatabase>> | undefined
let nodes: SpawnedServer[] = []
let admin: Credentials
let approver: Credentials

const alive = () => nodes.filter((n) => n.running())

/** The screen's document versions published from `since` on. */
const versionsSince = (since: number) =>
  db
    .prepare('SELECT count(*) FROM documents WHERE screen_id = ? AND published_at >= ?')
    .pluck()
    .get(SCREEN, new Date(since).toISOString()) as number

/** The nodes that claimed publish-due ticks from `since` on. */
const claimants = (since: number) =>
  db
    .prepare("SELECT DISTINCT node FROM job_ticks WHERE job = 'publish-due' AND tick >= ? ORDER BY node")
    .pluck()
    .all(since) as string[]

/**
 * Changes the playlist on `node` and has it approved and set on air a few seconds from now (the
 * admin writes, the approver approves: four eyes); resolves when the publication is done.
 */
async function publishLater(node: SpawnedServer, title: string): Promise<void> {
  await callAs(node.base, admin, 'PUT', `/api/playlists/${PLAYLIST}`, {
    name: 'Trade',
    // Long enough to read on the seeded gate screens: approval checks legibility.
    items: [slide('lease', title, 10_000)],
  })
  const { number } = (await callAs(node.base, admin, 'POST', `/api/playlists/${PLAYLIST}/submit`))!
  await callAs(node.base, approver, 'POST', `/api/playlists/${PLAYLIST}/versions/${number}/approve`, {
    comment: 'on air at its instant',
  })
  const at = new Date(Date.now() + 4_000).toISOString()
  const scheduled = await callAs(node.base, approver, 'POST', `/api/playlists/${PLAYLIST}/publish`, {
    version: number,
    at,
  })
  expect(scheduled).toMatchObject({ status: 'pending', publishAt: at })
  await until(
    async () => {
      const list = (await (
        await fetch(`${node.base}/api/playlists/${PLAYLIST}/publications`, { headers: admin })
      ).json()) as { version: number; status: string }[]
      return list.some((p) => p.version === number && p.status === 'done')
    },
    30_000,
    `publication of version ${number}`,
  )
}

/** Lets publish-due tick a few more times on the holder: a second run of the same instant would show by now. */
const afterMoreTicks = async (since: number) =>
  until(
    () =>
      (db
        .prepare("SELECT count(*) FROM job_ticks WHERE job = 'publish-due' AND tick > ?")
        .pluck()
        .get(since) as number) >= 3,
    20_000,
    'three more publish-due ticks',
  )

beforeAll(async () => {
  redis = await startRedis()
  dataDir = mkdtempSync(join(tmpdir(), 'gatecast-lease-'))
  database = await testDatabase()
  const env = {
    REDIS_URL: redis.url,
    JOBS_LEASE_SECONDS: String(LEASE_SECONDS),
    METRICS_ALLOW: '127.0.0.1',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  }
  // One after the other: the first seeds the shared database.
  nodes.push(await spawnServer(env, { dataDir }))
  nodes.push(await spawnServer(env, { dataDir }))
  nodes.push(await spawnServer({ ...env, NODE_ROLE: 'secondary' }, { dataDir }))
  db = await openSameDatabase({ dataDir, databaseUrl: database.url })
  admin = await adminSession(nodes[0]!.base, SPAWNED_ADMIN_PASSWORD)
  approver = await memberToken(nodes[0]!.base, admin, 'duyet', 'approver', 'approver password 1')
}, 180_000)
afterAll(async () => {
  db?.close()
  await Promise.all(nodes.map((n) => n.stop()))
  nodes = []
  await redis?.stop()
  await database?.drop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('jobs exactly once across three nodes', () => {
  const secondary = () => nodes[2]!
  let first: { node: SpawnedServer; id: string }

  it('has exactly one node hold the jobs lease, never the secondary, and every node says which', async () => {
    first = await leaseHolder(alive)
    expect(first.node).not.toBe(secondary())
    for (const node of nodes) {
      const metrics = await (await fetch(`${node.base}/metrics`)).text()
      expect(metrics).toContain(`gatecast_jobs_lease_held ${node === first.node ? 1 : 0}`)
    }
  })

  it('puts a publication set for an instant on air exactly once, from the holder alone', async () => {
    const since = Date.now()
    await publishLater(nodes[0]!, 'Before the crash')
    await afterMoreTicks(Date.now())
    expect(versionsSince(since)).toBe(1)
    expect(publishRuns(nodes)).toHaveLength(1)
    expect(claimants(since)).toEqual([first.id])
  })

  it('hands the jobs to another node within a minute of the holder being killed, not to the secondary', async () => {
    const killedAt = Date.now()
    await first.node.kill('SIGKILL')
    const next = await leaseHolder(alive)
    expect(Date.now() - killedAt).toBeLessThan(60_000)
    expect(next.id).not.toBe(first.id)
    expect(next.node).not.toBe(secondary())
    expect(next.node.stdout().some((line) => line.includes('took the jobs lease'))).toBe(true)
  })

  it('puts a publication set after the crash on air exactly once, from the new holder alone', async () => {
    const { id } = await leaseHolder(alive)
    const since = Date.now()
    await publishLater(secondary(), 'After the crash')
    await afterMoreTicks(Date.now())
    expect(versionsSince(since)).toBe(1)
    expect(publishRuns(nodes)).toHaveLength(2)
    expect(claimants(since)).toEqual([id])
  })

  it('gives the lease back when the holder closes cleanly, and the secondary does not take it', async () => {
    const { node } = await leaseHolder(alive)
    await node.kill('SIGTERM')
    expect(node.exitCode()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM leases').pluck().get()).toBe(0)
    // Two of the secondary's renewals later, nobody holds it still: no jobs run until a primary starts.
    const renewal = (LEASE_SECONDS * 1000) / 3
    await new Promise((resolve) => setTimeout(resolve, 2 * renewal))
    expect(await jobsOf(secondary())).toEqual({ leaseHeld: false, holder: null })
  })
})

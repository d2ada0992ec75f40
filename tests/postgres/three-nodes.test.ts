import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slide } from '../helpers/app'
import { adminSession, type Credentials, callAs, memberToken } from '../helpers/bundled'
import { leaseHolder, publishRuns } from '../helpers/lease-nodes'
import { connectPlayer, type TestPlayer } from '../helpers/listen'
import { readVideo } from '../helpers/media'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { startRedis, type TestRedis } from '../helpers/redis'
import { SPAWNED_ADMIN_PASSWORD, type SpawnedServer, spawnServer } from '../helpers/spawned-server'
import { until } from '../helpers/wait'

/**
 * Issue 21's cluster as it runs on several hosts: three bundled servers, each in its own process
 * with its own data folder (no shared disk), sharing one real PostgreSQL and one real
 * redis-server. A publish made on node A reaches players connected to B and C; a video uploaded
 * on B plays on a player of C, fetched from the shared store; the node holding
 * the jobs lease killed with SIGKILL, another takes the jobs within a minute, and a publication
 * set for an instant after the crash goes on air exactly once.
 */

/** Short, so that the takeover after a kill is seconds; renewed every third of it. */
const LEASE_SECONDS = 9
const SCREEN = 'chi-ma-led'
const PLAYLIST = 'trade-investment'

let postgres: TestPostgres
let redis: TestRedis
let sql: pg.Client
let nodes: SpawnedServer[] = []
let admin: Credentials
let approver: Credentials
const players: TestPlayer[] = []

const alive = () => nodes.filter((n) => n.running())
const count = async (text: string, values: unknown[]): Promise<number> =>
  Number((await sql.query<{ n: string }>(text, values)).rows[0]!.n)

/**
 * Writes the playlist on `node` (a slide titled `title`, or the given items) and has it approved
 * there (four eyes); returns the version's number.
 */
async function approved(node: SpawnedServer, title: string | object[]): Promise<number> {
  await callAs(node.base, admin, 'PUT', `/api/playlists/${PLAYLIST}`, {
    name: 'Trade',
    // Long enough to read on the seeded gate screens: approval checks legibility.
    items: typeof title === 'string' ? [slide('three-nodes', title, 10_000)] : title,
  })
  const { number } = (await callAs(node.base, admin, 'POST', `/api/playlists/${PLAYLIST}/submit`)) as {
    number: number
  }
  await callAs(node.base, approver, 'POST', `/api/playlists/${PLAYLIST}/versions/${number}/approve`, {
    comment: 'checked',
  })
  return number
}

beforeAll(async () => {
  postgres = await startPostgres()
  const databaseUrl = await postgres.createDatabase('three_nodes')
  redis = await startRedis()
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    JOBS_LEASE_SECONDS: String(LEASE_SECONDS),
  }
  // One after the other: the first migrates and seeds the shared database. Each has a data
  // folder of its own (spawnServer makes one), as on three hosts.
  for (let i = 0; i < 3; i++) nodes.push(await spawnServer(env))
  sql = new pg.Client({ connectionString: databaseUrl })
  await sql.connect()
  admin = await adminSession(nodes[0]!.base, SPAWNED_ADMIN_PASSWORD)
  approver = await memberToken(nodes[0]!.base, admin, 'duyet', 'approver', 'approver password 1')
}, 240_000)
afterAll(async () => {
  for (const p of players) p.disconnect()
  await sql?.end()
  await Promise.all(nodes.map((n) => n.stop()))
  nodes = []
  await redis?.stop()
  await postgres?.stop()
})

describe('three nodes on PostgreSQL and Redis, no shared disk', () => {
  it('runs each node on a data folder of its own', () => {
    expect(new Set(nodes.map((n) => n.dataDir)).size).toBe(3)
  })

  it('delivers a publish made on node A to players connected to B and C', async () => {
    const [a, b, c] = nodes as [SpawnedServer, SpawnedServer, SpawnedServer]
    // Paired through node C: the token is in the shared database, good on every node.
    const token = await c.pair(SCREEN)
    const onB = connectPlayer(b.base, token)
    const onC = connectPlayer(c.base, token)
    players.push(onB, onC)
    await until(() => onB.documents.length > 0 && onC.documents.length > 0, 20_000, 'first documents')
    const number = await approved(a, 'Published on A')
    const published = await callAs(a.base, approver, 'POST', `/api/playlists/${PLAYLIST}/publish`, {
      version: number,
    })
    expect(published!.screens).toContainEqual(expect.objectContaining({ screenId: SCREEN }))
    const shows = (p: TestPlayer) => p.documents.some((d) => JSON.stringify(d).includes('Published on A'))
    await until(() => shows(onB) && shows(onC), 20_000, 'the document from A on B and C')
    // The same version everywhere: one document, stored once.
    expect(onB.documents.at(-1)!.version).toBe(onC.documents.at(-1)!.version)
  })

  it('plays on a player of C a video uploaded on B: C fetches it once from the shared store, byte for byte', async () => {
    const [, b, c] = nodes as [SpawnedServer, SpawnedServer, SpawnedServer]
    // Not one of the seed videos: the first node put those in the store when it seeded.
    const video = readVideo('h264.mp4')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(video)], { type: 'video/mp4' }), 'test-pattern.mp4')
    const res = await fetch(`${b.base}/api/media`, { method: 'POST', headers: admin, body: form })
    expect(res.status, await res.clone().text()).toBe(201)
    const medium = (await res.json()) as { id: string; url: string }
    const file = join('media', medium.url.slice('/media/'.length))
    expect(existsSync(join(b.dataDir, file))).toBe(true)
    expect(existsSync(join(c.dataDir, file))).toBe(false)

    const token = await b.pair(SCREEN)
    const onC = connectPlayer(c.base, token)
    players.push(onC)
    await until(() => onC.documents.length > 0, 20_000, 'a first document on C')
    const number = await approved(b, [
      { id: 'clouds', kind: 'video', durationMs: 10_000, mediaId: medium.id, fit: 'cover', sound: false },
    ])
    await callAs(b.base, approver, 'POST', `/api/playlists/${PLAYLIST}/publish`, { version: number })
    await until(
      () => onC.documents.some((d) => d.assets.some((a) => a.url === medium.url)),
      20_000,
      'the document with the video on C',
    )
    // The player downloads what its document lists, from its own node.
    const played = await fetch(`${c.base}${medium.url}`)
    expect(played.status).toBe(200)
    expect(Buffer.from(await played.arrayBuffer()).equals(video)).toBe(true)
    expect(existsSync(join(c.dataDir, file))).toBe(true)
    // A player seeking asks for a range: served from C's copy now.
    const range = await fetch(`${c.base}${medium.url}`, { headers: { range: 'bytes=100-199' } })
    expect(range.status).toBe(206)
    expect(Buffer.from(await range.arrayBuffer()).equals(video.subarray(100, 200))).toBe(true)
  })

  it('moves the jobs to another node within a minute of the holder being killed, and a scheduled publication goes out once', async () => {
    const first = await leaseHolder(alive)
    const killedAt = Date.now()
    await first.node.kill('SIGKILL')
    const next = await leaseHolder(alive)
    expect(Date.now() - killedAt).toBeLessThan(60_000)
    expect(next.id).not.toBe(first.id)
    expect(next.node.stdout().some((line) => line.includes('took the jobs lease'))).toBe(true)

    // Set on a node that is not the holder, for an instant a few seconds on.
    const other = alive().find((n) => n !== next.node)!
    const since = Date.now()
    const runsBefore = publishRuns(nodes).length
    const number = await approved(other, 'After the crash')
    const at = new Date(Date.now() + 4_000).toISOString()
    const scheduled = await callAs(other.base, approver, 'POST', `/api/playlists/${PLAYLIST}/publish`, {
      version: number,
      at,
    })
    expect(scheduled).toMatchObject({ status: 'pending', publishAt: at })
    await until(
      async () => {
        const list = (await (
          await fetch(`${other.base}/api/playlists/${PLAYLIST}/publications`, { headers: admin })
        ).json()) as { version: number; status: string }[]
        return list.some((p) => p.version === number && p.status === 'done')
      },
      30_000,
      `publication of version ${number}`,
    )
    // A few more ticks of publish-due: a second run of the same instant would show by now.
    await until(
      async () =>
        (await count("SELECT count(*) AS n FROM job_ticks WHERE job = 'publish-due' AND tick > $1", [
          Date.parse(at),
        ])) >= 3,
      30_000,
      'three more publish-due ticks',
    )
    expect(
      await count('SELECT count(*) AS n FROM documents WHERE screen_id = $1 AND published_at >= $2', [
        SCREEN,
        new Date(since).toISOString(),
      ]),
    ).toBe(1)
    expect(publishRuns(nodes).length - runsBefore).toBe(1)
    const claimants = await sql.query<{ node: string }>(
      "SELECT DISTINCT node FROM job_ticks WHERE job = 'publish-due' AND tick >= $1 ORDER BY node",
      [since],
    )
    expect(claimants.rows.map((r) => r.node)).toEqual([next.id])
  })
})

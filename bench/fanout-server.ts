import { type ChildProcess, spawn } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildApp } from '@server/app'
import { ROOT } from '@server/paths'
import { buildServer } from '../scripts/build.mjs'
import { freePort } from '../tests/helpers/redis'

/**
 * The fanout benchmark's Gatecast servers: the data a run needs, and the production bundle in
 * processes of their own (one, or several nodes sharing the data folder and a Redis), with
 * their memory read from /proc.
 */

export const PLAYLIST = 'fanout'

export const bearer = (secret: string) => ({
  authorization: `Bearer ${secret}`,
  'content-type': 'application/json',
})

export const slides = (round: number) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `s${i}`,
    kind: 'slide',
    durationMs: 10_000,
    text: {
      vi: { title: `Chào mừng ${round}.${i}`, body: 'Cửa khẩu quốc tế Hữu Nghị' },
      zh: { title: `欢迎 ${round}.${i}`, body: '友谊国际口岸' },
      en: { title: `Welcome ${round}.${i}`, body: 'Huu Nghi international border gate' },
    },
  }))

/**
 * The data a run needs, written before the server starts: accounts, the playlist on air and
 * `players` screens with a token each (straight in the repositories: the API's per-request cost
 * is not what is measured).
 */
export async function prepare(dataDir: string, players: number) {
  const app = await buildApp({ dataDir, seed: true, logger: false })
  try {
    const { repos } = app
    const member = (username: string, role: 'editor' | 'approver') => {
      const user = repos.users.create({ username, displayName: username, role, passwordHash: 'x' })
      return bearer(repos.apiTokens.create({ name: 'fanout', userId: user.id, role }).secret)
    }
    const editor = member('fanout.editor', 'editor')
    const approver = member('fanout.approver', 'approver')
    repos.playlists.create({ id: PLAYLIST, name: 'Fan-out', items: slides(0) } as never)
    app.approvals.approveAsSystem([{ type: 'playlist', id: PLAYLIST }], 'fanout setup')
    const tokens = app.db.transaction(() =>
      Array.from({ length: players }, (_, i) => {
        const id = `fanout-${i}`
        repos.screens.create({
          id,
          siteId: 'huu-nghi',
          name: `Fan-out ${i}`,
          width: 1920,
          height: 1080,
          defaultPlaylistId: PLAYLIST,
        } as never)
        return repos.screenTokens.issue(id).secret
      }),
    )()
    app.publisher.republish(tokens.map((_, i) => `fanout-${i}`))
    return { editor, approver, tokens }
  } finally {
    await app.close()
  }
}

/**
 * The production bundle in a process of its own, as a gate's server runs it. `env` adds to its
 * settings: REDIS_URL and NODE_ROLE for a node of several.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string }> {
  await buildServer()
  const port = await freePort()
  // FANOUT_SERVER_FLAGS: Node flags for the server, to look inside it (e.g. "--cpu-prof"), and
  // FANOUT_SERVER_STDOUT a file for what they print (e.g. "--trace-gc").
  const stdout = process.env.FANOUT_SERVER_STDOUT
  const flags = process.env.FANOUT_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...flags, join(ROOT, 'dist/server/main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED: 'false',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      // Every player of the run connects from this machine's one address.
      CONNECTIONS_PER_ADDRESS: '0',
      ANONYMOUS_CONNECTIONS_PER_ADDRESS: '0',
      BACKUP_CRON: 'off',
      ...env,
    },
    stdio: ['ignore', stdout ? openSync(stdout, 'a') : 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error('fanout: the server exited')
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base }
    if (tries > 600) throw new Error('fanout: the server did not start')
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * Memory per connection, measured alike for both servers: the growth of the server process's
 * resident memory (VmRSS) from before the first client connects to once every one has (for
 * Gatecast: holds its first document), divided by the clients, in KB. Each server keeps its own
 * heap policy (Gatecast its HEAP_GROWTH_PERCENT, the bare server V8's default).
 */
export const perConnectionKb = (before: { now: number }, after: { now: number }, clients: number) =>
  ((after.now - before.now) * 1024) / clients

/** VmHWM (peak) and VmRSS of a process, in MB, from /proc. */
export function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 }
}

import type { ChildProcess } from 'node:child_process'
import { createHash, randomInt, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PlayEvent, PlaysAck } from '@playlists/events'
import type { ScreenDocument } from '@playlists/schemas/document'
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminSession, callAs, HttpError, memberToken, startBundled } from '../helpers/bundled'
import { multipart } from '../helpers/files'
import { freePort } from '../helpers/redis'

/**
 * The bundled server killed with SIGKILL at random moments while it takes uploads, publishes and
 * proof-of-play batches, 20 times. After every restart: SQLite's integrity check passes, no
 * published document names a missing file, every play the server acknowledged is there, every
 * media file is whole (its name is its SHA-256), and once restarted every one is listed.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 20)
/**
 * The bound on one kill: the round's first upload and publish, the kill, the checks, a restart
 * and the checks again. A start of the bundled server (bounded at a minute by startBundled) and a
 * round's work take seconds on a quiet machine, about a minute with both cores busy. Each kill has its own bound: one deadline for all twenty raced the machine's
 * speed, and a busy machine ran out of it after 8.
 */
const KILL_STEP_MS = 240_000
/** The set-up signs in three accounts (password hashing) on a server that may be starting cold. */
const SETUP_MS = 120_000
/**
 * How long a player's handshake may take before the round's plays are given up: a server killed
 * mid-handshake may leave neither `connect` nor `connect_error` to wait for.
 */
const HANDSHAKE_MS = 15_000
/** How long a batch of plays waits for its acknowledgement before the next batch is sent. */
const ACK_MS = 5_000
const PASSWORD = 'crash test password 1'
const SCREEN = 'chi-ma-led'

let dataDir: string
let port: number
let server: ChildProcess | null = null
let base: string
const headers: Record<'admin' | 'editor' | 'approver', Record<string, string>> = {
  admin: {},
  editor: {},
  approver: {},
}
let screenToken: string
/** Every play id the server acknowledged, over every run. */
const acknowledged = new Set<string>()
/** What the workload finished, so the test knows it was doing something when the server died. */
const done = { uploads: 0, publishes: 0, writes: 0 }
/** Told after every finished write: an upload, a publish, a batch of plays acknowledged. */
let progressed = () => {}
const wrote = (kind?: 'uploads' | 'publishes') => {
  if (kind) done[kind]++
  done.writes++
  progressed()
}
/**
 * The kill comes after this many more finished writes (at random, from none): at a moment set by
 * the server's own progress, so a random point of the requests still in flight, however fast the
 * machine.
 */
const MORE_WRITES_MAX = 8
/** Requests the server refused for another reason than dying or being busy: each fails its kill. */
const refused: string[] = []

/** A start under way: a kill's test that runs out of time mid-start must not leave it running. */
let starting: Promise<ChildProcess> | null = null

async function start(): Promise<void> {
  starting = startBundled(dataDir, port, PASSWORD, { SOCKET_MESSAGES_PER_MINUTE: '0' })
  try {
    server = await starting
  } finally {
    starting = null
  }
}

async function kill(): Promise<void> {
  const s = server
  server = null
  if (!s || s.exitCode !== null) return
  await new Promise<void>((resolve) => {
    s.once('exit', () => resolve())
    s.kill('SIGKILL')
  })
}

const call = (method: string, url: string, who: keyof typeof headers, body?: object) =>
  callAs(base, headers[who], method, url, body)

/** A PNG nobody uploaded before. */
async function uniquePng(): Promise<Buffer> {
  const [r, g, b] = [...randomUUID().replaceAll('-', '').slice(0, 6).match(/../g)!].map((h) =>
    Number.parseInt(h, 16),
  )
  return sharp({
    create: { width: 16 + (r! % 16), height: 16, channels: 3, background: { r: r!, g: g!, b: b! } },
  })
    .png()
    .toBuffer()
}

async function upload(): Promise<string> {
  const { payload, headers: h } = multipart([
    { filename: 'crash.png', contentType: 'image/png', data: await uniquePng() },
  ])
  const res = await fetch(`${base}/api/media`, {
    method: 'POST',
    headers: { ...headers.editor, ...h },
    body: new Uint8Array(payload),
  })
  if (!res.ok) throw new HttpError(res.status, `upload: ${res.status} ${await res.text()}`)
  wrote('uploads')
  return ((await res.json()) as { id: string }).id
}

async function publish(mediaId: string | null, round: number): Promise<void> {
  const items: object[] = [
    {
      kind: 'slide',
      durationMs: 5000,
      text: {
        vi: { title: `Vòng ${round}`, body: '' },
        zh: { title: `第 ${round} 轮`, body: '' },
        en: { title: `Round ${round}`, body: '' },
      },
    },
  ]
  if (mediaId) items.push({ kind: 'image', mediaId, durationMs: 5000 })
  await call('PUT', '/api/playlists/trade-investment', 'editor', { name: 'Trade', items })
  const { number } = (await call('POST', '/api/playlists/trade-investment/submit', 'editor', {}))!
  await call('POST', `/api/playlists/trade-investment/versions/${number}/approve`, 'approver', {})
  await call('POST', '/api/playlists/trade-investment/publish', 'approver', { version: number })
  wrote('publishes')
}

/** A player's socket, connected; rejects if the server is killed (or `stop` comes) first. */
function player(stop: AbortSignal): Promise<Socket> {
  const socket = io(`${base}/player`, {
    auth: { token: screenToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  return new Promise((resolve, reject) => {
    const fail = (why: unknown) => {
      clearTimeout(timer)
      stop.removeEventListener('abort', stopped)
      socket.disconnect()
      reject(why instanceof Error ? why : new Error(String(why)))
    }
    const stopped = () => fail('the round ended')
    const timer = setTimeout(() => fail(`no connection within ${HANDSHAKE_MS} ms`), HANDSHAKE_MS)
    stop.addEventListener('abort', stopped, { once: true })
    socket.once('connect', () => {
      clearTimeout(timer)
      stop.removeEventListener('abort', stopped)
      resolve(socket)
    })
    socket.once('connect_error', fail)
    socket.once('disconnect', fail)
  })
}

function plays(n: number): PlayEvent[] {
  const now = Date.now()
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    zoneId: 'main',
    itemId: `item-${i}`,
    playlistId: 'trade-investment',
    documentVersion: 1,
    startMs: now - 10_000 + i,
    endMs: now - 5_000 + i,
  }))
}

/**
 * Uploads, publishes and play batches, all at once, until the server dies (or `stop`). A busy
 * server's "send it again" (503) is sent again; any other refusal is a fault, kept in `refused`.
 */
function workload(stop: AbortSignal): Promise<unknown>[] {
  const loop = async (step: () => Promise<void>) => {
    while (!stop.aborted) {
      try {
        await step()
      } catch (error) {
        if (error instanceof HttpError && error.status === 503) continue
        if (error instanceof HttpError) refused.push(error.message)
        // Otherwise the server died mid-request: expected.
        return
      }
    }
  }
  let round = 0
  let lastMedia: string | null = null
  return [
    loop(async () => {
      lastMedia = await upload()
    }),
    loop(async () => publish(lastMedia, ++round)),
    (async () => {
      let socket: Socket
      try {
        socket = await player(stop)
      } catch {
        return
      }
      while (!stop.aborted && socket.connected) {
        const batch = plays(20)
        try {
          const ack = (await socket.timeout(ACK_MS).emitWithAck('plays', batch)) as PlaysAck
          for (const id of ack.stored) acknowledged.add(id)
          wrote()
        } catch {
          // No answer in time: a busy server's or a dead one's. The loop's test tells them apart.
        }
      }
      socket.disconnect()
    })(),
  ]
}

/**
 * Resolves once `reached` holds, looked at after every finished write; rejects if the workload
 * ended first (the server died by itself, or refused a request).
 */
function whenWritten(running: Promise<unknown>[], reached: () => boolean, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    progressed = () => {
      if (reached()) resolve()
    }
    progressed()
    void Promise.all(running).then(() =>
      reject(new Error(`the workload ended before ${what}: ${refused.join('; ') || 'the server died'}`)),
    )
  }).finally(() => {
    progressed = () => {}
  })
}

/**
 * `restarted`: the server has started since the kill. Before that, a whole file whose library row
 * the kill cut off may lie in the folder (the upload renames it into place, then writes the row);
 * the start sweeps it away.
 */
function check(restarted: boolean): void {
  const db = new Database(join(dataDir, 'gatecast.sqlite'), { readonly: true, fileMustExist: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    // Every acknowledged play survived.
    const stored = new Set(db.prepare('SELECT id FROM plays').pluck().all() as string[])
    const lost = [...acknowledged].filter((id) => !stored.has(id))
    expect(lost, 'acknowledged plays lost').toEqual([])
    // No published document names a file that is not there.
    const bodies = db
      .prepare(
        'SELECT body FROM published_documents d WHERE version = (SELECT max(version) FROM documents WHERE screen_id = d.screen_id)',
      )
      .pluck()
      .all() as string[]
    for (const body of bodies) {
      for (const asset of (JSON.parse(body) as ScreenDocument).assets) {
        const file = join(dataDir, 'media', asset.url.replace(/^\/media\//, ''))
        expect(existsSync(file), `${asset.url} is missing`).toBe(true)
      }
    }
    // Every medium's file is whole; every whole file in the library is a listed medium.
    const media = db.prepare("SELECT sha256 || '.' || ext AS file, sha256 FROM media").all() as {
      file: string
      sha256: string
    }[]
    for (const m of media) {
      const bytes = readFileSync(join(dataDir, 'media', m.file))
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256)
    }
    const listed = new Set(media.map((m) => m.file))
    for (const name of readdirSync(join(dataDir, 'media')).filter((n) => /^[0-9a-f]{64}\./.test(n))) {
      if (restarted) expect(listed.has(name), `${name} is on disk but not in the library`).toBe(true)
      else if (!listed.has(name)) {
        const bytes = readFileSync(join(dataDir, 'media', name))
        expect(`${createHash('sha256').update(bytes).digest('hex')}.png`, 'an unlisted file is whole').toBe(
          name,
        )
      }
    }
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gatecast-crash-'))
  port = await freePort()
  base = `http://127.0.0.1:${port}`
  await start()
  headers.admin = await adminSession(base, PASSWORD)
  for (const role of ['editor', 'approver'] as const) {
    headers[role] = await memberToken(base, headers.admin, `crash.${role}`, role, PASSWORD)
  }
  const started = (await (await fetch(`${base}/api/pairing`, { method: 'POST' })).json()) as {
    id: string
    code: string
    secret: string
  }
  await call('POST', `/api/screens/${SCREEN}/pair`, 'editor', { code: started.code })
  const state = (await (
    await fetch(`${base}/api/pairing/${started.id}`, {
      headers: { authorization: `Bearer ${started.secret}` },
    })
  ).json()) as { token: string }
  screenToken = state.token
}, SETUP_MS)

afterAll(async () => {
  // A start cut off by its test's bound still ends with a server: wait for it, then kill it.
  const pending = starting
  if (pending) server = await pending.catch(() => server)
  await kill()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe(`crash safety: the bundled server SIGKILLed ${KILLS} times while it writes`, () => {
  // One test per kill, each under its own bound and reported on its own: the count of kills is
  // what the test proves, however long a busy machine takes over each.
  for (let n = 1; n <= KILLS; n++) {
    it(
      `kill ${n} of ${KILLS}: the database, published files, acknowledged plays and uploads stay whole`,
      async () => {
        // Up since the previous kill's restart (started here for the first).
        if (!server) await start()
        const stop = new AbortController()
        const running = workload(stop.signal)
        // Each kill lands on a server that is writing: the round's work gets going first (an upload
        // stored and a publish made), then the kill comes at a random moment of what follows, counted
        // in the server's own writes. A window of time measured the machine's speed instead.
        const before = { ...done }
        await whenWritten(
          running,
          () => done.uploads > before.uploads && done.publishes > before.publishes,
          'the round uploaded and published',
        )
        const killAt = done.writes + randomInt(MORE_WRITES_MAX + 1)
        await whenWritten(running, () => done.writes >= killAt, 'the moment of the kill')
        await kill()
        stop.abort()
        await Promise.all(running)
        expect(refused, 'requests refused while the server was up').toEqual([])
        // The database as the killed server left it, before a new start tidies anything.
        check(false)
        // Restarted, and the next kill's round runs on this server.
        await start()
        check(true)
      },
      KILL_STEP_MS,
    )
  }

  it('every kill landed on a server that was uploading, publishing and storing plays', () => {
    expect(acknowledged.size).toBeGreaterThan(0)
    expect(done.uploads).toBeGreaterThanOrEqual(KILLS)
    expect(done.publishes).toBeGreaterThanOrEqual(KILLS)
  })
})

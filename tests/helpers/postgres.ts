import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './redis'

/**
 * A real PostgreSQL server (Debian's package, installed by the README's test command) in a
 * throwaway data folder, listening on a free loopback port: started by the tests that need one,
 * stopped and deleted by them. Tuned for tests only (no fsync): what it proves is behaviour, not
 * durability, which is PostgreSQL's own.
 */
export interface TestPostgres {
  /** `postgres://gatecast@127.0.0.1:<port>/gatecast`: the database every test may use. */
  url: string
  port: number
  /** A new, empty database on this server (or a copy of `template`); returns its URL. */
  createDatabase: (name: string, template?: string) => Promise<string>
  /** The address of another database of this server. */
  urlOf: (database: string) => string
  stop: () => Promise<void>
}

const USER = 'gatecast'

/** Debian installs the server's programs under /usr/lib/postgresql/<major>/bin, off the PATH. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql'
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  const newest = majors[0]
  if (newest === undefined) {
    throw new Error(
      "PostgreSQL's server is not installed (Debian package postgresql): run the README's test command, which installs it",
    )
  }
  return join(root, newest, 'bin')
}

/**
 * PostgreSQL refuses to run as root: as root (CI), the server runs as Debian's `postgres` user,
 * which the package creates, and owns its data folder. Spawned with that user's ids directly
 * (not through runuser), so signals reach the server itself.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim())
  return { uid: id('-u'), gid: id('-g') }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin()
  const dir = mkdtempSync(join(tmpdir(), 'gatecast-pg-'))
  const data = join(dir, 'data')
  const user = serverUser()
  if (user) chownSync(dir, user.uid, user.gid)
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    { stdio: 'pipe', ...user },
  )

  const port = await freePort()
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]
  const child: ChildProcess = spawn(join(bin, 'postgres'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`postgres did not start: ${output}`)), 20_000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`postgres cannot run: ${error.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`postgres exited (${code}): ${output}`))
    })
    const read = (chunk: Buffer) => {
      output += chunk
      if (output.includes('ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
  })

  const urlOf = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`
  const admin = async <T>(sql: string): Promise<T> => {
    const client = new pg.Client({ connectionString: urlOf('postgres') })
    await client.connect()
    try {
      return (await client.query(sql)) as T
    } finally {
      await client.end()
    }
  }
  const createDatabase = async (name: string, template?: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
    await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
    return urlOf(name)
  }
  await createDatabase(USER)

  return {
    url: urlOf(USER),
    port,
    createDatabase,
    urlOf,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve())
          // SIGINT: PostgreSQL's "fast" shutdown (ends sessions, no wait for clients).
          child.kill('SIGINT')
        })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** One query on its own connection, for a test reading a database behind the app's back. */
export async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

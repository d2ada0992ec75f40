import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AppOptions, buildApp } from '@server/app'
import type { FastifyInstance } from 'fastify'
import { expect, vi } from 'vitest'
import { TEST_PASSWORD } from './app'

/**
 * Nodes with their own data folders sharing one media store (issue 21 part 3), over real HTTP:
 * what tests/postgres/media-*.test.ts have in common, whichever store holds the bytes.
 */

const SEED_MEDIA = join(import.meta.dirname, '..', '..', 'server', 'seed', 'content', 'media')
const seedFile = (name: string) => readFileSync(join(SEED_MEDIA, name))
export const VIDEO = seedFile('border-clouds.mp4')
export const GATE = seedFile('huu-nghi-gate.jpg')
export const MARKET = seedFile('ky-lua-market.jpg')
export const MOUNTAIN = seedFile('mau-son-mountain.jpg')

export interface MediaNode {
  app: FastifyInstance
  base: string
  dir: string
}

export interface Medium {
  id: string
  sha256: string
  url: string
  thumbnailUrl: string
}

export const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer())
/** Where a /media/ URL's file is in a node's folder. */
export const fileOf = (url: string) => url.slice('/media/'.length)
export const inFolder = (on: MediaNode, url: string) => existsSync(join(on.dir, 'media', fileOf(url)))

/**
 * `on` serves, byte for byte, files only `uploader` had: the seed video whole and in a range (an
 * immutable URL, fetched into its folder) and the gate photo's thumbnail.
 */
export async function expectServedElsewhere(
  on: MediaNode,
  uploader: MediaNode,
  video: Medium,
  gate: Medium,
): Promise<void> {
  expect(inFolder(on, video.url)).toBe(false)
  const whole = await fetch(`${on.base}${video.url}`)
  expect(whole.status).toBe(200)
  expect(whole.headers.get('cache-control')).toContain('immutable')
  expect(Buffer.compare(await bytesOf(whole), VIDEO)).toBe(0)
  expect(inFolder(on, video.url)).toBe(true)

  const part = await fetch(`${on.base}${video.url}`, { headers: { range: 'bytes=1000-1999' } })
  expect(part.status).toBe(206)
  expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${VIDEO.length}`)
  expect(Buffer.compare(await bytesOf(part), VIDEO.subarray(1000, 2000))).toBe(0)

  const thumb = await fetch(`${on.base}${gate.thumbnailUrl}`)
  expect(thumb.status).toBe(200)
  const original = readFileSync(join(uploader.dir, 'media', fileOf(gate.thumbnailUrl)))
  expect(Buffer.compare(await bytesOf(thumb), original)).toBe(0)
}

/**
 * A node lacking the gate photo, asked for it six times at once (a range first), opens it in the
 * shared store once, and serves it from its folder afterwards.
 */
export async function expectOneFetch(d: MediaNode, gate: Medium): Promise<void> {
  const store = d.app.mediaStore.cache?.store
  if (!store) throw new Error('a node on PostgreSQL caches a shared store')
  const opened = vi.spyOn(store, 'open')
  const answers = await Promise.all([
    fetch(`${d.base}${gate.url}`, { headers: { range: 'bytes=0-99' } }),
    ...Array.from({ length: 5 }, () => fetch(`${d.base}${gate.url}`)),
  ])
  expect(answers.map((a) => a.status)).toEqual([206, 200, 200, 200, 200, 200])
  expect(Buffer.compare(await bytesOf(answers[0] as Response), GATE.subarray(0, 100))).toBe(0)
  for (const answer of answers.slice(1)) expect(Buffer.compare(await bytesOf(answer), GATE)).toBe(0)
  expect(opened).toHaveBeenCalledTimes(1)
  expect((await fetch(`${d.base}${gate.url}`)).status).toBe(200)
  expect(opened).toHaveBeenCalledTimes(1)
}

export class MediaNodes {
  readonly nodes: MediaNode[] = []
  /** An admin's API token, set by the test once its first node is up. */
  token = ''

  /** `shared`: what every node is started with (the database, the store). */
  constructor(private readonly shared: () => Omit<AppOptions, 'dataDir'>) {}

  async node(
    options: Partial<AppOptions> = {},
    dir = mkdtempSync(join(tmpdir(), 'gatecast-shared-media-')),
  ): Promise<MediaNode> {
    const app = await buildApp({
      admin: { username: 'admin', password: TEST_PASSWORD },
      rateLimitPerMinute: 0,
      ...this.shared(),
      ...options,
      dataDir: dir,
    })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const made = { app, base, dir }
    this.nodes.push(made)
    return made
  }

  auth(): { authorization: string } {
    return { authorization: `Bearer ${this.token}` }
  }

  upload(on: MediaNode, name: string, data: Buffer, type: string): Promise<Response> {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(data)], { type }), name)
    return fetch(`${on.base}/api/media`, { method: 'POST', headers: this.auth(), body: form })
  }

  async uploaded(on: MediaNode, name: string, data: Buffer, type: string): Promise<Medium> {
    const res = await this.upload(on, name, data, type)
    expect(res.status).toBe(201)
    return (await res.json()) as Medium
  }

  /** Closes every node and deletes its folder. */
  async close(): Promise<void> {
    for (const { app } of this.nodes) if (app.server.listening) await app.close()
    for (const { dir } of this.nodes) rmSync(dir, { recursive: true, force: true })
  }
}

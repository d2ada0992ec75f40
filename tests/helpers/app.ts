import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { type AppOptions, buildApp } from '../../server/app'

export interface TestApp {
  app: FastifyInstance
  dataDir: string
  close: () => Promise<void>
}

/** A whole app over a fresh temporary data folder, removed on close. */
export async function createTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-test-'))
  const app = await buildApp({ dataDir, ...options })
  return {
    app,
    dataDir,
    close: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A test app that can be stopped and built again over the same data folder (a server restart). */
export interface RestartableApp {
  /** The running app; replaced by `start`. */
  readonly app: FastifyInstance
  readonly dataDir: string
  /** Closes the app, keeping its data folder. */
  stop: () => Promise<void>
  /** Builds the app again over the same data folder (not listening: the caller does that). */
  start: () => Promise<FastifyInstance>
  /** Stops the app if it runs and removes the data folder. */
  close: () => Promise<void>
}

export async function createRestartableApp(options: Partial<AppOptions> = {}): Promise<RestartableApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatecast-test-'))
  let app: FastifyInstance | null = await buildApp({ dataDir, ...options })
  const stop = async () => {
    const running = app
    app = null
    await running?.close()
  }
  return {
    get app() {
      if (!app) throw new Error('the test app is stopped')
      return app
    },
    dataDir,
    stop,
    start: async () => {
      if (app) throw new Error('the test app is already running')
      app = await buildApp({ dataDir, ...options })
      return app
    },
    close: async () => {
      await stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Minimal valid bodies, so each test states only what it is about. */
export const siteBody = (id = 'gate') => ({
  id,
  name: { vi: 'Cửa khẩu thử', zh: '测试口岸', en: 'Test gate' },
})

export const screenBody = (id: string, siteId = 'gate', extra: Record<string, unknown> = {}) => ({
  id,
  siteId,
  name: `Screen ${id}`,
  width: 1920,
  height: 960,
  ...extra,
})

export const slide = (id: string, title: string, durationMs = 5000) => ({
  id,
  kind: 'slide' as const,
  durationMs,
  text: {
    vi: { title: `${title} (vi)`, body: 'Nội dung tiếng Việt' },
    zh: { title: `${title} (中文)`, body: '中文内容' },
    en: { title: `${title} (en)`, body: 'English text' },
  },
})

/** Creates a site, a playlist of slides, and a screen showing it; returns the screen id. */
export async function seedMinimal(
  app: FastifyInstance,
  screenId = 'screen-a',
  playlistId = 'pl-a',
): Promise<void> {
  const ok = (r: { statusCode: number; body: string }) => {
    if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`)
  }
  if ((await app.inject({ method: 'GET', url: '/api/sites/gate' })).statusCode === 404) {
    ok(await app.inject({ method: 'POST', url: '/api/sites', payload: siteBody() }))
  }
  ok(
    await app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { id: playlistId, name: 'Test', items: [slide('s1', 'First'), slide('s2', 'Second')] },
    }),
  )
  ok(await app.inject({ method: 'POST', url: `/api/playlists/${playlistId}/publish` }))
  ok(
    await app.inject({
      method: 'POST',
      url: '/api/screens',
      payload: screenBody(screenId, 'gate', { defaultPlaylistId: playlistId }),
    }),
  )
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request a test needs to succeed (set-up, reading back): any status ≥ 300 fails with its body. */
export async function succeed(app: FastifyInstance, method: Method, url: string, payload?: unknown) {
  const res = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PREPARE_AHEAD_MS } from '@player/playback'
import { ITEM_DURATION_MS_MIN } from '@playlists/limits'
import type { Media } from '@playlists/schemas/media'
import { THUMBNAIL_BOX_PX } from '@server/media/thumbnails'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { screenBody, siteBody } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW } from '../helpers/browser'
import { makePng, multipart } from '../helpers/files'
import { expect, serveApp, test } from '../helpers/fixtures'
import { makeJpeg } from '../helpers/media'
import { expectOnTime, watchTimers } from '../helpers/on-time'
import { playerUrl, screenToken } from '../helpers/pairing'
import { openPlayerAt, stopClock } from '../helpers/player'
import { until } from '../helpers/wait'

/** A file as an operator uploads it, and what the server must measure from its bytes. */
interface Fixture {
  itemId: string
  file: string
  data: Buffer
  measured: Pick<Media, 'kind' | 'contentType'> & { width: number; height: number }
  /** Videos only; `durationMs` is the length ffmpeg was asked for. */
  video?: Pick<Media, 'videoCodec' | 'audioCodec'> & { durationMs: number }
}

// Long enough for each video to be prepared ahead and sampled for half a second before the switch.
const ITEM_MS = Math.max(ITEM_DURATION_MS_MIN, PREPARE_AHEAD_MS + 1_500)
const SCREEN = { width: 960, height: 540 }
/** Container durations come from the muxer and may be off by a frame either way. */
const DURATION_TOLERANCE_MS = 100
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg'

let scratch: string
/**
 * Encodes `seconds` of ffmpeg's testsrc2 at `width`×`height`: bright colours and moving shapes,
 * so a drawn frame is never black and two frames half a second apart differ.
 */
function encodeVideo(file: string, width: number, height: number, seconds: number, args: string[]): Buffer {
  const path = join(scratch, file)
  const source = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=25`, '-t', String(seconds)]
  execFileSync(FFMPEG, ['-v', 'error', '-y', ...source, ...args, path], { stdio: 'pipe', timeout: 60_000 })
  return readFileSync(path)
}

async function makeFixtures(): Promise<Fixture[]> {
  const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '3']
  // With AAC sound (players mute it) and the index at the end, as cameras write MP4.
  const h264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac']
  return [
    {
      itemId: 'png',
      file: 'wide.png',
      data: makePng(800, 450, 3),
      measured: { kind: 'image', contentType: 'image/png', width: 800, height: 450 },
    },
    {
      itemId: 'jpeg',
      file: 'tall.jpg',
      data: await makeJpeg(600, 800),
      measured: { kind: 'image', contentType: 'image/jpeg', width: 600, height: 800 },
    },
    {
      itemId: 'mp4',
      file: 'clip.mp4',
      data: encodeVideo('clip.mp4', 640, 360, 3, [...tone, ...h264]),
      measured: { kind: 'video', contentType: 'video/mp4', width: 640, height: 360 },
      video: { durationMs: 3_000, videoCodec: 'h264', audioCodec: 'aac' },
    },
    {
      itemId: 'webm',
      file: 'clip.webm',
      data: encodeVideo('clip.webm', 400, 300, 2, ['-c:v', 'libvpx-vp9', '-b:v', '300k']),
      measured: { kind: 'video', contentType: 'video/webm', width: 400, height: 300 },
      video: { durationMs: 2_000, videoCodec: 'vp9', audioCodec: null },
    },
  ]
}

const served = serveApp()
let fixtures: Fixture[]
const uploaded = new Map<string, Media>()

test.beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'gatecast-media-playback-'))
  fixtures = await makeFixtures()
})
test.afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

/** A call over real HTTP, as the console makes it; throws with the server's answer unless 2xx. */
async function call(method: string, path: string, json?: unknown): Promise<Response> {
  const body = json === undefined ? undefined : JSON.stringify(json)
  const headers: Record<string, string> = {
    ...served.t.team.admin.headers,
    ...(body ? { 'content-type': 'application/json' } : {}),
  }
  const res = await fetch(`${served.base}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res
}

/** POST /api/media as a browser form sends it, with the file's real name and type. */
function upload(f: Fixture): Promise<Response> {
  const form = multipart([{ filename: f.file, contentType: f.measured.contentType, data: f.data }])
  const body = new Uint8Array(form.payload)
  const headers = { ...form.headers, ...served.t.team.admin.headers }
  return fetch(`${served.base}/api/media`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  })
}

/**
 * The playlist loops from the document's fixed epoch, so the item due at an instant is plain
 * arithmetic; worked out here, not with the player's timeline, so that a timeline bug cannot
 * make the player and the test agree on the wrong item.
 */
const loopMs = () => fixtures.length * ITEM_MS
const nextLoopStart = (epochMs: number, now: number) =>
  epochMs + Math.ceil((now - epochMs) / loopMs()) * loopMs()
const itemDueAt = (epochMs: number, at: number) =>
  fixtures[Math.floor(((((at - epochMs) % loopMs()) + loopMs()) % loopMs()) / ITEM_MS)]!.itemId

/** Waits, bounded, for `predicate(itemId)` to hold in the page; on timeout says what never happened. */
async function waitInPage(page: Page, what: string, predicate: (itemId: string) => boolean, itemId: string) {
  const ms = ITEM_MS * 2
  await page.waitForFunction(predicate, itemId, { timeout: ms }).catch((error: Error) => {
    throw new Error(`${what} within ${ms} ms: ${error.message.split('\n')[0]}`)
  })
}

/** In the page: the stage says it shows item `id`. */
const isShowing = (id: string) => document.getElementById('stage')?.dataset.itemId === id
/** In the page: the visible layer of item `id` holds a video that has buffered ahead and started. */
const isPlaying = (id: string) => {
  const video = document.querySelector<HTMLVideoElement>(`#stage .layer.showing[data-item-id="${id}"] video`)
  return !!video && video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA && video.currentTime > 0
}

/** What the visible layer holds, read in one go together with the player's own clock. */
const shownNow = (page: Page) =>
  page.evaluate(() => {
    const stage = document.getElementById('stage')!
    const layer = stage.querySelector<HTMLElement>('.layer.showing')
    const img = layer?.querySelector('img')
    return {
      now: Date.now(),
      stageItemId: stage.dataset.itemId,
      layerItemId: layer?.dataset.itemId,
      src: layer?.querySelector('img, video')?.getAttribute('src'),
      image: img && { complete: img.complete, width: img.naturalWidth, height: img.naturalHeight },
      fit: layer?.querySelector('img, video')?.classList.contains('fit-contain'),
    }
  })

/** Share of lit pixels and number of distinct coarse colours (3 bits a channel) in RGB pixels. */
function colourfulness(rgb: Buffer) {
  let lit = 0
  const colours = new Set<number>()
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!]
    if (Math.max(r, g, b) > 48) lit++
    colours.add(((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5))
  }
  return { litShare: lit / (rgb.length / 3), colours: colours.size }
}

/**
 * What the compositor really put on screen: the middle of a screenshot, which every file covers
 * when fitted 'contain'. A hidden layer, a black element or an idle card fails here.
 */
async function centreOfScreen(page: Page) {
  const shot = await page.screenshot({ timeout: 5_000 })
  const [width, height] = [SCREEN.width * 0.3, SCREEN.height * 0.6]
  const box = { left: SCREEN.width * 0.35, top: SCREEN.height * 0.2, width, height }
  const raw = await sharp(shot).extract(box).removeAlpha().raw().toBuffer()
  return colourfulness(raw)
}

/**
 * Watches the visible video for `gapMs` of its own playback: its state, how far it played, how
 * many frames Chromium presented, what a frame drawn onto a canvas looks like, and how much two
 * frames differ.
 */
async function watchVideo(page: Page, gapMs: number) {
  const look = (phase: 'first' | 'second') =>
    page.evaluate((phase) => {
      const held = window as unknown as {
        watched?: { frame: Uint8ClampedArray; time: number; frames: number }
      }
      const video = document.querySelector<HTMLVideoElement>('#stage .layer.showing video')!
      const [width, height] = [video.videoWidth, video.videoHeight]
      const canvas = Object.assign(document.createElement('canvas'), { width, height })
      const context = canvas.getContext('2d', { willReadFrequently: true })!
      context.drawImage(video, 0, 0)
      const now = {
        frame: context.getImageData(0, 0, width, height).data,
        time: video.currentTime,
        frames: video.getVideoPlaybackQuality().totalVideoFrames,
      }
      if (phase === 'first') {
        held.watched = now
        return null
      }
      const before = held.watched!
      const [first, second] = [before.frame, now.frame]
      let [changed, lit] = [0, 0]
      const colours = new Set<number>()
      for (let i = 0; i < second.length; i += 4) {
        const [r, g, b] = [second[i]!, second[i + 1]!, second[i + 2]!]
        if (Math.abs(r - first[i]!) + Math.abs(g - first[i + 1]!) + Math.abs(b - first[i + 2]!) > 48)
          changed++
        if (Math.max(r, g, b) > 48) lit++
        colours.add(((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5))
      }
      return {
        state: { width, height, error: video.error?.message ?? null },
        readyState: video.readyState,
        advancedS: now.time - before.time,
        framesPresented: now.frames - before.frames,
        changedShare: changed / (width * height),
        litShare: lit / (width * height),
        colours: colours.size,
      }
    }, phase)
  await look('first')
  // Until the video's own clock has moved `gapMs` on. The page's timers stand still while its
  // clock is stopped, so the test asks from outside; a video that stalls fails here.
  await until(
    () =>
      page.evaluate(
        (gapS) =>
          document.querySelector<HTMLVideoElement>('#stage .layer.showing video')!.currentTime -
            (window as unknown as { watched: { time: number } }).watched.time >=
          gapS,
        gapMs / 1000,
      ),
    10_000,
    `the video to play ${gapMs} ms on`,
    50,
  )
  return (await look('second'))!
}

// Tagged @timed: each switch is checked against its instant, so the file runs alone
// (playwright.config.ts). Serial: the playback test plays what the upload test uploaded.
test.describe('real media files: upload, measurement and playback in Chromium', { tag: '@timed' }, () => {
  test.describe.configure({ mode: 'serial' })

  test('measures each uploaded file from its bytes and serves a thumbnail in its shape', async () => {
    for (const f of fixtures) {
      const res = await upload(f)
      const media = (await res.json()) as Media
      expect(res.status, JSON.stringify(media)).toBe(201)
      const { durationMs, ...codecs } = f.video ?? { durationMs: null, videoCodec: null, audioCodec: null }
      expect(media, f.file).toMatchObject({ ...f.measured, ...codecs, bytes: f.data.length })
      if (durationMs === null) expect(media.durationMs).toBeNull()
      else expect(Math.abs(media.durationMs! - durationMs), f.file).toBeLessThanOrEqual(DURATION_TOLERANCE_MS)

      const bytes = Buffer.from(await (await call('GET', media.url)).arrayBuffer())
      expect(bytes.equals(f.data), `${f.file} is served as uploaded`).toBe(true)
      const thumb = await call('GET', media.thumbnailUrl!)
      expect(thumb.headers.get('content-type')).toBe('image/jpeg')
      const { format, width, height } = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()
      expect(format).toBe('jpeg')
      expect(Math.max(width, height)).toBe(THUMBNAIL_BOX_PX)
      // Fitted inside the box in the file's own shape, to within a pixel of rounding.
      const shapeError = Math.abs(width / height - f.measured.width / f.measured.height) * height
      expect(shapeError, f.file).toBeLessThan(1.5)
      uploaded.set(f.itemId, media)
    }
  })

  test('plays the four files in turn, each really drawn, each when the timeline says', async ({
    browser,
  }) => {
    const { t, base } = served
    expect(uploaded.size, 'the upload test ran first').toBe(fixtures.length)
    const items = fixtures.map((f) => ({
      id: f.itemId,
      kind: f.measured.kind,
      mediaId: uploaded.get(f.itemId)!.id,
      durationMs: ITEM_MS,
      fit: 'contain',
    }))
    await call('POST', '/api/playlists', { id: 'real-media', name: 'Real media', items })
    await approveAndPublish(t.app, 'playlist', 'real-media')
    await call('POST', '/api/sites', siteBody())
    const screen = screenBody('media-screen', 'gate', { ...SCREEN, defaultPlaylistId: 'real-media' })
    await call('POST', '/api/screens', screen)
    const published = await call('GET', '/api/screens/media-screen/document')
    const { epochMs } = (await published.json()) as { epochMs: number }

    // The page's clock reads just after a loop starts when the player starts, so the four items
    // follow in a known order. It runs through each switch (the next item prepared ahead, shown
    // on time) and stops once the item shows, for as long as the checks take on this machine.
    const url = playerUrl(base, screenToken(t.app, 'media-screen'), 'time=local')
    const at = nextLoopStart(epochMs, Date.now()) + 100
    const page = await openPlayerAt(browser, url, at, {
      viewport: SCREEN,
      serviceWorkers: NO_SW,
      paused: true,
    })
    await watchTimers(page)
    for (const [i, f] of fixtures.entries()) {
      if (i > 0) await page.clock.resume()
      await waitInPage(page, `the player shows ${f.itemId}`, isShowing, f.itemId)
      if (i > 0) await stopClock(page)
      if (f.measured.kind === 'video') {
        await waitInPage(page, `${f.file} starts playing`, isPlaying, f.itemId)
        const v = await watchVideo(page, 500)
        expect(v.state, f.file).toEqual({ width: f.measured.width, height: f.measured.height, error: null })
        expect(v.readyState, f.file).toBeGreaterThanOrEqual(3)
        expect(v.advancedS, `${f.file} plays on`).toBeGreaterThan(0.3)
        expect(v.framesPresented, `${f.file} presents frames`).toBeGreaterThanOrEqual(5)
        expect(v.changedShare, `${f.file} moves`).toBeGreaterThan(0.03)
        expect(v.litShare, `${f.file} decodes to a picture, not black`).toBeGreaterThan(0.9)
        expect(v.colours, `${f.file} decodes to the test pattern`).toBeGreaterThan(32)
      }
      const onScreen = await centreOfScreen(page)
      expect(onScreen.litShare, `${f.file} is on screen`).toBeGreaterThan(0.9)
      expect(onScreen.colours, `${f.file} is on screen`).toBeGreaterThan(8)

      const shown = await shownNow(page)
      // A player that showed nothing, or the wrong item, fails here even if some element exists.
      const due = itemDueAt(epochMs, shown.now)
      expect(due, 'checked within the item’s own time').toBe(f.itemId)
      expect({ stage: shown.stageItemId, layer: shown.layerItemId }).toEqual({ stage: due, layer: due })
      expect(shown.src).toBe(uploaded.get(f.itemId)!.url)
      expect(shown.fit).toBe(true)
      if (f.measured.kind === 'image') {
        const { width, height } = f.measured
        expect(shown.image, f.file).toEqual({ complete: true, width, height })
      }
    }
    // Every switch after the first (made while the page loaded) came on time.
    const transitions = await page.evaluate(() => window.gatecast.transitions.filter((x) => x.itemId))
    expect(transitions.map((x) => x.itemId).slice(0, 4)).toEqual(fixtures.map((f) => f.itemId))
    for (const x of transitions.slice(1, 4)) await expectOnTime(page, x, 500)
    await page.close()
  })
})

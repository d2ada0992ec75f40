import { ITEM_DURATION_MS_MIN } from '@playlists/limits'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { busyCores } from '../../scripts/busy-cores'
import { succeed } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { NO_SW } from '../helpers/browser'
import { expect, serveApp, test } from '../helpers/fixtures'
import { playerUrl, screenToken } from '../helpers/pairing'
import { waitForPlayer } from '../helpers/player'

/**
 * Cuts into and out of video, with the machine busy, must never put a black frame on screen.
 * The player used to show a video's layer as soon as its first frame was decoded; Chromium then
 * drew the element black until the media thread had handed the compositor a frame, 60–130 ms
 * later on a busy machine (about one video cut in five here). Two detectors:
 * - what the compositor produced: Chromium's screencast, a frame with (almost) no lit pixel is
 *   black. It samples (a few frames a second under load), so it catches most but not all;
 * - when each video was uncovered: from requestVideoFrameCallback, a frame of it must have been
 *   presented after its layer was first drawn and before the item on top of it went away.
 */

/** The shortest item: the most cuts a minute. Images and videos alternate: every cut is into or out of video. */
const ITEM_MS = ITEM_DURATION_MS_MIN
const SCREEN = { width: 640, height: 360 }
/** How many cuts into or out of video the test watches: 12 videos, each cut into and out of. */
const CUTS_WATCHED = 24
/** About the time CUTS_WATCHED take on a quiet machine: what the busy cores are bounded by. */
const WATCH_MS = 26_000
const VIDEO_CUTS_MIN = 16
/** As the playback bench: a pixel at or below this luma is black; the seeded media are far brighter. */
const BLACK_LUMA_MAX = 24
const LIT_FRACTION_MIN = 0.01

const served = serveApp({ seed: true })

async function mediaId(file: string): Promise<string> {
  const found = (await succeed(served.t.app, 'GET', `/api/media?q=${encodeURIComponent(file)}`)) as {
    id: string
    originalName: string
  }[]
  return found.find((m) => m.originalName === file)!.id
}

/** What the page saw of one video element (times by the page's performance.now()). */
interface VideoSeen {
  item: string
  /** When its layer was first drawn (no longer `preparing`), and first uncovered. */
  drawnAt: number | null
  uncoveredAt: number | null
  /** Presentation times of its frames, from requestVideoFrameCallback, until it was uncovered. */
  presented: number[]
}

/** Runs in the page: notes when each video's layer is first drawn and uncovered, and its presented frames. */
function installVideoProbe(): void {
  const videos: { item: string; drawnAt: number | null; uncoveredAt: number | null; presented: number[] }[] =
    []
  const seen = new Map<HTMLVideoElement, (typeof videos)[number]>()
  const track = (video: HTMLVideoElement, layer: HTMLElement) => {
    let entry = seen.get(video)
    if (!entry) {
      entry = { item: layer.dataset.itemId ?? '', drawnAt: null, uncoveredAt: null, presented: [] }
      seen.set(video, entry)
      videos.push(entry)
      const record = entry
      const onFrame: VideoFrameRequestCallback = (_now, frame) => {
        record.presented.push(frame.presentationTime)
        if (record.uncoveredAt === null) video.requestVideoFrameCallback(onFrame)
      }
      video.requestVideoFrameCallback(onFrame)
    }
    return entry
  }
  const look = () => {
    const at = performance.now()
    for (const layer of document.querySelectorAll<HTMLElement>('#stage .layer')) {
      const video = layer.querySelector('video')
      if (!video) continue
      const entry = track(video, layer)
      const drawn = !layer.classList.contains('preparing')
      // Uncovered: on screen with no other layer on top of it (the one it replaces is gone).
      const uncovered = layer.classList.contains('showing') && layer.nextElementSibling === null
      if (drawn) entry.drawnAt ??= at
      if (uncovered) entry.uncoveredAt ??= at
    }
  }
  new MutationObserver(look).observe(document.getElementById('stage')!, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['class'],
  })
  look()
  Object.assign(window, { videoProbe: videos })
}

/** Watches the page's composited frames through the screencast; returns the lit fraction of each. */
async function screencast(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  const lit: number[] = []
  let decoding = Promise.resolve()
  cdp.on('Page.screencastFrame', ({ data, sessionId }) => {
    // Acknowledged at once: Chromium sends no further frame until then.
    void cdp.send('Page.screencastFrameAck', { sessionId }).catch(() => undefined)
    decoding = decoding.then(async () => {
      const pixels = await sharp(Buffer.from(data, 'base64')).greyscale().raw().toBuffer()
      let n = 0
      for (const v of pixels) if (v > BLACK_LUMA_MAX) n++
      lit.push(n / pixels.length)
    })
  })
  await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 40, maxWidth: 160, maxHeight: 90 })
  return async () => {
    await cdp.send('Page.stopScreencast')
    await decoding
    return lit
  }
}

test.describe('cuts into and out of video', () => {
  test('never show a black frame, with every core of the machine busy', async ({ browser }) => {
    test.setTimeout(90_000)
    const items = [
      { id: 'gate', kind: 'image', mediaId: await mediaId('huu-nghi-gate.jpg') },
      { id: 'mp4', kind: 'video', mediaId: await mediaId('border-clouds.mp4') },
      { id: 'market', kind: 'image', mediaId: await mediaId('ky-lua-market.jpg'), fit: 'cover' },
      { id: 'webm', kind: 'video', mediaId: await mediaId('border-clouds.webm') },
    ].map((item) => ({ ...item, durationMs: ITEM_MS }))
    await succeed(served.t.app, 'POST', '/api/playlists', { id: 'cuts', name: 'Cuts', items })
    await approveAndPublish(served.t.app, 'playlist', 'cuts')
    await succeed(served.t.app, 'POST', '/api/screens', {
      id: 'cuts',
      siteId: 'huu-nghi',
      name: 'Cuts',
      ...SCREEN,
      defaultPlaylistId: 'cuts',
    })
    const page = await browser.newPage({ viewport: SCREEN, serviceWorkers: NO_SW })
    await page.goto(playerUrl(served.base, screenToken(served.t.app, 'cuts')))
    await waitForPlayer(page)
    await page.waitForFunction(() => window.gatecast.transitions.some((x) => x.itemId !== null))
    await page.evaluate(installVideoProbe)
    const stopScreencast = await screencast(page)
    const stopBusy = busyCores(WATCH_MS + 10_000)
    try {
      // Until the probe has watched them all, however long a busy machine takes to play them.
      await page.waitForFunction(
        (videos) =>
          (window as unknown as { videoProbe: VideoSeen[] }).videoProbe.filter(
            (v) => v.drawnAt !== null && v.uncoveredAt !== null,
          ).length >= videos,
        CUTS_WATCHED / 2,
        { timeout: 3 * WATCH_MS, polling: 250 },
      )
    } finally {
      await stopBusy()
    }
    const lit = await stopScreencast()
    const videos = await page.evaluate(() => (window as unknown as { videoProbe: VideoSeen[] }).videoProbe)
    await page.close()

    const uncovered = videos.filter((v) => v.drawnAt !== null && v.uncoveredAt !== null)
    // Each video shown is a cut into video and, one item later, one out of it.
    expect(uncovered.length * 2, 'cuts into or out of video watched').toBeGreaterThanOrEqual(VIDEO_CUTS_MIN)
    const early = uncovered
      .filter((v) => !v.presented.some((p) => p > v.drawnAt! && p <= v.uncoveredAt!))
      .map((v) => `${v.item}: drawn at ${Math.round(v.drawnAt!)}, uncovered at ${Math.round(v.uncoveredAt!)}`)
    // Soft: both detectors report, whichever fails.
    expect.soft(early, 'videos uncovered before a frame of theirs was presented').toEqual([])
    expect(lit.length, 'composited frames sampled').toBeGreaterThan(20)
    expect.soft(lit.filter((f) => f < LIT_FRACTION_MIN).length, 'black frames on screen').toBe(0)
  })
})

import type { Renderer } from './renderer'

/** Longest wait for a video to buffer before it is shown anyway (it starts when data arrives). */
export const VIDEO_READY_TIMEOUT_MS = 8_000

export const videoRenderer: Renderer<'video'> = {
  kind: 'video',
  render(item, context) {
    const video = document.createElement('video')
    video.className = `media fit-${item.fit}`
    // Muted autoplay is always allowed; sound needs the screen's permission (speakers, and the
    // kiosk's --autoplay-policy=no-user-gesture-required) and the item's.
    const sound = item.sound && context.audio
    video.muted = !sound
    video.defaultMuted = !sound
    video.playsInline = true
    video.loop = true
    video.preload = 'auto'
    video.src = item.media.url
    video.dataset.itemKind = 'video'
    return {
      element: video,
      prepare: async () => {
        await buffered(video, item.media.url)
        // Seek to where the item will be when it is shown (0 when prepared ahead of its start),
        // then wait until that frame is decoded: the swap then never shows a black frame.
        const at = offsetSeconds(video, Math.max(0, context.now() - context.startMs))
        if (at > 0) video.currentTime = at
        await firstFrame(video)
      },
      start: () => {
        // Joining mid-item, or a swap that came late: catch up with the timeline.
        const at = offsetSeconds(video, context.now() - context.startMs)
        if (Math.abs(video.currentTime - at) > LATE_SEEK_S) video.currentTime = at
        video.play().catch(() => {
          // Chromium refused sound without a gesture (a kiosk started without the flag):
          // a silent video is better than a frozen frame.
          if (!video.muted) {
            video.muted = true
            void video.play().catch(() => undefined)
          }
        })
      },
      presented: () => presentedOnceDrawn(video),
      dispose: () => {
        video.pause()
        // Removing src alone keeps the decoder and buffers alive; load() releases them.
        video.removeAttribute('src')
        video.load()
      },
    }
  },
}

/** A start this far from the timeline's position is corrected by a seek; less is not worth one. */
const LATE_SEEK_S = 0.25
/** Longest wait for the first frame after buffering (a decoder that never presents one). */
const FIRST_FRAME_TIMEOUT_MS = 2_000

/**
 * Resolves once a frame of `video` has been presented since its element was drawn. A video is
 * composited apart from the page: while its element is hidden, its compositor surface holds no
 * picture; once drawn, the page's commit attaches the surface and the media thread submits a
 * frame to it only then, while the element (opaque, its frames having no alpha) already covers
 * what is under it in black. That was the playback bench's black frames, 60–130 ms into a video
 * item. requestVideoFrameCallback reports presented frames, but also frames "presented" while
 * the element was hidden (rendered in the background, after a seek), and the first callback may
 * run in the very rendering step that draws the element, before its commit. The second runs in
 * a later step, after that commit: a frame presented after that step began counts. Its own
 * timestamps are used (the page's rAF and performance.now may be a test's fake clock).
 */
function presentedOnceDrawn(video: HTMLVideoElement): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!('requestVideoFrameCallback' in video)) return resolve()
    let callbacks = 0
    let drawnBy = Number.POSITIVE_INFINITY
    const onFrame: VideoFrameRequestCallback = (now, frame) => {
      if (frame.presentationTime > drawnBy) return resolve()
      if (++callbacks === 2) drawnBy = now
      video.requestVideoFrameCallback(onFrame)
    }
    video.requestVideoFrameCallback(onFrame)
  })
}

/** The position in a looping video `ms` into its item. */
function offsetSeconds(video: HTMLVideoElement, ms: number): number {
  if (!(ms > 0) || !Number.isFinite(video.duration) || video.duration <= 0) return 0
  return (ms / 1000) % video.duration
}

/** Resolves once enough is buffered to play on; rejects on a decode error (the item is skipped). */
function buffered(video: HTMLVideoElement, url: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) return resolve()
    const settle = (error?: Error) => {
      clearTimeout(timer)
      video.removeEventListener('canplay', ready)
      video.removeEventListener('error', failed)
      if (error) reject(error)
      else resolve()
    }
    const ready = () => settle()
    // A file the browser cannot decode is skipped: the previous item stays up.
    const failed = () => settle(new Error(`video ${url}: ${video.error?.message || 'cannot play'}`))
    // A slow link: show it anyway and let it start when data arrives, rather than never.
    const timer = setTimeout(ready, VIDEO_READY_TIMEOUT_MS)
    video.addEventListener('canplay', ready)
    video.addEventListener('error', failed)
  })
}

/**
 * Resolves when the frame at the current position is decoded and presented: through
 * requestVideoFrameCallback where the browser has it, else once the seek settled with the
 * current frame available. Bounded, so a decoder that never presents cannot hold the screen.
 */
function firstFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FIRST_FRAME_TIMEOUT_MS)
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    if (!video.seeking && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.currentTime === 0) {
      // Nothing to seek: the first frame is decoded once HAVE_CURRENT_DATA holds.
      done()
      return
    }
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => done())
    video.addEventListener(
      'seeked',
      () => {
        if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) done()
      },
      { once: true },
    )
  })
}

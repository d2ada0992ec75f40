import type { Renderer } from './renderer'

/** A video that cannot buffer in this time is skipped rather than holding the screen black. */
export const VIDEO_READY_TIMEOUT_MS = 8_000

export const videoRenderer: Renderer = {
  kind: 'video',
  render(item, context) {
    const video = document.createElement('video')
    video.className = `media fit-${item.fit}`
    // Muted autoplay is always allowed by Chromium; sound needs a kiosk flag (a later option).
    video.muted = true
    video.defaultMuted = true
    video.playsInline = true
    video.loop = true
    video.preload = 'auto'
    video.src = item.media?.url ?? ''
    video.dataset.itemKind = 'video'
    return {
      element: video,
      prepare: () =>
        new Promise<void>((resolve) => {
          if (video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) return resolve()
          const done = () => {
            clearTimeout(timer)
            video.removeEventListener('canplay', done)
            video.removeEventListener('error', done)
            resolve()
          }
          const timer = setTimeout(done, VIDEO_READY_TIMEOUT_MS)
          video.addEventListener('canplay', done)
          video.addEventListener('error', done)
        }),
      start: () => {
        if (context.offsetMs > 0 && Number.isFinite(video.duration) && video.duration > 0) {
          video.currentTime = (context.offsetMs / 1000) % video.duration
        }
        void video.play().catch(() => undefined)
      },
      dispose: () => {
        video.pause()
        // Removing src alone keeps the decoder and buffers alive; load() releases them.
        video.removeAttribute('src')
        video.load()
      },
    }
  },
}

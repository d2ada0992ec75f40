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
      prepare: () =>
        new Promise<void>((resolve, reject) => {
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
          const failed = () =>
            settle(new Error(`video ${item.media.url}: ${video.error?.message || 'cannot play'}`))
          // A slow link: show it anyway and let it start when data arrives, rather than never.
          const timer = setTimeout(ready, VIDEO_READY_TIMEOUT_MS)
          video.addEventListener('canplay', ready)
          video.addEventListener('error', failed)
        }),
      start: () => {
        // Joining mid-item (a boot, a new document): seek to where the timeline says it is.
        const offsetMs = context.now() - context.startMs
        if (offsetMs > 0 && Number.isFinite(video.duration) && video.duration > 0) {
          video.currentTime = (offsetMs / 1000) % video.duration
        }
        video.play().catch(() => {
          // Chromium refused sound without a gesture (a kiosk started without the flag):
          // a silent video is better than a frozen frame.
          if (!video.muted) {
            video.muted = true
            void video.play().catch(() => undefined)
          }
        })
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

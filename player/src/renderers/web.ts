import { WEB_LOAD_TIMEOUT_MS } from '../../../playlists/limits'
import type { Renderer } from './renderer'

/**
 * A web page from the admin's allow-list, in a sandboxed iframe: scripts run (dashboards and
 * weather widgets need them) but the page cannot navigate the player away, open pop-ups or
 * dialogs, submit forms, or reach the player's storage. A page that has not loaded in time is
 * skipped (Anthias #2999), and a page that hangs later is simply replaced at its item's end,
 * because the switch never waits on the page.
 */
export const webRenderer: Renderer<'web'> = {
  kind: 'web',
  render(item) {
    const frame = document.createElement('iframe')
    frame.className = 'web-page'
    frame.dataset.itemKind = 'web'
    frame.referrerPolicy = 'no-referrer'
    // Same-origin access is granted only to pages of another origin: for a page served by the
    // player's own origin, allow-scripts + allow-same-origin would let it lift its own sandbox.
    const foreign = new URL(item.url, location.href).origin !== location.origin
    frame.setAttribute('sandbox', foreign ? 'allow-scripts allow-same-origin' : 'allow-scripts')
    // No camera, microphone, location, payment or fullscreen for a page on a public screen.
    frame.allow = "camera 'none'; microphone 'none'; geolocation 'none'; payment 'none'; fullscreen 'none'"
    frame.tabIndex = -1
    let timer: ReturnType<typeof setTimeout> | undefined
    return {
      element: frame,
      prepare: () =>
        new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => {
            reject(new Error(`web page ${item.url} did not load within ${WEB_LOAD_TIMEOUT_MS / 1000} s`))
          }, WEB_LOAD_TIMEOUT_MS)
          frame.addEventListener(
            'load',
            () => {
              clearTimeout(timer)
              resolve()
            },
            { once: true },
          )
          // Set after the listener: a cached page can fire load synchronously.
          frame.src = item.url
        }),
      start: () => {},
      dispose: () => {
        clearTimeout(timer)
        // Navigating away first stops the page's scripts, timers and network at once.
        frame.src = 'about:blank'
        frame.remove()
      },
    }
  },
}

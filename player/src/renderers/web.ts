import { WEB_LOAD_TIMEOUT_MS } from '@playlists/limits'
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
    let refused: ((e: SecurityPolicyViolationEvent) => void) | undefined
    const stopWatching = () => {
      clearTimeout(timer)
      if (refused) document.removeEventListener('securitypolicyviolation', refused)
    }
    return {
      element: frame,
      prepare: () =>
        new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => {
            stopWatching()
            reject(new Error(`web page ${item.url} did not load within ${WEB_LOAD_TIMEOUT_MS / 1000} s`))
          }, WEB_LOAD_TIMEOUT_MS)
          // An origin taken off the allow-list after this document was compiled: the player's
          // frame policy (sent with the page, from the list) refuses it, and Chromium then loads
          // its own error page, which would fire `load` and be shown. The refusal comes first.
          const origin = new URL(item.url, location.href).origin
          refused = (e) => {
            if (!FRAME_DIRECTIVES.has(e.effectiveDirective) || originOf(e.blockedURI) !== origin) return
            stopWatching()
            reject(new Error(`web page ${item.url}: ${origin} is not on this screen's allow-list`))
          }
          document.addEventListener('securitypolicyviolation', refused)
          frame.addEventListener(
            'load',
            () => {
              stopWatching()
              resolve()
            },
            { once: true },
          )
          // Set after the listener: a cached page can fire load synchronously.
          frame.src = item.url
        }),
      start: () => {},
      dispose: () => {
        stopWatching()
        // Navigating away first stops the page's scripts, timers and network at once.
        frame.src = 'about:blank'
        frame.remove()
      },
    }
  },
}

/** The policy directives that can refuse a frame (the most specific one present is reported). */
const FRAME_DIRECTIVES = new Set(['frame-src', 'child-src', 'default-src'])

/** The origin of a reported address (Chromium reports a foreign frame by its origin alone). */
function originOf(address: string): string | null {
  try {
    return new URL(address).origin
  } catch {
    return null
  }
}

/**
 * Debian's Chromium, as the screen PCs run it, with the flags a closed network needs: without
 * the background-networking flags Chromium keeps trying to reach Google's hosts. Shared by the
 * sample-media generator and the browser tests.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * An init script that sets a page's clock `skewMs` off the truth, as a PC with a wrong clock:
 * Date.now shifts, performance.now (a monotonic timer, not the time of day) does not.
 */
export function skewClock(skewMs: number): void {
  const real = Date.now.bind(Date)
  Date.now = () => real() + skewMs
}

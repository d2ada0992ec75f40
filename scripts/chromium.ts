/**
 * Debian's Chromium, as the screen PCs run it, with the flags a closed network needs (kept with
 * the server, which starts Chromium too). Shared by the sample-media generator and the browser tests.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export { CHROMIUM_ARGS } from '../server/chromium'

/**
 * An init script that sets a page's clock `skewMs` off the truth, as a PC with a wrong clock:
 * Date.now shifts, performance.now (a monotonic timer, not the time of day) does not.
 */
export function skewClock(skewMs: number): void {
  const real = Date.now.bind(Date)
  Date.now = () => real() + skewMs
}

/**
 * Debian's Chromium flags for a closed network: without the background-networking flags
 * Chromium keeps trying to reach Google's hosts; no sandbox inside a container, no GPU on a
 * server. The server's renderer of expected pictures (screenshots/expected.ts) starts Chromium
 * with these, and so do the sample-media generator and the browser tests (scripts/chromium.ts).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

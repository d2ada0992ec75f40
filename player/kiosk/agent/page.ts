import { CdpSession } from './cdp'

/**
 * The player's page in the kiosk's Chromium, reached through DevTools on loopback: found again
 * after every browser restart, read (its URL, the player's state, the watchdog's reloads),
 * captured, reloaded or replaced by the last good frame.
 */

/** Where the player keeps its screen token and its watchdog's reloads (player/src/credentials.ts, watchdog.ts). */
const CREDENTIALS_KEY = 'gatecast:credentials'
const WATCHDOG_RELOADS_KEY = 'gatecast:watchdog-reloads'

/** What the page says about itself at one instant. */
export interface PageReading {
  url: string
  /** The renderer crashed ("Aw, Snap!") since the page was last loaded. */
  crashed: boolean
  /** `window.gatecast.status`, or null where the player is not running (an error page, a blank one). */
  status: string | null
  /** Whether the player's power plan has the screen off now (it shows black on purpose). */
  off: boolean
  /** The player's screen token, when it holds one. */
  token: string | null
  /** The instants of the watchdog's own reloads it still counts. */
  watchdogReloads: number[]
}

export interface Capture {
  format: 'jpeg' | 'png'
  bytes: Buffer
  width: number
}

/** A page that takes longer than this to say what it shows is hung: that is an answer too. */
const READ_TIMEOUT_MS = 5_000

/** Chromium's own pages, never the kiosk's. */
const BROWSER_UI = /^(chrome|devtools|chrome-extension):\/\//

interface Target {
  type: string
  url: string
  webSocketDebuggerUrl?: string
}

export class PlayerPage {
  private session: CdpSession | null = null
  private crashed = false

  constructor(
    private readonly devtools: string,
    private readonly playerOrigin: string,
  ) {}

  /** The page's DevTools session, found (again) through /json/list when the browser restarted. */
  async connect(): Promise<CdpSession> {
    if (this.session && !this.session.closed) return this.session
    const targets = (await (await fetch(`${this.devtools}/json/list`)).json()) as Target[]
    // Chromium lists its own UI as pages too (chrome://omnibox-popup…): the kiosk's tab is the
    // player's, else the one page that is not the browser's own.
    const pages = targets.filter(
      (t) => t.type === 'page' && t.webSocketDebuggerUrl && !BROWSER_UI.test(t.url),
    )
    const page = pages.find((t) => t.url.startsWith(this.playerOrigin)) ?? pages[0]
    if (!page?.webSocketDebuggerUrl) throw new Error('Chromium shows no page')
    const session = await CdpSession.connect(page.webSocketDebuggerUrl)
    this.crashed = false
    session.on('Inspector.targetCrashed', () => {
      this.crashed = true
    })
    session.on('Page.frameNavigated', (params) => {
      const frame = params.frame as { parentId?: string } | undefined
      if (frame && !frame.parentId) this.crashed = false
    })
    await session.send('Inspector.enable')
    await session.send('Page.enable')
    this.session = session
    return session
  }

  disconnect(): void {
    this.session?.close()
    this.session = null
  }

  /** Whether the renderer crashed since the page last navigated: it answers nothing until it navigates again. */
  get isCrashed(): boolean {
    return this.crashed
  }

  async read(): Promise<PageReading> {
    const session = await this.connect()
    const empty = { status: null, off: false, token: null, watchdogReloads: [] }
    // A crashed page answers no command but a navigation (checked against Debian's Chromium).
    if (this.crashed) return { url: '', crashed: true, ...empty }
    const { frameTree } = await session.send<{
      frameTree: { frame: { url: string; unreachableUrl?: string } }
    }>('Page.getFrameTree', {}, READ_TIMEOUT_MS)
    const url = frameTree.frame.unreachableUrl ? 'chrome-error://chromewebdata/' : frameTree.frame.url
    const reading: PageReading = { url, crashed: false, ...empty }
    const { result } = await session.send<{ result: { value?: unknown } }>(
      'Runtime.evaluate',
      {
        expression: `(() => {
        const read = (key) => { try { return JSON.parse(localStorage.getItem(key) ?? 'null') } catch { return null } }
        const g = window.gatecast
        return {
          status: g && typeof g.status === 'string' ? g.status : null,
          off: !!(g && g.power && g.power.on === false),
          credentials: read(${JSON.stringify(CREDENTIALS_KEY)}),
          reloads: read(${JSON.stringify(WATCHDOG_RELOADS_KEY)}),
        }
      })()`,
        returnByValue: true,
      },
      READ_TIMEOUT_MS,
    )
    const value = (result.value ?? {}) as {
      status?: unknown
      off?: unknown
      credentials?: unknown
      reloads?: unknown
    }
    const credentials = value.credentials as { token?: unknown } | null
    return {
      ...reading,
      status: typeof value.status === 'string' ? value.status : null,
      off: value.off === true,
      token: typeof credentials?.token === 'string' ? credentials.token : null,
      watchdogReloads: Array.isArray(value.reloads)
        ? value.reloads.filter((n): n is number => typeof n === 'number')
        : [],
    }
  }

  /**
   * The composited frame as the screen shows it (video included: CDP captures the compositor's
   * output, not a re-render of the DOM), scaled down to at most `maxWidth` pixels across.
   */
  async capture(maxWidth: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Capture> {
    const session = await this.connect()
    const metrics = await session.send<{ cssLayoutViewport: { clientWidth: number; clientHeight: number } }>(
      'Page.getLayoutMetrics',
    )
    const { clientWidth: width, clientHeight: height } = metrics.cssLayoutViewport
    const scale = Math.min(1, maxWidth / Math.max(1, width))
    const { data } = await session.send<{ data: string }>('Page.captureScreenshot', {
      format,
      ...(format === 'jpeg' ? { quality: 80 } : {}),
      clip: { x: 0, y: 0, width, height, scale },
      captureBeyondViewport: false,
    })
    return { format, bytes: Buffer.from(data, 'base64'), width: Math.round(width * scale) }
  }

  async reload(): Promise<void> {
    const session = await this.connect()
    await session.send('Page.reload', { ignoreCache: false })
  }

  /** Back to the player, from an error page or the last good frame. */
  async navigate(url: string): Promise<void> {
    const session = await this.connect()
    await session.send('Page.navigate', { url })
  }

  /** The last good capture, full screen on black, in place of an error page. */
  async showFrame(frame: Capture): Promise<void> {
    const session = await this.connect()
    const src = `data:image/${frame.format};base64,${frame.bytes.toString('base64')}`
    await session.send('Page.navigate', { url: 'about:blank' })
    const { frameTree } = await session.send<{ frameTree: { frame: { id: string } } }>('Page.getFrameTree')
    await session.send('Page.setDocumentContent', {
      frameId: frameTree.frame.id,
      html: `<!doctype html><title>Gatecast</title><body style="margin:0;background:#000;overflow:hidden"><img id="last-good-frame" alt="" src="${src}" style="width:100vw;height:100vh;object-fit:contain"></body>`,
    })
  }
}

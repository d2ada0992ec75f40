/**
 * The kiosk in real browsers and on a real display: Debian's Chromium, headless, plays a video with its
 * sound on load; the X session script; and on an X display (Xvfb and openbox, where installed) the screen
 * as a person would see it: the page edge to edge, no translate bubble.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { delimiter, join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'
import {
  BASH,
  FFMPEG,
  KIOSK_DIR,
  printCommand,
  SCREEN_URL,
  SCRIPT,
  scratch,
  screen,
  useScratch,
} from '../helpers/kiosk'
import {
  BACKGROUND,
  covered,
  missingX,
  PANEL,
  type Picture,
  parseXwd,
  savePicture,
  skipWithoutX,
  startXvfb,
  stopProcess,
  X_TOOLS,
} from '../helpers/kiosk-display'
import { until } from '../helpers/wait'

useScratch()

// ---------------------------------------------------------------------------------------------------------
// The flags in the real browser: Debian's Chromium, headless, on a page served from this machine.
// ---------------------------------------------------------------------------------------------------------

describe("the kiosk flags in Debian's Chromium", () => {
  let server: Server
  let base: string

  beforeAll(async () => {
    // Three seconds of picture with a 440 Hz tone: VP8 and Opus, which every Chromium build decodes.
    const clip = join(scratch, 'clip.webm')
    execFileSync(
      FFMPEG,
      [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25'],
        ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '3'],
        ...['-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus', '-shortest', clip],
      ],
      { stdio: 'pipe', timeout: 60_000 },
    )
    const video = readFileSync(clip)
    // No `muted`, and play() called by the page itself as it loads: no click, key or tap anywhere.
    const page = `<!doctype html><meta charset="utf-8"><title>autoplay</title>
<video id="v" src="/clip.webm" autoplay playsinline></video>
<script>
  const v = document.getElementById('v')
  // Whether the page had been interacted with, read when the browser decided: Playwright's evaluate()
  // counts as a gesture, so it cannot be asked afterwards.
  const settled = (outcome) => ({ outcome, activated: navigator.userActivation.hasBeenActive })
  window.autoplayResult = v.play().then(() => settled('played'), (e) => settled(e.name))
</script>`
    server = createServer((req, res) => {
      if (req.url === '/clip.webm') {
        res.writeHead(200, { 'content-type': 'video/webm', 'content-length': video.length })
        res.end(video)
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(page)
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
  })

  /**
   * The script's own command line for Debian's Chromium, launched headless. --kiosk and
   * --start-fullscreen need a display; the profile directory goes to Playwright as the persistent
   * context's, the URL is opened by the test. Playwright adds --headless (the new headless mode in
   * current Chromium); its --mute-audio is left out, so the page plays as on the screen.
   */
  async function autoplayIn(args: string[]) {
    const profile = args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length)
    const context = await chromium.launchPersistentContext(profile as string, {
      executablePath: CHROMIUM_PATH,
      // CHROMIUM_ARGS: what this machine needs (root, no GPU), not what the screens do.
      args: [
        ...CHROMIUM_ARGS,
        ...args.filter((arg) => !/^--(kiosk|start-fullscreen|user-data-dir=)/.test(arg)),
      ],
      ignoreDefaultArgs: ['--mute-audio'],
      headless: true,
    })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto(`${base}/`)
      const { outcome, activated } = await page.evaluate(
        () =>
          (window as unknown as { autoplayResult: Promise<{ outcome: string; activated: boolean }> })
            .autoplayResult,
      )
      if (outcome === 'played') {
        await page.waitForFunction(
          () => (document.getElementById('v') as HTMLVideoElement).currentTime > 0.5,
          null,
          {
            timeout: 10_000,
          },
        )
      }
      const state = await page.evaluate(() => {
        const v = document.getElementById('v') as HTMLVideoElement & { webkitAudioDecodedByteCount: number }
        return {
          paused: v.paused,
          muted: v.muted,
          volume: v.volume,
          audioBytes: v.webkitAudioDecodedByteCount,
        }
      })
      return { outcome, activated, ...state }
    } finally {
      await context.close()
    }
  }

  it('plays a video with its sound on load, with no gesture', { timeout: 60_000 }, async (ctx) => {
    if (!existsSync(CHROMIUM_PATH))
      ctx.skip(`no Chromium at ${CHROMIUM_PATH} (the README's test command installs it)`)
    const args = printCommand(screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: CHROMIUM_PATH })).slice(1, -1)
    const played = await autoplayIn(args)
    expect(played).toMatchObject({
      outcome: 'played',
      activated: false,
      paused: false,
      muted: false,
      volume: 1,
    })
    // The sound track was decoded, not just the picture.
    expect(played.audioBytes).toBeGreaterThan(0)
  })

  it('would not, without --autoplay-policy (the check above has teeth)', { timeout: 60_000 }, async (ctx) => {
    if (!existsSync(CHROMIUM_PATH))
      ctx.skip(`no Chromium at ${CHROMIUM_PATH} (the README's test command installs it)`)
    const args = printCommand(screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: CHROMIUM_PATH })).slice(1, -1)
    const blocked = await autoplayIn(args.filter((arg) => !arg.startsWith('--autoplay-policy=')))
    expect(blocked).toMatchObject({ outcome: 'NotAllowedError', activated: false, paused: true })
  })
})

describe('gatecast-session.sh, the X session LightDM starts', () => {
  it('turns blanking off, hands the display to systemd, keeps a window manager, and ends with X', {
    timeout: 30_000,
  }, async (ctx) => {
    if (missingX.length > 0) ctx.skip(skipWithoutX)
    // systemctl stands in for the user manager: it only writes down how it was called.
    const bin = mkdtempSync(join(scratch, 'session-bin-'))
    const calls = join(bin, 'calls.txt')
    writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\necho "$*" >> '${calls}'\n`)
    chmodSync(join(bin, 'systemctl'), 0o755)
    const called = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trimEnd().split('\n') : [])

    const xvfb = await startXvfb()
    const env = { ...process.env, DISPLAY: xvfb.display, HOME: mkdtempSync(join(scratch, 'session-home-')) }
    const session = spawn(BASH, [join(KIOSK_DIR, 'gatecast-session.sh')], {
      env: { ...env, PATH: `${bin}${delimiter}${process.env.PATH}` },
      stdio: 'ignore',
    })
    const ended = new Promise<number | null>((resolve) => session.on('exit', resolve))
    try {
      await until(() => called().includes('--user start gatecast-session.target'), 15_000, 'the target')
      expect(called()).toEqual([
        '--user import-environment DISPLAY XAUTHORITY',
        '--user start gatecast-session.target',
      ])
      const xset = execFileSync(X_TOOLS.xset as string, ['q'], { env, encoding: 'utf8' })
      // Screen saver off and not blanking; Xvfb has no DPMS to turn off, the real X does.
      expect(xset).toMatch(/prefer blanking:\s+no/)
      expect(xset).toMatch(/timeout:\s+0\s/)
    } finally {
      await stopProcess(xvfb.process)
    }
    // With X gone the session ends by itself, and takes the kiosk's target down with it.
    let over = false
    void ended.then(() => {
      over = true
    })
    try {
      await until(() => over, 10_000, 'the session to end with its X server')
    } finally {
      if (!over) session.kill('SIGKILL')
    }
    expect(called().at(-1)).toBe('--user stop gatecast-session.target')
  })
})

describe('on an X display, as the screen PC runs it', () => {
  const tools = X_TOOLS
  const missing = missingX
  let display = ''
  let server: Server
  let base = ''
  const background: ChildProcess[] = []

  beforeAll(async () => {
    if (missing.length > 0 || !existsSync(CHROMIUM_PATH)) return
    // A Vietnamese page that is one colour from edge to edge, with text only in the middle band.
    const rgb = `rgb(${BACKGROUND.r},${BACKGROUND.g},${BACKGROUND.b})`
    const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cửa khẩu Chi Ma</title>
<style>html,body{margin:0;height:100%;background:${rgb};color:#fff;font:24px sans-serif;overflow:hidden}
p{position:absolute;top:40%;left:10%;width:80%;text-align:center;margin:0}</style>
<p>Chào mừng quý khách đến cửa khẩu Chi Ma. Xin vui lòng xuất trình hộ chiếu và giấy tờ tùy thân.</p>`
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    const xvfb = await startXvfb()
    background.push(xvfb.process)
    display = xvfb.display
    const home = mkdtempSync(join(scratch, 'x-home-'))
    background.push(
      spawn(tools.openbox as string, [], {
        env: { ...process.env, DISPLAY: display, HOME: home },
        stdio: 'ignore',
      }),
    )
  })
  afterAll(async () => {
    // openbox first, then its X server.
    for (const child of background.reverse()) await stopProcess(child)
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  })

  /**
   * xwd walks the screen's windows and gives up (BadWindow) when one closes under it, as Chromium's
   * short-lived windows do; another try once no window closes under it gets the picture.
   */
  async function screenshot(): Promise<Picture> {
    let picture: Picture | undefined
    await until(
      () => {
        try {
          picture = parseXwd(
            execFileSync(tools.xwd as string, ['-root', '-silent', '-display', display], {
              timeout: 10_000,
              maxBuffer: 64 * 1024 * 1024,
              stdio: ['ignore', 'pipe', 'pipe'],
            }),
          )
          return true
        } catch (error) {
          if (!String((error as { stderr?: Buffer }).stderr).includes('BadWindow')) throw error
          return false
        }
      },
      5_000,
      'xwd to take a picture with no window closing under it',
      100,
    )
    return picture as Picture
  }

  /**
   * Takes pictures of the screen until `done` says so or `ms` pass; returns the last one and when it
   * was taken. Past `ms` with `done` still false, the pictures showed the screen without it all along.
   */
  async function watch(
    ms: number,
    done: (p: Picture) => boolean,
  ): Promise<{ picture: Picture; atMs: number }> {
    const start = Date.now()
    let last: { picture: Picture; atMs: number } | undefined
    await until(
      async () => {
        const picture = await screenshot()
        last = { picture, atMs: Date.now() - start }
        return done(picture) || last.atMs > ms
      },
      // The loop ends itself after `ms`; this bound is for a screenshot that never returns.
      ms + 30_000,
      'pictures of the screen',
      // Each picture is a whole xwd run: a few a second see a bubble come without crowding the CPU.
      250,
    )
    return last as { picture: Picture; atMs: number }
  }

  /** Chromium running, until `stop` ends it and waits for its exit. */
  function browser(command: string, args: string[], env: Record<string, string>) {
    const child = spawn(command, args, { env: { ...process.env, ...env, DISPLAY: display }, stdio: 'ignore' })
    return {
      stop: async () => {
        child.kill()
        // Chromium leaves on SIGTERM; one that hangs is killed outright.
        await until(
          () => child.exitCode !== null || child.signalCode !== null,
          5_000,
          'Chromium to exit',
        ).catch(() => child.kill('SIGKILL'))
      },
    }
  }

  /** This machine's needs (root, no GPU), handed over as the screens' own EXTRA_FLAGS would be. */
  const machineFlags = CHROMIUM_ARGS.join(' ')
  // The translate bubble sits in the top right corner of the screen; the text stays in the middle band.
  const corner = { x: PANEL.width - 400, y: 0, width: 400, height: 80 }
  const top = { x: 0, y: 0, width: PANEL.width, height: 120 }
  const bottom = { x: 0, y: PANEL.height - 80, width: PANEL.width, height: 80 }
  /** The page is drawn, down to the panel's bottom edge (without a window manager it stops short). */
  const pageUp = (p: Picture) => covered(p, bottom).length === 0

  it('fills the whole panel with the page and shows no translate bubble, which plain Chromium does show', {
    timeout: 90_000,
  }, async (ctx) => {
    if (missing.length > 0) ctx.skip(skipWithoutX)
    if (!existsSync(CHROMIUM_PATH)) ctx.skip(`no Chromium at ${CHROMIUM_PATH}`)
    const url = `${base}/`

    // Teeth: the same command line, --disable-translate and --disable-features=Translate,TranslateUI
    // included, on a profile without the kiosk's settings: Chromium 156 offers to translate all the same.
    const plain = screen({ GATECAST_URL: url, CHROMIUM: CHROMIUM_PATH, EXTRA_FLAGS: machineFlags })
    const [command, ...args] = printCommand(plain)
    rmSync(plain.profile, { recursive: true, force: true })
    const control = browser(command as string, args, { HOME: plain.home })
    const bubble = await watch(30_000, (p) => pageUp(p) && covered(p, corner).length > 0)
    await control.stop()
    await savePicture(bubble.picture, 'kiosk-plain-chromium.png')
    expect(
      covered(bubble.picture, corner).length,
      'plain Chromium shows its translate bubble',
    ).toBeGreaterThan(0)

    // The kiosk: the launch script itself, exec'ing Chromium on a fresh profile.
    const kiosk = screen({ GATECAST_URL: url, CHROMIUM: CHROMIUM_PATH, EXTRA_FLAGS: machineFlags })
    const running = browser(BASH, [SCRIPT], { HOME: kiosk.home, GATECAST_KIOSK_ENV: kiosk.envFile })
    try {
      // The page fills the panel: its background from the top edge to the bottom edge...
      const up = await watch(30_000, pageUp)
      expect(covered(up.picture, bottom)).toEqual([])
      expect(covered(up.picture, top)).toEqual([])
      // ...and stays alone on screen for twice as long as plain Chromium took to show the bubble.
      const later = await watch(Math.max(2 * bubble.atMs, 5_000), (p) => covered(p, corner).length > 0)
      await savePicture(later.picture, 'kiosk-screen.png')
      expect(covered(later.picture, corner), 'something over the top right corner').toEqual([])
      for (const [x, y] of [
        [0, 0],
        [PANEL.width - 1, 0],
        [0, PANEL.height - 1],
        [PANEL.width - 1, PANEL.height - 1],
      ] as const) {
        expect(later.picture.pixel(x, y), `pixel ${x},${y}`).toEqual(BACKGROUND)
      }
    } finally {
      await running.stop()
    }
  })
})

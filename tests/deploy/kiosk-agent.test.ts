/**
 * The kiosk agent for real (issue 20 parts 1 and 4): the bundled agent (dist/kiosk/gatecast-agent.mjs)
 * as a child process, Debian's Chromium headless with DevTools on loopback showing a real paired
 * player, and the test server. Commands from the console reach the agent; fake ddcutil, cec-client
 * and xset first on PATH record the exact arguments they were given (the hardware cannot be tested
 * here); the healing ladder is driven by a player made to fail: a crashed renderer, a blank page,
 * a browser error page. The "browser restart" really relaunches Chromium; the "reboot" records.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AgentStatus } from '@playlists/agent'
import { ROOT } from '@server/paths'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CdpSession } from '../../player/kiosk/agent/cdp'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'
import { createTestApp, seedMinimal, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { multipart } from '../helpers/files'
import { listen } from '../helpers/listen'
import { seedVideo } from '../helpers/media'
import { playerUrl, screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

const AGENT = join(ROOT, 'dist', 'kiosk', 'gatecast-agent.mjs')
const SCREEN = 'screen-a'

let t: TestApp
let dir: string
let calls: string
let port: number
let agent: ChildProcess | undefined
let agentLog = ''
let base = ''

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const script = (name: string, body: string) => {
  const path = join(dir, name)
  writeFileSync(path, `#!/bin/sh\n${body}\n`)
  chmodSync(path, 0o755)
  return path
}

/** What the fake hardware and commands recorded, one line each. */
const recorded = () => readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean)
const status = (): AgentStatus => t.app.repos.agents.find(SCREEN) as AgentStatus
const history = (action: string) =>
  t.app.repos.audit.query({ objectId: SCREEN, action, limit: 100 }).filter((e) => e.actor.kind === 'screen')
const command = (body: object) =>
  t.app.inject({ method: 'POST', url: `/api/screens/${SCREEN}/agent-commands`, payload: body })
const resultOf = (id: string) => status().results.find((r) => r.result.id === id)?.result

/** A DevTools session of our own on the kiosk's page, as a fault would strike it. */
async function page(): Promise<CdpSession> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    type: string
    url: string
    webSocketDebuggerUrl: string
  }[]
  const target = targets.find((x) => x.type === 'page' && !x.url.startsWith('chrome://'))
  if (!target) throw new Error('no page')
  return CdpSession.connect(target.webSocketDebuggerUrl)
}
async function evaluate(expression: string): Promise<unknown> {
  const session = await page()
  try {
    const { result } = await session.send<{ result: { value?: unknown } }>('Runtime.evaluate', {
      expression,
      returnByValue: true,
    })
    return result.value
  } finally {
    session.close()
  }
}
const playing = async () => {
  try {
    return (await evaluate('window.gatecast?.status')) === 'playing'
  } catch {
    return false
  }
}
const chromiumPid = () =>
  existsSync(join(dir, 'chromium.pid')) ? readFileSync(join(dir, 'chromium.pid'), 'utf8') : ''

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) return
  // The server's own Chromium renders the picture each screenshot is checked against.
  t = await createTestApp({ screenshots: { chromium: CHROMIUM_PATH } })
  await seedMinimal(t.app, SCREEN, 'pl-a')
  base = await listen(t)
  dir = mkdtempSync(join(tmpdir(), 'gatecast-agent-'))
  calls = join(dir, 'calls.log')
  writeFileSync(calls, '')
  port = await freePort()
  for (const tool of ['ddcutil', 'xset']) script(tool, 'echo "$(basename "$0") $*" >> "$CALLS"')
  script('cec-client', 'echo "cec-client $* <<< $(cat)" >> "$CALLS"')
  const flags = [
    ...CHROMIUM_ARGS,
    '--headless=new',
    `--remote-debugging-port=${port}`,
    '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${join(dir, 'profile')}`,
    '--window-size=960,540',
    '--autoplay-policy=no-user-gesture-required',
  ].join(' ')
  // The kiosk's unit, as a script: starts Chromium in a process group of its own on the player.
  script(
    'launch.sh',
    `setsid "${CHROMIUM_PATH}" ${flags} "${playerUrl(base, screenToken(t.app, SCREEN))}" >/dev/null 2>&1 </dev/null &
echo $! > "${dir}/chromium.pid"`,
  )
  // "systemctl --user restart gatecast-kiosk": stops that Chromium, waits for it to be gone, starts another.
  script(
    'restart.sh',
    `pid=$(cat "${dir}/chromium.pid")
kill -TERM "-$pid" 2>/dev/null
for i in $(seq 50); do kill -0 "-$pid" 2>/dev/null || break; sleep 0.2; done
kill -KILL "-$pid" 2>/dev/null
echo "restart-browser" >> "$CALLS"
exec "${dir}/launch.sh"`,
  )
  const env = { ...process.env, CALLS: calls, PATH: `${dir}:${process.env.PATH}`, DISPLAY: ':0' }
  execFileSync(join(dir, 'launch.sh'), { env })
  await until(playing, 60_000, 'the player playing in Chromium')
  // The screen is as large as the page Chromium gives the player (headless, its window less what
  // it keeps for itself): the shape the server renders the expected picture at.
  const [width, height] = (await evaluate('[innerWidth, innerHeight]')) as [number, number]
  const { createdAt: _c, updatedAt: _u, ...screen } = t.app.repos.screens.get(SCREEN)
  await succeed(t.app, 'PUT', `/api/screens/${SCREEN}`, { ...screen, width: width * 2, height: height * 2 })
  agent = spawn(process.execPath, [AGENT], {
    env: {
      ...env,
      GATECAST_URL: `${base}/player/`,
      DEVTOOLS_PORT: String(port),
      AGENT_STATE_DIR: join(dir, 'state'),
      AGENT_CHECK_SECONDS: '1',
      // Each step's time to work: long enough for Chromium to start again on a busy test machine.
      LADDER_GRACE_SECONDS: '15',
      RESTART_BROWSER_COMMAND: join(dir, 'restart.sh'),
      REBOOT_COMMAND: 'echo reboot >> "$CALLS"',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [agent.stdout, agent.stderr])
    stream?.on('data', (chunk) => (agentLog += String(chunk)))
  await until(
    () => status().connected,
    30_000,
    () => `the agent connected; its log:\n${agentLog}`,
  )
}, 120_000)

afterAll(async () => {
  agent?.kill('SIGTERM')
  const pid = dir ? chromiumPid() : ''
  if (pid) {
    try {
      process.kill(-Number(pid), 'SIGKILL')
    } catch {}
  }
  await t?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!existsSync(CHROMIUM_PATH))('the kiosk agent beside a real Chromium', () => {
  it('reads the player’s token from its page, connects, and applies the plan through every control found', async () => {
    await until(
      () => recorded().length >= 4,
      10_000,
      () => `the plan applied:\n${agentLog}`,
    )
    expect(status()).toMatchObject({ connected: true, version: '1' })
    expect(status().state?.hardware).toEqual(['ddcutil', 'cec-client', 'dpms'])
    expect(recorded().slice(0, 4)).toEqual([
      'ddcutil setvcp d6 01',
      'cec-client -s -d 1 <<< on 0',
      'xset dpms force on',
      'ddcutil setvcp 10 100',
    ])
    expect(history('agent.power')[0]?.detail).toBe(
      'by the plan: display on through ddcutil, cec-client, dpms',
    )
  })

  it('turns the display off and sets the brightness on command, with the exact arguments', async () => {
    const before = recorded().length
    const off = (await command({ type: 'display-power', on: false })).json()
    await until(() => resultOf(off.id) !== undefined, 10_000, 'the display-power result')
    expect(resultOf(off.id)).toMatchObject({
      ok: true,
      detail: 'display off through ddcutil, cec-client, dpms',
    })
    const dim = (await command({ type: 'brightness', level: 35 })).json()
    await until(() => resultOf(dim.id) !== undefined, 10_000, 'the brightness result')
    expect(resultOf(dim.id)).toMatchObject({ ok: true, detail: 'brightness 35 % through ddcutil' })
    expect(recorded().slice(before)).toEqual([
      'ddcutil setvcp d6 05',
      'cec-client -s -d 1 <<< standby 0',
      'xset dpms force off',
      'ddcutil setvcp 10 35',
    ])
    expect(status().state?.display).toEqual({ on: false, brightness: 35 })
    expect(history('agent.command.brightness')[0]).toMatchObject({ outcome: 'ok' })
  })

  it('follows a new plan the moment an admin sets it: closed all week turns the display off', async () => {
    // The display was left off by the command above: on again first, so the plan's "off" is a change.
    const on = (await command({ type: 'display-power', on: true })).json()
    await until(() => resultOf(on.id) !== undefined, 10_000, 'on again')
    const before = recorded().length
    const closed = {
      hours: { mode: 'weekly', days: [[], [], [], [], [], [], []] },
      brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 100 }], cap: null },
    }
    const set = (plan: object | null) =>
      t.app.inject({ method: 'PUT', url: `/api/screens/${SCREEN}/power-plan`, payload: { plan } })
    expect((await set(closed)).statusCode).toBe(200)
    await until(() => status().state?.display?.on === false, 10_000, 'the plan off')
    expect(recorded().slice(before)).toEqual([
      'ddcutil setvcp d6 05',
      'cec-client -s -d 1 <<< standby 0',
      'xset dpms force off',
    ])
    expect(history('agent.power')[0]).toMatchObject({
      outcome: 'ok',
      detail: 'by the plan: display off through ddcutil, cec-client, dpms',
    })
    await set(null)
    await until(() => status().state?.display?.on === true, 10_000, 'the plan on again')
  })

  it('captures the real frame on command, uploads it, and the server finds it is what the screen should show', async () => {
    // The plan was off a moment ago: the player must have its plan back on before the capture.
    await until(
      async () =>
        (await evaluate('window.gatecast?.power?.on === true').catch(() => false)) === true &&
        (await playing()),
      20_000,
      'the player on and playing',
    )
    const shot = (await command({ type: 'screenshot' })).json()
    // The server renders the expected picture in a Chromium of its own first: give it time.
    await until(
      () => resultOf(shot.id) !== undefined,
      60_000,
      () => `the screenshot result; agent log:\n${agentLog}`,
    )
    const newest = t.app.repos.screenshots.latest().find((x) => x.screenId === SCREEN)
    expect(resultOf(shot.id), newest?.detail).toMatchObject({
      ok: true,
      detail: 'captured 960 px wide and uploaded: as-expected',
    })
    const history = (await t.app.inject({ url: `/api/screens/${SCREEN}/screenshots` })).json()
    expect(history.items).toMatchObject([
      { reason: 'on-demand', verdict: 'as-expected', width: 960, hasExpected: true },
    ])
    // The frame it keeps for the last resort: the player's slide as Chromium composited it.
    const frame = sharp(readFileSync(join(dir, 'state', 'last-good.jpg')))
    expect(await frame.metadata()).toMatchObject({ format: 'jpeg', width: 960 })
    const { channels } = await frame.stats()
    expect(Math.max(...channels.map((c) => c.stdev))).toBeGreaterThan(5)
  }, 90_000)

  it('reloads the player on command', async () => {
    const reload = (await command({ type: 'reload' })).json()
    await until(() => resultOf(reload.id) !== undefined, 10_000, 'the reload result')
    expect(resultOf(reload.id)).toMatchObject({ ok: true, detail: 'reloaded the player' })
    await until(playing, 30_000, 'playing after the reload')
  })

  it('climbs the ladder while the player keeps failing: reload, restart the browser, reboot, the last good frame', async () => {
    const { createdAt: _c, updatedAt: _u, ...screen } = t.app.repos.screens.get(SCREEN)
    await t.app.inject({
      method: 'PUT',
      url: `/api/screens/${SCREEN}`,
      payload: { ...screen, allowReboot: true },
    })
    const step = (name: string) => history(`agent.healing.${name}`)
    // The watchdog has reloaded twice this hour already: one reload more and the agent restarts the browser.
    await evaluate(
      `localStorage.setItem('gatecast:watchdog-reloads', JSON.stringify([Date.now() - 60000, Date.now() - 30000]))`,
    )

    // 1. The renderer crashes ("Aw, Snap!"): the agent reloads the player.
    const session = await page()
    void session.send('Page.crash').catch(() => {})
    await until(
      () => step('reload').length === 1,
      30_000,
      () => `a reload; agent log:\n${agentLog}`,
    )
    session.close()
    expect(history('agent.failure')[0]?.detail).toBe('the renderer crashed ("Aw, Snap!")')
    await until(playing, 30_000, 'playing after the reload')

    // 2. The page goes blank: three reloads this hour (two the watchdog's), so the browser is restarted.
    const firstChromium = chromiumPid()
    await evaluate(
      `document.documentElement.innerHTML = ''; document.documentElement.style.background = '#fff'`,
    )
    await until(
      () => step('restart-browser').length === 1,
      30_000,
      () => `a restart; agent log:\n${agentLog}`,
    )
    expect(history('agent.failure')[0]?.detail).toBe('the page is blank')
    await until(
      () => chromiumPid() !== firstChromium && recorded().includes('restart-browser'),
      30_000,
      'relaunched',
    )
    await until(playing, 60_000, 'playing in the new Chromium')

    // 3. A browser error page: the restart did not help, so the PC reboots (allowed for this screen).
    await evaluate(`location.href = 'http://127.0.0.1:1/'`).catch(() => {})
    await until(
      () => step('reboot').length === 1,
      30_000,
      () => `a reboot; agent log:\n${agentLog}`,
    )
    expect(history('agent.failure')[0]?.detail).toBe('the browser shows an error page')
    // Said before it is done (nothing is sent once a reboot is under way), then done.
    await until(() => recorded().includes('reboot'), 10_000, 'the reboot command run')

    // 4. Still failing after the "reboot": the last good frame, full screen, instead of the error page.
    await until(
      () => step('last-good-frame').length === 1,
      30_000,
      () => `the last resort; agent log:\n${agentLog}`,
    )
    await until(
      async () => (await evaluate(`document.getElementById('last-good-frame')?.naturalWidth ?? 0`)) === 960,
      10_000,
      'the last good frame on the page',
    )
    // Nothing on the PC can help any more: a person is told, by a healing incident.
    const open = (await t.app.inject({ url: `/api/alerts/incidents?screenId=${SCREEN}` })).json().items
    expect(open).toContainEqual(expect.objectContaining({ kind: 'healing', resolvedAt: null }))
    // Each step is in the screen's history in order, by the screen itself.
    const order = t.app.repos.audit
      .query({ objectId: SCREEN, limit: 200 })
      .filter((e) => e.action.startsWith('agent.healing.'))
      .map((e) => e.action)
      .reverse()
    expect(order).toEqual([
      'agent.healing.reload',
      'agent.healing.restart-browser',
      'agent.healing.reboot',
      'agent.healing.last-good-frame',
    ])
  }, 240_000)
  it('after the last resort: the player back resolves the incident; then the agent’s frames of a video are as expected, black, and frozen', async () => {
    // The screen now plays the seed video.
    const form = multipart([
      {
        filename: 'clouds.mp4',
        contentType: 'video/mp4',
        data: readFileSync(seedVideo('border-clouds.mp4')),
      },
    ])
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/media', ...form })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    await succeed(t.app, 'POST', '/api/playlists', {
      id: 'clouds',
      name: 'Clouds',
      items: [{ id: 'v1', kind: 'video', durationMs: 600_000, mediaId: uploaded.json().id }],
    })
    await approveAndPublish(t.app, 'playlist', 'clouds')
    const { createdAt: _c, updatedAt: _u, ...screen } = t.app.repos.screens.get(SCREEN)
    await succeed(t.app, 'PUT', `/api/screens/${SCREEN}`, { ...screen, defaultPlaylistId: 'clouds' })

    // Someone at the gate opens the player again over the last good frame: the agent sees it play
    // and says so, which resolves the healing incident.
    await evaluate(`location.href = ${JSON.stringify(playerUrl(base, screenToken(t.app, SCREEN)))}`).catch(
      () => {},
    )
    const videoPlays = `(() => { const v = document.querySelector('#stage .layer.showing video');
      return !!v && !v.paused && v.readyState >= 3 && v.currentTime > 1 && v.currentTime < v.duration - 1.5 })()`
    await until(
      async () => (await evaluate(videoPlays).catch(() => false)) === true,
      60_000,
      'the video playing',
    )
    const healing = async () =>
      (await t.app.inject({ url: `/api/alerts/incidents?screenId=${SCREEN}&state=all` }))
        .json()
        .items.filter((i: { kind: string }) => i.kind === 'healing')
    await until(
      async () => (await healing()).every((i: { resolvedAt: string | null }) => i.resolvedAt !== null),
      20_000,
      () => `the healing incident resolved; agent log:\n${agentLog}`,
    )
    expect(history('agent.recovered').length).toBeGreaterThanOrEqual(1)

    const verdictOfShot = async () => {
      const shot = (await command({ type: 'screenshot' })).json()
      await until(
        () => resultOf(shot.id) !== undefined,
        60_000,
        () => `the screenshot result; agent log:\n${agentLog}`,
      )
      // With the server's reasons, for a failing assertion to show.
      const newest = t.app.repos.screenshots.latest().find((x) => x.screenId === SCREEN)
      return { detail: resultOf(shot.id)!.detail, why: newest?.detail ?? '' }
    }
    // The video as it plays: what the screen should show.
    await until(async () => (await evaluate(videoPlays)) === true, 20_000, 'the video clear of its loop')
    const shown = await verdictOfShot()
    expect(shown.detail, shown.why).toBe('captured 960 px wide and uploaded: as-expected')
    // The stage hidden on a lit screen: black.
    await evaluate(`document.getElementById('stage').style.visibility = 'hidden'`)
    const dark = await verdictOfShot()
    expect(dark.detail, dark.why).toBe('captured 960 px wide and uploaded: black')
    // Shown again but the video stopped on one frame, twice: frozen, while the video should move.
    await evaluate(`document.getElementById('stage').style.visibility = ''`)
    await until(async () => (await evaluate(videoPlays)) === true, 20_000, 'the video clear of its loop')
    // Every video on the page held still from now on, as a hung decoder would: should the player
    // put up another video element (a new document, a swap), it stops too within 50 ms.
    await evaluate(`setInterval(() => document.querySelectorAll('video').forEach((v) => v.pause()), 50)`)
    // Frozen is a capture equal to the one before it. The first capture after the pause may still
    // hold a frame drawn before it took effect on screen, so the next can differ from it once;
    // from then on the frame cannot move, and a frozen verdict must come within a few.
    const videos = `JSON.stringify([...document.querySelectorAll('#stage video')].map((v) => [v.closest('.layer')?.className, v.paused, v.currentTime]))`
    const seen: string[] = []
    let stuck = { detail: '', why: '' }
    for (let shots = 0; shots < 4 && !stuck.detail.endsWith(': frozen'); shots++) {
      stuck = await verdictOfShot()
      const hash = t.app.repos.screenshots.latest().find((x) => x.screenId === SCREEN)?.measures.gridHash
      seen.push(`${stuck.detail}; frame ${hash}; videos ${await evaluate(videos)}`)
    }
    expect(stuck.detail, `${stuck.why}\n${seen.join('\n')}`).toBe('captured 960 px wide and uploaded: frozen')
  }, 240_000)
})

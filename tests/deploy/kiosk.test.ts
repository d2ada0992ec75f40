/**
 * The screen PC's kiosk set-up (player/kiosk/). The launch script runs for real: with a fake browser that
 * records its arguments; in Debian's Chromium, headless, to prove the autoplay flag does its job; and on
 * an X display (Xvfb and openbox, where installed) to see the screen as a person would: the page edge to
 * edge, no translate bubble. The systemd units are parsed, and verified by systemd-analyze where the
 * machine has it. install.sh changes the system, so it is only syntax-checked here, and the names it
 * installs are checked against the files that refer to them.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { chromium } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium'
import { ROOT } from '../../server/paths'
import { ARTIFACTS } from '../helpers/browser'

const KIOSK_DIR = join(ROOT, 'player', 'kiosk')
const SCRIPT = join(KIOSK_DIR, 'gatecast-kiosk.sh')
const SHELL_SCRIPTS = ['gatecast-kiosk.sh', 'gatecast-session.sh', 'install.sh']
const UNITS = [
  'gatecast-kiosk.service',
  'gatecast-session.target',
  'gatecast-kiosk-restart.service',
  'gatecast-kiosk-restart.timer',
]
/** Where install.sh puts the launch script; the unit's ExecStart must name it. */
const INSTALLED_SCRIPT = '/usr/local/bin/gatecast-kiosk'
const SCREEN_URL = 'https://gatecast.langson.local/player/?screen=chi-ma-led'
const CONFIG_ERROR = 78
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg'

/** A command on PATH, or null. */
function which(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, command)
    if (dir && existsSync(path)) return path
  }
  return null
}

/** By its full path: a test runs the script with a PATH that lacks jq, and so lacks bash too. */
const BASH = which('bash') ?? '/bin/bash'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatecast-kiosk-'))
})
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------------------
// Running the launch script against a config file and a profile made for each test.
// ---------------------------------------------------------------------------------------------------------

interface Screen {
  dir: string
  envFile: string
  profile: string
  home: string
}

let screens = 0
/** A config file (each key a line, `undefined` leaves it out) and an empty profile directory. */
function screen(config: Record<string, string | undefined>): Screen {
  const dir = join(scratch, `screen-${++screens}`)
  const home = join(dir, 'home')
  const profile = join(dir, 'profile')
  mkdirSync(home, { recursive: true })
  const lines = Object.entries({ PROFILE_DIR: profile, ...config })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`)
  const envFile = join(dir, 'kiosk.env')
  writeFileSync(envFile, `# written by kiosk.test.ts\n${lines.join('\n')}\n`)
  return { dir, envFile, profile, home }
}

/**
 * A stand-in for Chromium: writes its arguments (one a line) and its pid, then exits with FAKE_EXIT.
 * A shell script, so the test needs nothing that is not on every machine.
 */
function fakeBrowser(): { path: string; argvFile: string; pidFile: string } {
  const dir = mkdtempSync(join(scratch, 'browser-'))
  const path = join(dir, 'fake-chromium')
  const argvFile = join(dir, 'argv.txt')
  const pidFile = join(dir, 'pid.txt')
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\necho $$ > '${pidFile}'\nexit "\${FAKE_EXIT:-0}"\n`,
  )
  chmodSync(path, 0o755)
  return { path, argvFile, pidFile }
}

interface Run {
  status: number | null
  pid: number | undefined
  stdout: string
  stderr: string
}

/** Runs the script with a clean environment: no DISPLAY unless given, HOME in the screen's directory. */
function run(s: Screen, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(BASH, [SCRIPT, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: s.home, GATECAST_KIOSK_ENV: s.envFile, ...env },
    encoding: 'utf8',
    timeout: 10_000,
  })
  return { status: result.status, pid: result.pid, stdout: result.stdout, stderr: result.stderr }
}

function printCommand(s: Screen, env: Record<string, string> = {}): string[] {
  const result = run(s, ['--print-command'], env)
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return result.stdout.trimEnd().split('\n')
}

/** Chromium keeps only the last --disable-features it is given. */
function disabledFeatures(args: string[]): string[] {
  const last = args.filter((arg) => arg.startsWith('--disable-features=')).at(-1)
  return last ? last.slice('--disable-features='.length).split(',') : []
}

/**
 * One check per requirement of the issue, each with the flag that meets it in the Chromium the screens
 * run (Debian's; older builds' spellings are extra and not required).
 */
const REQUIREMENTS: { requirement: string; holds: (args: string[]) => boolean }[] = [
  { requirement: 'kiosk', holds: (args) => args.includes('--kiosk') },
  {
    requirement: 'autoplay without a gesture',
    holds: (args) => args.includes('--autoplay-policy=no-user-gesture-required'),
  },
  { requirement: 'no error dialogs', holds: (args) => args.includes('--noerrdialogs') },
  { requirement: 'no crash-restore bubble', holds: (args) => args.includes('--hide-crash-restore-bubble') },
  {
    // For older builds; Chromium 156 needs the profile setting too (tested below, on a real display).
    requirement: 'no translate bar',
    holds: (args) => ['Translate', 'TranslateUI'].every((f) => disabledFeatures(args).includes(f)),
  },
  {
    requirement: 'no background networking',
    holds: (args) => args.includes('--disable-background-networking'),
  },
]

/** Preferences as Chromium leaves them after a power cut, pretty-printed or compact. */
function crashedPreferences(profile: string, pretty = false): string {
  const prefs = {
    browser: { has_seen_welcome_page: true },
    profile: { exit_type: 'Crashed', exited_cleanly: false, name: 'Gatecast' },
    session: { restore_on_startup: 5 },
  }
  const path = join(profile, 'Default', 'Preferences')
  mkdirSync(join(profile, 'Default'), { recursive: true })
  writeFileSync(path, pretty ? JSON.stringify(prefs, null, 3) : JSON.stringify(prefs))
  return path
}

/** After the script: the last exit is clean, translation is off (that edit needs jq), nothing else changed. */
function expectCleanExit(path: string, { translateOff = which('jq') !== null } = {}): void {
  const prefs = JSON.parse(readFileSync(path, 'utf8'))
  expect(prefs.profile).toEqual({ exit_type: 'Normal', exited_cleanly: true, name: 'Gatecast' })
  if (translateOff) expect(prefs.translate).toEqual({ enabled: false })
  // The rest of the profile's settings are kept as they were.
  expect(prefs.session).toEqual({ restore_on_startup: 5 })
  expect(prefs.browser).toEqual({ has_seen_welcome_page: true })
  // No temp file left beside it.
  expect(readdirSync(join(path, '..'))).toEqual(['Preferences'])
}

// ---------------------------------------------------------------------------------------------------------

describe('kiosk shell scripts', () => {
  it.each(SHELL_SCRIPTS)('%s parses (bash -n)', (file) => {
    const result = spawnSync('bash', ['-n', join(KIOSK_DIR, file)], { encoding: 'utf8' })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('pass shellcheck, where it is installed', (ctx) => {
    const shellcheck = which('shellcheck')
    if (!shellcheck) ctx.skip('shellcheck is not installed (apt-get install shellcheck)')
    const result = spawnSync(shellcheck as string, SHELL_SCRIPTS, { cwd: KIOSK_DIR, encoding: 'utf8' })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('start with bash and stop at the first error (set -euo pipefail)', () => {
    for (const file of ['gatecast-kiosk.sh', 'install.sh']) {
      const text = readFileSync(join(KIOSK_DIR, file), 'utf8')
      expect(text.startsWith('#!/usr/bin/env bash\n'), file).toBe(true)
      expect(text, file).toMatch(/^set -euo pipefail$/m)
    }
  })
})

describe('gatecast-kiosk.sh --print-command', () => {
  it('has a flag for every requirement of an unattended screen, and opens the screen’s URL last', () => {
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    const command = printCommand(s)
    const args = command.slice(1)
    for (const { requirement, holds } of REQUIREMENTS) expect(holds(args), requirement).toBe(true)
    expect(command.at(-1)).toBe(SCREEN_URL)
    expect(args).toContain(`--user-data-dir=${s.profile}`)
    // Each flag once: a duplicate hides which one Chromium takes.
    expect(new Set(args).size).toBe(args.length)
  })

  it('names the configured browser first, and /usr/bin/chromium when none is configured', () => {
    const fake = fakeBrowser()
    expect(printCommand(screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fake.path }))[0]).toBe(fake.path)
    if (existsSync('/usr/bin/chromium')) {
      expect(printCommand(screen({ GATECAST_URL: SCREEN_URL }))[0]).toBe('/usr/bin/chromium')
    }
  })

  it('defaults the profile to ~/.local/share/gatecast-kiosk and expands a ~/ in PROFILE_DIR', () => {
    const browser = fakeBrowser().path
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: browser, PROFILE_DIR: undefined })
    expect(printCommand(s)).toContain(`--user-data-dir=${s.home}/.local/share/gatecast-kiosk`)
    const tilde = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: browser, PROFILE_DIR: '~/kiosk-profile' })
    expect(printCommand(tilde)).toContain(`--user-data-dir=${tilde.home}/kiosk-profile`)
  })

  it('marks a crashed profile as cleanly exited, so no "restore pages" bubble follows a power cut', () => {
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    const prefs = crashedPreferences(s.profile)
    printCommand(s)
    expectCleanExit(prefs)
  })

  it('does the same without jq, as text, on pretty-printed Preferences', () => {
    // A PATH holding every command the script needs except jq.
    const bin = join(scratch, 'bin-without-jq')
    mkdirSync(bin, { recursive: true })
    for (const command of ['sed', 'mktemp', 'mv', 'rm', 'mkdir', 'id', 'readlink']) {
      const target = which(command)
      if (!target) throw new Error(`${command} is not on PATH`)
      if (!existsSync(join(bin, command))) symlinkSync(target, join(bin, command))
    }
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    const prefs = crashedPreferences(s.profile, true)
    expect(printCommand(s, { PATH: bin })).toContain(SCREEN_URL)
    // Translation is set off when the profile is created, which needs no jq; see the fresh-profile test.
    expectCleanExit(prefs, { translateOff: false })
  })

  it('creates a fresh profile with translation off (Chromium 156 offers it whatever the flags say)', () => {
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    expect(existsSync(s.profile)).toBe(false)
    expect(printCommand(s)).toContain(SCREEN_URL)
    const prefs = JSON.parse(readFileSync(join(s.profile, 'Default', 'Preferences'), 'utf8'))
    expect(prefs).toEqual({ translate: { enabled: false } })
  })

  it('adds no exited_cleanly where Chromium no longer writes one', () => {
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    const path = join(s.profile, 'Default', 'Preferences')
    mkdirSync(join(s.profile, 'Default'), { recursive: true })
    // What Chromium 156 leaves after a kill: exit_type only.
    writeFileSync(path, JSON.stringify({ profile: { exit_type: 'Crashed' }, translate: { enabled: true } }))
    printCommand(s)
    const prefs = JSON.parse(readFileSync(path, 'utf8'))
    expect(prefs.profile).toEqual({ exit_type: 'Normal' })
    if (which('jq')) expect(prefs.translate).toEqual({ enabled: false })
  })

  it('removes a profile lock left by another host, and keeps one a live process holds', () => {
    const stale = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    mkdirSync(stale.profile, { recursive: true })
    symlinkSync('screen-pc-imaged-elsewhere-4242', join(stale.profile, 'SingletonLock'))
    symlinkSync('/tmp/gone/SingletonSocket', join(stale.profile, 'SingletonSocket'))
    printCommand(stale)
    const singletons = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('Singleton'))
    expect(singletons(stale.profile)).toEqual([])

    const live = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    mkdirSync(live.profile, { recursive: true })
    // This test's own process stands for a running Chromium on this host.
    symlinkSync(`${hostname()}-${process.pid}`, join(live.profile, 'SingletonLock'))
    printCommand(live)
    expect(singletons(live.profile)).toEqual(['SingletonLock'])
  })

  it('merges a --disable-features from EXTRA_FLAGS into its own, and passes other extra flags on', () => {
    const s = screen({
      GATECAST_URL: SCREEN_URL,
      CHROMIUM: fakeBrowser().path,
      EXTRA_FLAGS: '--force-device-scale-factor=1 --disable-features=HardwareMediaKeyHandling',
    })
    const args = printCommand(s).slice(1)
    expect(args.filter((arg) => arg.startsWith('--disable-features='))).toHaveLength(1)
    expect(disabledFeatures(args)).toEqual(['Translate', 'TranslateUI', 'HardwareMediaKeyHandling'])
    expect(args).toContain('--force-device-scale-factor=1')
    expect(args.at(-1)).toBe(SCREEN_URL)
  })

  it('reads quoted values and a URL with & as data, never as shell code', () => {
    const marker = join(scratch, 'should-not-exist')
    const url = `${SCREEN_URL}&lang=vi`
    const s = screen({
      GATECAST_URL: `"${url}"`,
      CHROMIUM: `'${fakeBrowser().path}'`,
      // ${IFS} rather than a space, which would split the flag in two before any shell could run it.
      EXTRA_FLAGS: `--lang=vi$(touch\${IFS}${marker})`,
    })
    const command = printCommand(s)
    expect(command.at(-1)).toBe(url)
    expect(command).toContain(`--lang=vi$(touch\${IFS}${marker})`)
    expect(existsSync(marker)).toBe(false)
  })

  it('warns, but starts, when the server is plain http and not this machine', () => {
    const browser = fakeBrowser().path
    const remote = run(
      screen({ GATECAST_URL: 'http://gatecast.langson.local/player/?screen=x', CHROMIUM: browser }),
      ['--print-command'],
    )
    expect(remote.status).toBe(0)
    expect(remote.stderr).toMatch(/HTTPS/)
    const local = run(screen({ GATECAST_URL: 'http://127.0.0.1:8080/player/?screen=x', CHROMIUM: browser }), [
      '--print-command',
    ])
    expect(local.status).toBe(0)
    expect(local.stderr).toBe('')
  })
})

describe('gatecast-kiosk.sh refuses a configuration that cannot work, with exit 78 and a reason', () => {
  const cases: { what: string; config: Record<string, string | undefined>; message: RegExp }[] = [
    { what: 'no URL', config: { GATECAST_URL: undefined }, message: /GATECAST_URL is not set/ },
    { what: 'an empty URL', config: { GATECAST_URL: '' }, message: /GATECAST_URL is not set/ },
    {
      what: 'a URL that is not http(s)',
      config: { GATECAST_URL: 'ftp://gatecast.langson.local/player/?screen=chi-ma-led' },
      message: /http:\/\/ or https:\/\//,
    },
    {
      what: 'a URL without a scheme',
      config: { GATECAST_URL: 'gatecast.langson.local/player/?screen=chi-ma-led' },
      message: /http:\/\/ or https:\/\//,
    },
    {
      what: 'a URL with a space in it',
      config: { GATECAST_URL: 'https://gatecast.langson.local/player/?screen=chi ma' },
      message: /space/,
    },
    {
      what: 'a URL without ?screen=',
      config: { GATECAST_URL: 'https://gatecast.langson.local/player/' },
      message: /screen=<id>/,
    },
    {
      what: 'a browser that is not there',
      config: { CHROMIUM: '/nonexistent/chromium' },
      message: /CHROMIUM=\/nonexistent\/chromium is not an executable file/,
    },
    {
      what: 'a misspelt setting',
      config: { GATECAST_ULR: SCREEN_URL },
      message: /unknown setting GATECAST_ULR/,
    },
    { what: 'a relative profile path', config: { PROFILE_DIR: 'profile' }, message: /absolute path/ },
    {
      what: '--incognito, which would discard the offline cache',
      config: { EXTRA_FLAGS: '--incognito' },
      message: /offline cache/,
    },
  ]

  it.each(cases)('$what', ({ config, message }) => {
    const fake = fakeBrowser()
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fake.path, ...config })
    for (const args of [['--print-command'], []]) {
      rmSync(fake.argvFile, { force: true })
      const result = run(s, args, { DISPLAY: ':99' })
      expect(result.status).toBe(CONFIG_ERROR)
      expect(result.stderr).toMatch(message)
      expect(result.stdout).toBe('')
      expect(existsSync(fake.argvFile), 'the browser must not start').toBe(false)
    }
  })

  it('a line that is not KEY=value', () => {
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fakeBrowser().path })
    writeFileSync(s.envFile, `${readFileSync(s.envFile, 'utf8')}this is not a setting\n`)
    const result = run(s, ['--print-command'])
    expect(result.status).toBe(CONFIG_ERROR)
    expect(result.stderr).toMatch(/line 5: expected KEY=value/)
  })

  it('no config file at all', () => {
    const s = screen({})
    const result = run(s, ['--print-command'], { GATECAST_KIOSK_ENV: join(s.dir, 'missing.env') })
    expect(result.status).toBe(CONFIG_ERROR)
    expect(result.stderr).toMatch(/no configuration at .*missing\.env/)
  })

  it('the template install.sh writes, until GATECAST_URL is filled in; its other settings are all known', () => {
    const template = readFileSync(join(KIOSK_DIR, 'kiosk.env.example'), 'utf8')
    const s = screen({})
    writeFileSync(s.envFile, template)
    const untouched = run(s, ['--print-command'])
    expect(untouched.status).toBe(CONFIG_ERROR)
    expect(untouched.stderr).toMatch(/GATECAST_URL is not set/)

    // Filled in, with every commented-out setting switched on (the browser and profile made local).
    const filled = template
      .replace(/^GATECAST_URL=$/m, `GATECAST_URL=${SCREEN_URL}`)
      .replace(/^#([A-Z_]+=)/gm, '$1')
      .replace(/^CHROMIUM=.*$/m, `CHROMIUM=${fakeBrowser().path}`)
      .replace(/^PROFILE_DIR=.*$/m, `PROFILE_DIR=${s.profile}`)
    expect(filled).toMatch(/^EXTRA_FLAGS=/m)
    writeFileSync(s.envFile, filled)
    expect(printCommand(s).at(-1)).toBe(SCREEN_URL)
  })
})

describe('gatecast-kiosk.sh launching', () => {
  it('execs the browser with the printed command, so systemd supervises Chromium itself', () => {
    const fake = fakeBrowser()
    const s = screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fake.path })
    const prefs = crashedPreferences(s.profile)
    const printed = printCommand(s)
    crashedPreferences(s.profile)

    const result = run(s, [], { DISPLAY: ':99', FAKE_EXIT: '7' })
    // The browser's own exit status comes back, and it ran in the script's process: exec, not a child.
    expect(result.status).toBe(7)
    expect(Number(readFileSync(fake.pidFile, 'utf8'))).toBe(result.pid)
    expect(readFileSync(fake.argvFile, 'utf8').trimEnd().split('\n')).toEqual(printed.slice(1))
    expectCleanExit(prefs)
    expect(result.stderr).toContain(`starting ${fake.path} on ${SCREEN_URL}`)
  })

  it('without a display, says so and exits 1, a failure systemd retries', () => {
    const fake = fakeBrowser()
    const result = run(screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: fake.path }), [])
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/no display/)
    expect(existsSync(fake.argvFile)).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------------------
// systemd units: a small INI reader (sections of repeatable keys), enough for unit files.
// ---------------------------------------------------------------------------------------------------------

type Unit = Record<string, Record<string, string[]>>

function parseUnit(text: string): Unit {
  const unit: Unit = {}
  let section: Record<string, string[]> | undefined
  let pending = ''
  for (const raw of text.split('\n')) {
    const line = pending + raw.trim()
    pending = ''
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    if (line.endsWith('\\')) {
      pending = `${line.slice(0, -1)} `
      continue
    }
    const header = /^\[(.+)\]$/.exec(line)
    if (header) {
      unit[header[1] as string] ??= {}
      section = unit[header[1] as string]
      continue
    }
    const eq = line.indexOf('=')
    if (!section || eq < 0) throw new Error(`not a unit file line: ${line}`)
    const key = line.slice(0, eq).trim()
    section[key] = [...(section[key] ?? []), line.slice(eq + 1).trim()]
  }
  return unit
}

const units: Record<string, Unit> = Object.fromEntries(
  UNITS.map((name) => [name, parseUnit(readFileSync(join(KIOSK_DIR, name), 'utf8'))]),
)

/** The single value of a key (the last, as systemd takes for most keys). */
function value(unit: string, section: string, key: string): string | undefined {
  return units[unit]?.[section]?.[key]?.at(-1)
}

/** A key's values as a list of words, as systemd reads After=, WantedBy= and the like. */
function words(unit: string, section: string, key: string): string[] {
  return (units[unit]?.[section]?.[key] ?? []).flatMap((v) => v.split(/\s+/).filter(Boolean))
}

/** systemd time spans as these units write them: `600`, `3s`, `10min`. */
function seconds(span: string | undefined): number {
  const match = /^(\d+)\s*(s|sec|min|m|h)?$/.exec(span ?? '')
  if (!match) throw new Error(`not a time span: ${span}`)
  const n = Number(match[1])
  return match[2] === 'min' || match[2] === 'm' ? n * 60 : match[2] === 'h' ? n * 3600 : n
}

describe('gatecast-kiosk.service', () => {
  const unit = 'gatecast-kiosk.service'

  it('runs the installed launch script and restarts it whatever way it ends, after 3 s', () => {
    expect(units[unit]?.Service?.ExecStart).toEqual([INSTALLED_SCRIPT])
    expect(value(unit, 'Service', 'Restart')).toBe('always')
    expect(seconds(value(unit, 'Service', 'RestartSec'))).toBe(3)
  })

  it('does not retry a configuration the script refused (exit 78)', () => {
    expect(words(unit, 'Service', 'RestartPreventExitStatus')).toEqual([String(CONFIG_ERROR)])
  })

  it('gives up on a crash loop, but never on a browser that crashes once after hours of playing', () => {
    const interval = seconds(value(unit, 'Unit', 'StartLimitIntervalSec'))
    const burst = Number(value(unit, 'Unit', 'StartLimitBurst'))
    const restartSec = seconds(value(unit, 'Service', 'RestartSec'))
    // A browser dying at once is restarted every RestartSec; `burst` such starts fit in the window, so
    // the limit is reached and the unit stops spinning.
    expect(burst * restartSec).toBeLessThan(interval)
    // A crash at 3 a.m. after a day of playing is far outside the window: it is simply restarted.
    expect(interval).toBeLessThanOrEqual(3600)
    expect(burst).toBeGreaterThanOrEqual(3)
  })

  it('runs in the graphical session, and only in the Gatecast one', () => {
    expect(words(unit, 'Unit', 'After')).toContain('graphical-session.target')
    expect(words(unit, 'Unit', 'PartOf')).toContain('graphical-session.target')
    expect(words(unit, 'Install', 'WantedBy')).toEqual(['gatecast-session.target'])
    // A user unit: User= would be refused by the user manager.
    expect(units[unit]?.Service?.User).toBeUndefined()
    const target = 'gatecast-session.target'
    expect(words(target, 'Unit', 'BindsTo')).toEqual(['graphical-session.target'])
    // The session script starts that target once the display is known to systemd.
    const session = readFileSync(join(KIOSK_DIR, 'gatecast-session.sh'), 'utf8')
    expect(session).toMatch(/systemctl --user import-environment DISPLAY/)
    expect(session).toMatch(/systemctl --user start gatecast-session\.target/)
  })
})

describe('nightly restart', () => {
  it('restarts the browser at 04:00 each day, resetting a unit that gave up', () => {
    expect(value('gatecast-kiosk-restart.timer', 'Timer', 'OnCalendar')).toBe('*-*-* 04:00:00')
    expect(value('gatecast-kiosk-restart.timer', 'Timer', 'Persistent')).toBe('false')
    // With no Unit=, a timer starts the service of its own name.
    expect(value('gatecast-kiosk-restart.timer', 'Timer', 'Unit')).toBeUndefined()
    expect(words('gatecast-kiosk-restart.timer', 'Install', 'WantedBy')).toEqual(['gatecast-session.target'])
    const steps = units['gatecast-kiosk-restart.service']?.Service?.ExecStart ?? []
    expect(steps).toEqual([
      '-/usr/bin/systemctl --user reset-failed gatecast-kiosk.service',
      '/usr/bin/systemctl --user restart gatecast-kiosk.service',
    ])
    expect(value('gatecast-kiosk-restart.service', 'Service', 'Type')).toBe('oneshot')
  })
})

describe('systemd-analyze verify --user', () => {
  const analyze = which('systemd-analyze')

  it('finds nothing to say about the units, and would catch a misspelt key', (ctx) => {
    if (!analyze) ctx.skip('systemd-analyze is not installed on this machine (package systemd)')
    const dir = mkdtempSync(join(scratch, 'units-'))
    for (const name of UNITS) copyFileSync(join(KIOSK_DIR, name), join(dir, name))
    // verify checks that ExecStart's program exists; before install.sh it is the script in the repository.
    const service = join(dir, 'gatecast-kiosk.service')
    writeFileSync(
      service,
      readFileSync(service, 'utf8').replace(`ExecStart=${INSTALLED_SCRIPT}`, `ExecStart=${SCRIPT}`),
    )
    const verify = () =>
      spawnSync(analyze as string, ['verify', '--user', '--man=no', ...UNITS.map((n) => join(dir, n))], {
        // The user manager it simulates wants a runtime directory, which CI's root has none of.
        env: { ...process.env, XDG_RUNTIME_DIR: mkdtempSync(join(scratch, 'runtime-')), SYSTEMD_PAGER: '' },
        encoding: 'utf8',
        timeout: 30_000,
      })
    const clean = verify()
    expect(clean.stdout + clean.stderr).toBe('')
    expect(clean.status).toBe(0)

    writeFileSync(service, `${readFileSync(service, 'utf8')}\n[Service]\nRestrat=always\n`)
    expect(verify().stderr).toMatch(/Unknown key.*Restrat/)
  })
})

describe('what install.sh installs', () => {
  const install = readFileSync(join(KIOSK_DIR, 'install.sh'), 'utf8')

  it('every file in player/kiosk/ (a new unit or script cannot be forgotten)', () => {
    const shipped = readdirSync(KIOSK_DIR).filter((file) => file !== 'install.sh')
    for (const file of shipped) expect(install, file).toContain(file)
  })

  it('the launch script where the unit runs it, and the units where the user manager finds them', () => {
    expect(install).toContain(`"$here/gatecast-kiosk.sh" ${INSTALLED_SCRIPT}`)
    expect(install).toMatch(/install -D -m 0644 "\$here\/\$unit" "\/etc\/systemd\/user\/\$unit"/)
    expect(install).toMatch(/systemctl --global enable gatecast-kiosk\.service gatecast-kiosk-restart\.timer/)
  })

  it('a LightDM autologin into the session whose script starts the kiosk', () => {
    const lightdm = readFileSync(join(KIOSK_DIR, 'lightdm-gatecast.conf'), 'utf8')
    expect(lightdm).toMatch(/^autologin-user=gatecast$/m)
    expect(lightdm).toMatch(/^autologin-session=gatecast$/m)
    // X with no cursor, no screen saver and no display power management.
    expect(lightdm).toMatch(/^xserver-command=X -nocursor -s 0 -dpms$/m)
    // The session named there is the desktop file installed as gatecast.desktop, and its Exec is where
    // install.sh puts the session script.
    expect(install).toContain('"$here/gatecast-session.desktop" /usr/share/xsessions/gatecast.desktop')
    const desktop = readFileSync(join(KIOSK_DIR, 'gatecast-session.desktop'), 'utf8')
    const exec = /^Exec=(.+)$/m.exec(desktop)?.[1]
    expect(install).toContain(`"$here/gatecast-session.sh" ${exec}`)
  })

  it('never overwrites an existing kiosk.env', () => {
    expect(install).toMatch(/if \[\[ -e \$ENV_FILE \]\]; then\n\s+echo "kept \$ENV_FILE"/)
  })

  it('a Chromium policy whose every key this Chromium knows', (ctx) => {
    const policy = JSON.parse(readFileSync(join(KIOSK_DIR, 'chromium-policy.json'), 'utf8'))
    expect(policy).toMatchObject({ TranslateEnabled: false, AutoplayAllowed: true })
    expect(install).toContain('/etc/chromium/policies/managed/')
    // Debian's wrapper is a shell script; the browser binary holds the policy names as strings.
    const binary = '/usr/lib/chromium/chromium'
    if (!existsSync(binary)) ctx.skip(`no ${binary} to look the policy names up in`)
    const keys = Object.keys(policy)
    const found = spawnSync('grep', ['-a', '-o', '-F', ...keys.flatMap((key) => ['-e', key]), binary], {
      encoding: 'latin1',
      maxBuffer: 64 * 1024 * 1024,
    })
    const names = new Set(found.stdout.split('\n'))
    for (const key of keys) expect(names.has(key), key).toBe(true)
  })
})

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

// ---------------------------------------------------------------------------------------------------------
// On a real X display, as the screen PC runs it: Xvfb for the panel, openbox as the session's window
// manager, the launch script exec'ing Debian's Chromium, and xwd to see the screen as a person would.
// The bubbles and bars are browser UI, outside the page: only a picture of the whole screen shows them.
// ---------------------------------------------------------------------------------------------------------

/** The page's background: every pixel of a screen showing only the page is this colour. */
const BACKGROUND = { r: 0x0a, g: 0x3d, b: 0x62 }
const PANEL = { width: 1024, height: 576 }

interface Picture {
  width: number
  height: number
  pixel: (x: number, y: number) => { r: number; g: number; b: number }
}

/** Kept in tests/artifacts/ for a person to look at. */
async function savePicture(picture: Picture, name: string): Promise<void> {
  const raw = Buffer.alloc(picture.width * picture.height * 3)
  for (let y = 0; y < picture.height; y++) {
    for (let x = 0; x < picture.width; x++) {
      const { r, g, b } = picture.pixel(x, y)
      raw.set([r, g, b], (y * picture.width + x) * 3)
    }
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  await sharp(raw, { raw: { width: picture.width, height: picture.height, channels: 3 } })
    .png()
    .toFile(join(ARTIFACTS, name))
}

/** An XWD screenshot (ZPixmap, 24-bit TrueColor in 32-bit pixels, as Xvfb's root window is). */
function parseXwd(data: Buffer): Picture {
  const field = (i: number) => data.readUInt32BE(i * 4)
  const [headerSize, format, depth, width, height] = [field(0), field(2), field(3), field(4), field(5)]
  const [byteOrder, bitsPerPixel, bytesPerLine, ncolors] = [field(7), field(11), field(12), field(19)]
  if (format !== 2 || depth !== 24 || bitsPerPixel !== 32) {
    throw new Error(`unexpected XWD: format ${format}, depth ${depth}, ${bitsPerPixel} bits per pixel`)
  }
  const [redMask, greenMask, blueMask] = [field(14), field(15), field(16)]
  const shift = (mask: number) => Math.log2(mask & -mask)
  const pixels = headerSize + ncolors * 12
  return {
    width,
    height,
    pixel: (x, y) => {
      const at = pixels + y * bytesPerLine + x * 4
      const v = byteOrder === 0 ? data.readUInt32LE(at) : data.readUInt32BE(at)
      return {
        r: ((v & redMask) >>> shift(redMask)) & 0xff,
        g: ((v & greenMask) >>> shift(greenMask)) & 0xff,
        b: ((v & blueMask) >>> shift(blueMask)) & 0xff,
      }
    },
  }
}

/** The points of the screen, on a 16-pixel grid, that are not the page's background. */
function covered(picture: Picture, region = { x: 0, y: 0, width: picture.width, height: picture.height }) {
  const points: { x: number; y: number }[] = []
  const xs = [region.x, region.x + region.width - 1]
  const ys = [region.y, region.y + region.height - 1]
  for (let x = region.x; x < region.x + region.width; x += 16) xs.push(x)
  for (let y = region.y; y < region.y + region.height; y += 16) ys.push(y)
  for (const x of xs) {
    for (const y of ys) {
      const { r, g, b } = picture.pixel(x, y)
      if (Math.abs(r - BACKGROUND.r) + Math.abs(g - BACKGROUND.g) + Math.abs(b - BACKGROUND.b) > 6) {
        points.push({ x, y })
      }
    }
  }
  return points
}

const X_TOOLS = { Xvfb: which('Xvfb'), openbox: which('openbox'), xwd: which('xwd'), xset: which('xset') }
const X_PACKAGES = { Xvfb: 'xvfb', openbox: 'openbox', xwd: 'x11-apps', xset: 'x11-xserver-utils' }
const missingX = Object.entries(X_TOOLS)
  .filter(([, path]) => !path)
  .map(([name]) => name as keyof typeof X_TOOLS)
const skipWithoutX = `needs ${missingX.join(', ')}: apt-get install ${missingX.map((m) => X_PACKAGES[m]).join(' ')}`

/** A virtual panel: Xvfb picks a free display and writes its number on fd 3; -nocursor as the kiosk's X runs. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(
    X_TOOLS.Xvfb as string,
    ['-displayfd', '3', '-screen', '0', `${PANEL.width}x${PANEL.height}x24`, '-nocursor', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
  )
  const display = await new Promise<string>((resolve, reject) => {
    let text = ''
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(`:${text.trim()}`)
    })
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)))
  })
  return { display, process: xvfb }
}

/** Stops a process (an Xvfb: until its display number and lock file are free for the next one). */
async function stopProcess(xvfb: ChildProcess): Promise<void> {
  if (xvfb.exitCode !== null || xvfb.signalCode !== null) return
  const exited = new Promise((resolve) => xvfb.once('exit', resolve))
  xvfb.kill()
  await exited
}

/** Resolves when `predicate` holds, polling; rejects after `ms`. */
async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

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
    const status = await Promise.race([
      ended,
      new Promise((r) => setTimeout(() => r('still running'), 10_000)),
    ])
    if (status === 'still running') session.kill('SIGKILL')
    expect(status).not.toBe('still running')
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
   * short-lived windows do; a second try a moment later gets the picture.
   */
  async function screenshot(): Promise<Picture> {
    for (let attempt = 1; ; attempt++) {
      try {
        return parseXwd(
          execFileSync(tools.xwd as string, ['-root', '-silent', '-display', display], {
            timeout: 10_000,
            maxBuffer: 64 * 1024 * 1024,
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        )
      } catch (error) {
        if (attempt >= 5 || !String((error as { stderr?: Buffer }).stderr).includes('BadWindow')) throw error
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }

  /** Polls the screen until `done` says so or `ms` pass; returns the last picture and when it was taken. */
  async function watch(
    ms: number,
    done: (p: Picture) => boolean,
  ): Promise<{ picture: Picture; atMs: number }> {
    const start = Date.now()
    for (;;) {
      const picture = await screenshot()
      const atMs = Date.now() - start
      if (done(picture) || atMs > ms) return { picture, atMs }
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  /** Chromium running, until `stop` ends it and waits for its exit. */
  function browser(command: string, args: string[], env: Record<string, string>) {
    const child = spawn(command, args, { env: { ...process.env, ...env, DISPLAY: display }, stdio: 'ignore' })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    return {
      stop: async () => {
        child.kill()
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
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
    const url = `${base}/?screen=chi-ma-led`

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

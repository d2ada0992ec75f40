/**
 * Shared helpers for the kiosk tests (tests/player/kiosk-*.test.ts): the screen PC's
 * kiosk set-up (player/kiosk/). The launch script runs for real: with a fake browser that records its
 * arguments; in Debian's Chromium, headless, to prove the autoplay flag does its job; and on an X display
 * (Xvfb and openbox, where installed) to see the screen as a person would: the page edge to edge, no
 * translate bubble. The systemd units are parsed, and verified by systemd-analyze where the machine has it.
 * install.sh changes the system, so it is only syntax-checked here, and the names it installs are checked
 * against the files that refer to them.
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { ROOT } from '@server/paths'
import { afterAll, beforeAll, expect } from 'vitest'

export const KIOSK_DIR = join(ROOT, 'player', 'kiosk')
export const SCRIPT = join(KIOSK_DIR, 'gatecast-kiosk.sh')
export const SHELL_SCRIPTS = ['gatecast-kiosk.sh', 'gatecast-session.sh', 'install.sh']
export const UNITS = [
  'gatecast-kiosk.service',
  'gatecast-session.target',
  'gatecast-kiosk-restart.service',
  'gatecast-kiosk-restart.timer',
  'gatecast-agent.service',
]
/** Where install.sh puts the launch script; the unit's ExecStart must name it. */
export const INSTALLED_SCRIPT = '/usr/local/bin/gatecast-kiosk'
export const SCREEN_URL = 'https://gatecast.langson.local/player/'
export const CONFIG_ERROR = 78
export const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg'

/** A command on PATH, or null. */
export function which(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, command)
    if (dir && existsSync(path)) return path
  }
  return null
}

/** By its full path: a test runs the script with a PATH that lacks jq, and so lacks bash too. */
export const BASH = which('bash') ?? '/bin/bash'

export let scratch: string
/** A scratch directory for the calling test file, made before its tests and removed after them. */
export function useScratch(): void {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'gatecast-kiosk-'))
  })
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true })
  })
}

// ---------------------------------------------------------------------------------------------------------
// Running the launch script against a config file and a profile made for each test.
// ---------------------------------------------------------------------------------------------------------

export interface Screen {
  dir: string
  envFile: string
  profile: string
  home: string
}

let screens = 0
/** A config file (each key a line, `undefined` leaves it out) and an empty profile directory. */
export function screen(config: Record<string, string | undefined>): Screen {
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
export function fakeBrowser(): { path: string; argvFile: string; pidFile: string } {
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

export interface Run {
  status: number | null
  pid: number | undefined
  stdout: string
  stderr: string
}

/** Runs the script with a clean environment: no DISPLAY unless given, HOME in the screen's directory. */
export function run(s: Screen, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(BASH, [SCRIPT, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: s.home, GATECAST_KIOSK_ENV: s.envFile, ...env },
    encoding: 'utf8',
    timeout: 10_000,
  })
  return { status: result.status, pid: result.pid, stdout: result.stdout, stderr: result.stderr }
}

export function printCommand(s: Screen, env: Record<string, string> = {}): string[] {
  const result = run(s, ['--print-command'], env)
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return result.stdout.trimEnd().split('\n')
}

/** Chromium keeps only the last --disable-features it is given. */
export function disabledFeatures(args: string[]): string[] {
  const last = args.filter((arg) => arg.startsWith('--disable-features=')).at(-1)
  return last ? last.slice('--disable-features='.length).split(',') : []
}

/**
 * One check per requirement of the issue, each with the flag that meets it in the Chromium the screens
 * run (Debian's; older builds' spellings are extra and not required).
 */
export const REQUIREMENTS: { requirement: string; holds: (args: string[]) => boolean }[] = [
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
export function crashedPreferences(profile: string, pretty = false): string {
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
export function expectCleanExit(path: string, { translateOff = which('jq') !== null } = {}): void {
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
// systemd units: a small INI reader (sections of repeatable keys), enough for unit files.
// ---------------------------------------------------------------------------------------------------------

export type Unit = Record<string, Record<string, string[]>>

export function parseUnit(text: string): Unit {
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

export const units: Record<string, Unit> = Object.fromEntries(
  UNITS.map((name) => [name, parseUnit(readFileSync(join(KIOSK_DIR, name), 'utf8'))]),
)

/** The single value of a key (the last, as systemd takes for most keys). */
export function value(unit: string, section: string, key: string): string | undefined {
  return units[unit]?.[section]?.[key]?.at(-1)
}

/** A key's values as a list of words, as systemd reads After=, WantedBy= and the like. */
export function words(unit: string, section: string, key: string): string[] {
  return (units[unit]?.[section]?.[key] ?? []).flatMap((v) => v.split(/\s+/).filter(Boolean))
}

/** systemd time spans as these units write them: `600`, `3s`, `10min`. */
export function seconds(span: string | undefined): number {
  const match = /^(\d+)\s*(s|sec|min|m|h)?$/.exec(span ?? '')
  if (!match) throw new Error(`not a time span: ${span}`)
  const n = Number(match[1])
  return match[2] === 'min' || match[2] === 'm' ? n * 60 : match[2] === 'h' ? n * 3600 : n
}

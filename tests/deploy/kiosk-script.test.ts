/**
 * The kiosk launch script, player/kiosk/gatecast-kiosk.sh, run for real against a fake browser that
 * records its arguments: its flags, the configurations it refuses, the Preferences it rewrites, and its exec.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_ERROR,
  crashedPreferences,
  disabledFeatures,
  expectCleanExit,
  fakeBrowser,
  KIOSK_DIR,
  printCommand,
  REQUIREMENTS,
  run,
  SCREEN_URL,
  scratch,
  screen,
  useScratch,
  which,
} from '../helpers/kiosk'

useScratch()

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

  it('opens DevTools for the kiosk agent on loopback only, at DEVTOOLS_PORT (9222 unless set)', () => {
    const browser = fakeBrowser().path
    const args = printCommand(screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: browser }))
    expect(args).toContain('--remote-debugging-port=9222')
    expect(args).toContain('--remote-debugging-address=127.0.0.1')
    const other = printCommand(screen({ GATECAST_URL: SCREEN_URL, CHROMIUM: browser, DEVTOOLS_PORT: '9333' }))
    expect(other).toContain('--remote-debugging-port=9333')
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
    const remote = run(screen({ GATECAST_URL: 'http://gatecast.langson.local/player/', CHROMIUM: browser }), [
      '--print-command',
    ])
    expect(remote.status).toBe(0)
    expect(remote.stderr).toMatch(/HTTPS/)
    const local = run(screen({ GATECAST_URL: 'http://127.0.0.1:8080/player/', CHROMIUM: browser }), [
      '--print-command',
    ])
    expect(local.status).toBe(0)
    expect(local.stderr).toBe('')
  })

  it('warns, but starts, when the URL still names a screen: pairing chooses it now', () => {
    const legacy = run(
      screen({
        GATECAST_URL: 'https://gatecast.langson.local/player/?screen=chi-ma-led',
        CHROMIUM: fakeBrowser().path,
      }),
      ['--print-command'],
    )
    expect(legacy.status).toBe(0)
    expect(legacy.stderr).toMatch(/ignores.*pairing/)
  })
})

describe('gatecast-kiosk.sh refuses a configuration that cannot work, with exit 78 and a reason', () => {
  const cases: { what: string; config: Record<string, string | undefined>; message: RegExp }[] = [
    { what: 'no URL', config: { GATECAST_URL: undefined }, message: /GATECAST_URL is not set/ },
    { what: 'an empty URL', config: { GATECAST_URL: '' }, message: /GATECAST_URL is not set/ },
    {
      what: 'a URL that is not http(s)',
      config: { GATECAST_URL: 'ftp://gatecast.langson.local/player/' },
      message: /http:\/\/ or https:\/\//,
    },
    {
      what: 'a URL without a scheme',
      config: { GATECAST_URL: 'gatecast.langson.local/player/' },
      message: /http:\/\/ or https:\/\//,
    },
    {
      what: 'a URL with a space in it',
      config: { GATECAST_URL: 'https://gatecast.langson.local/player/?lang=vi en' },
      message: /space/,
    },
    {
      what: 'a URL carrying a token, which would outlive its revocation',
      config: { GATECAST_URL: `https://gatecast.langson.local/player/#token=gcd_${'a'.repeat(43)}` },
      message: /must not carry a token/,
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
    { what: 'a DevTools port that is no port', config: { DEVTOOLS_PORT: '80' }, message: /DEVTOOLS_PORT/ },
    { what: 'a DevTools port past 65535', config: { DEVTOOLS_PORT: '70000' }, message: /DEVTOOLS_PORT/ },
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

/**
 * The kiosk's shell scripts (bash -n, shellcheck) and systemd units (parsed, and verified by systemd-analyze
 * where the machine has it), and what install.sh installs, checked against the files that refer to it.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_ERROR,
  INSTALLED_SCRIPT,
  KIOSK_DIR,
  SCRIPT,
  SHELL_SCRIPTS,
  scratch,
  seconds,
  UNITS,
  units,
  useScratch,
  value,
  which,
  words,
} from '../helpers/kiosk'

useScratch()

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

describe('gatecast-agent.service', () => {
  const unit = 'gatecast-agent.service'

  it('runs the installed agent bundle with Node, on the kiosk’s settings, in the kiosk’s session', () => {
    expect(units[unit]?.Service?.ExecStart).toEqual([
      '/usr/bin/node /usr/local/lib/gatecast/gatecast-agent.mjs',
    ])
    expect(value(unit, 'Service', 'EnvironmentFile')).toBe('/etc/gatecast/kiosk.env')
    expect(value(unit, 'Service', 'Restart')).toBe('always')
    expect(words(unit, 'Service', 'RestartPreventExitStatus')).toEqual([String(CONFIG_ERROR)])
    expect(words(unit, 'Install', 'WantedBy')).toEqual(['gatecast-session.target'])
  })

  it('is installed and enabled by install.sh with the bundle it runs', () => {
    const install = readFileSync(join(KIOSK_DIR, 'install.sh'), 'utf8')
    expect(install).toContain('install -D -m 0644 "$agent_bundle" /usr/local/lib/gatecast/gatecast-agent.mjs')
    expect(install).toMatch(/systemctl --global enable [^\n]*gatecast-agent\.service/)
  })
})

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

import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DEFAULT_REBOOT,
  DEFAULT_RESTART_BROWSER,
  readSettings,
} from '../../../player/kiosk/agent/config'

/** The kiosk agent's settings from kiosk.env (player/kiosk/agent/config.ts). */

const URL_ONLY = { GATECAST_URL: 'https://gatecast.langson.local/player/', HOME: '/home/gatecast' }

describe('the kiosk agent’s settings', () => {
  it('needs only the player address; DevTools is on loopback at 9222, the state under ~/.local/state', () => {
    const settings = readSettings(URL_ONLY)
    expect(settings).toMatchObject({
      devtools: 'http://127.0.0.1:9222',
      stateDir: '/home/gatecast/.local/state/gatecast-agent',
      restartBrowserCommand: DEFAULT_RESTART_BROWSER,
      rebootCommand: DEFAULT_REBOOT,
      checkMs: 30_000,
      ladderGraceMs: null,
    })
    expect(settings.playerUrl.origin).toBe('https://gatecast.langson.local')
  })

  it('takes the port, the commands, the check interval and the grace from the file', () => {
    const settings = readSettings({
      ...URL_ONLY,
      DEVTOOLS_PORT: '9333',
      RESTART_BROWSER_COMMAND: 'restart-it',
      REBOOT_COMMAND: 'reboot-it',
      AGENT_CHECK_SECONDS: '5',
      LADDER_GRACE_SECONDS: '90',
    })
    expect(settings).toMatchObject({
      devtools: 'http://127.0.0.1:9333',
      restartBrowserCommand: 'restart-it',
      rebootCommand: 'reboot-it',
      checkMs: 5_000,
      ladderGraceMs: 90_000,
    })
  })

  it.each([
    [{}, /GATECAST_URL is not set/],
    [{ GATECAST_URL: 'gatecast.langson.local/player/' }, /GATECAST_URL is not set/],
    [{ GATECAST_URL: 'ftp://gatecast.langson.local/' }, /must be http\(s\)/],
    [{ ...URL_ONLY, DEVTOOLS_PORT: '70000' }, /DEVTOOLS_PORT/],
    [{ ...URL_ONLY, DEVTOOLS_PORT: 'abc' }, /DEVTOOLS_PORT/],
    [{ ...URL_ONLY, AGENT_CHECK_SECONDS: '0' }, /AGENT_CHECK_SECONDS/],
    [{ ...URL_ONLY, LADDER_GRACE_SECONDS: '-1' }, /LADDER_GRACE_SECONDS/],
  ])('refuses %o, saying what to fix', (env, message) => {
    expect(() => readSettings(env)).toThrow(ConfigError)
    expect(() => readSettings(env)).toThrow(message)
  })
})

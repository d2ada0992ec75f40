import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The agent's settings, from its environment: systemd reads them from /etc/gatecast/kiosk.env,
 * the file the kiosk's launch script reads too (player/kiosk/kiosk.env.example). The screen's
 * token is not among them: the agent reads the one the player holds in its browser profile, so
 * pairing, rotating and revoking the player's token do the same to the agent's.
 */
export interface AgentSettings {
  /** The player's address (GATECAST_URL); the server is its origin. */
  playerUrl: URL
  /** Chromium's DevTools on loopback (DEVTOOLS_PORT, the port the launch script gives Chromium). */
  devtools: string
  /** Where the agent keeps its ladder's steps and the last good frame across restarts and reboots. */
  stateDir: string
  restartBrowserCommand: string
  rebootCommand: string
  /** How often the page is checked (AGENT_CHECK_SECONDS); the ladder counts failures seen here. */
  checkMs: number
  /** How long each healing step is given before the next (LADDER_GRACE_SECONDS); null: each step's own. */
  ladderGraceMs: number | null
}

export const DEFAULT_DEVTOOLS_PORT = 9222
export const DEFAULT_RESTART_BROWSER = 'systemctl --user restart gatecast-kiosk.service'
export const DEFAULT_REBOOT = 'systemctl reboot'
/** Often enough to see an error page within a minute; rarely enough that checking costs nothing. */
const DEFAULT_CHECK_SECONDS = 30

export class ConfigError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv): AgentSettings {
  let playerUrl: URL
  try {
    playerUrl = new URL(env.GATECAST_URL ?? '')
  } catch {
    throw new ConfigError('GATECAST_URL is not set to the player address (see /etc/gatecast/kiosk.env)')
  }
  if (playerUrl.protocol !== 'https:' && playerUrl.protocol !== 'http:')
    throw new ConfigError(`GATECAST_URL must be http(s), not ${playerUrl.protocol}`)
  const port = Number(env.DEVTOOLS_PORT ?? DEFAULT_DEVTOOLS_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new ConfigError(`DEVTOOLS_PORT must be a port number, not ${env.DEVTOOLS_PORT}`)
  const checkSeconds = Number(env.AGENT_CHECK_SECONDS ?? DEFAULT_CHECK_SECONDS)
  if (!(checkSeconds >= 1 && checkSeconds <= 3600))
    throw new ConfigError(`AGENT_CHECK_SECONDS must be 1–3600, not ${env.AGENT_CHECK_SECONDS}`)
  const grace = env.LADDER_GRACE_SECONDS ? Number(env.LADDER_GRACE_SECONDS) : null
  if (grace !== null && !(grace >= 1 && grace <= 3600))
    throw new ConfigError(`LADDER_GRACE_SECONDS must be 1–3600, not ${env.LADDER_GRACE_SECONDS}`)
  return {
    playerUrl,
    // Loopback only, whatever the environment says: DevTools is never reached over the network.
    devtools: `http://127.0.0.1:${port}`,
    stateDir: env.AGENT_STATE_DIR || join(env.HOME || homedir(), '.local/state/gatecast-agent'),
    restartBrowserCommand: env.RESTART_BROWSER_COMMAND || DEFAULT_RESTART_BROWSER,
    rebootCommand: env.REBOOT_COMMAND || DEFAULT_REBOOT,
    checkMs: checkSeconds * 1000,
    ladderGraceMs: grace === null ? null : grace * 1000,
  }
}

import { execFile, spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import type { Hardware } from '@playlists/agent'

/**
 * The display controls a screen PC offers, probed once at start: DDC/CI for a monitor's power
 * and backlight (`ddcutil`), HDMI-CEC for a TV-style display's power (`cec-client`), and DPMS
 * for the video output itself (`xset`, with the kiosk's X display). Where none can set the
 * brightness, the player's own dimming (player/src/power.ts) is what the plan gets.
 */

/** A control that has not answered by then is stuck (a DDC bus can hang): give up on it. */
const CONTROL_TIMEOUT_MS = 20_000

const PROGRAMS: Record<Hardware, string> = { ddcutil: 'ddcutil', 'cec-client': 'cec-client', dpms: 'xset' }

async function onPath(program: string, path: string): Promise<boolean> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, program), constants.X_OK)
      return true
    } catch {}
  }
  return false
}

export async function probeHardware(env: NodeJS.ProcessEnv): Promise<Hardware[]> {
  const found: Hardware[] = []
  for (const [hardware, program] of Object.entries(PROGRAMS) as [Hardware, string][]) {
    // DPMS is the X server's: without a display to speak to, xset can do nothing.
    if (hardware === 'dpms' && !env.DISPLAY) continue
    if (await onPath(program, env.PATH ?? '')) found.push(hardware)
  }
  return found
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (input === undefined) {
      execFile(program, args, { env, timeout: CONTROL_TIMEOUT_MS }, (error, _out, stderr) =>
        error ? reject(new Error(`${program}: ${stderr.trim() || error.message}`)) : resolve(),
      )
      return
    }
    const child = spawn(program, args, {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
      timeout: CONTROL_TIMEOUT_MS,
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk)
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program}: ${stderr.trim() || `exit ${code}`}`)),
    )
    child.stdin.end(input)
  })
}

export interface Applied {
  ok: boolean
  detail: string
}

/** Sums up each control's outcome in one sentence; ok when at least one did it. */
function outcome(what: string, tried: { hardware: Hardware; error: string | null }[], none: string): Applied {
  if (tried.length === 0) return { ok: false, detail: none }
  const done = tried.filter((t) => t.error === null).map((t) => t.hardware)
  const failed = tried.filter((t) => t.error !== null).map((t) => `${t.hardware} failed (${t.error})`)
  return {
    ok: done.length > 0,
    detail: [
      done.length > 0 ? `${what} through ${done.join(', ')}` : `${what}: no control worked`,
      ...failed,
    ].join('; '),
  }
}

export class Display {
  constructor(
    readonly hardware: readonly Hardware[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async power(on: boolean): Promise<Applied> {
    const tried: { hardware: Hardware; error: string | null }[] = []
    for (const hardware of this.hardware) {
      try {
        if (hardware === 'ddcutil') await run('ddcutil', ['setvcp', 'd6', on ? '01' : '05'], this.env)
        if (hardware === 'cec-client')
          await run('cec-client', ['-s', '-d', '1'], this.env, on ? 'on 0\n' : 'standby 0\n')
        if (hardware === 'dpms') await run('xset', ['dpms', 'force', on ? 'on' : 'off'], this.env)
        tried.push({ hardware, error: null })
      } catch (error) {
        tried.push({ hardware, error: (error as Error).message.slice(0, 120) })
      }
    }
    return outcome(
      on ? 'display on' : 'display off',
      tried,
      'no display control found (ddcutil, cec-client, xset)',
    )
  }

  async brightness(level: number): Promise<Applied> {
    if (!this.hardware.includes('ddcutil'))
      return { ok: false, detail: "no DDC/CI (ddcutil): the player's own dimming follows the plan" }
    try {
      await run('ddcutil', ['setvcp', '10', String(Math.round(level))], this.env)
      return { ok: true, detail: `brightness ${Math.round(level)} % through ddcutil` }
    } catch (error) {
      return { ok: false, detail: (error as Error).message.slice(0, 200) }
    }
  }
}

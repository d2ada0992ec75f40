import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Display, probeHardware } from '../../../player/kiosk/agent/hardware'

/**
 * The agent's display controls (player/kiosk/agent/hardware.ts) against fake ddcutil, cec-client
 * and xset first on PATH, each appending its arguments (and cec-client its input) to a file: the
 * hardware itself cannot be tested here, the exact commands sent to it can.
 */

let dir: string
let calls: string
let env: NodeJS.ProcessEnv

const fake = (name: string, body = 'echo "$(basename "$0") $*" >> "$CALLS"') => {
  const path = join(dir, name)
  writeFileSync(path, `#!/bin/sh\n${body}\n`)
  chmodSync(path, 0o755)
}
const recorded = () => readFileSync(calls, 'utf8').trim().split('\n')

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatecast-hw-'))
  calls = join(dir, 'calls.log')
  writeFileSync(calls, '')
  fake('ddcutil')
  fake('xset')
  fake('cec-client', 'echo "cec-client $* <<< $(cat)" >> "$CALLS"')
  env = { PATH: `${dir}:/usr/bin:/bin`, DISPLAY: ':0', CALLS: calls }
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('display controls', () => {
  it('finds what is on PATH, and DPMS only with a display to speak to', async () => {
    expect(await probeHardware(env)).toEqual(['ddcutil', 'cec-client', 'dpms'])
    expect(await probeHardware({ ...env, DISPLAY: '' })).toEqual(['ddcutil', 'cec-client'])
    expect(await probeHardware({ PATH: '/nonexistent' })).toEqual([])
  })

  it('turns the display off and on through every control found, with their exact arguments', async () => {
    const display = new Display(await probeHardware(env), env)
    expect(await display.power(false)).toMatchObject({
      ok: true,
      detail: 'display off through ddcutil, cec-client, dpms',
    })
    expect(await display.power(true)).toMatchObject({ ok: true })
    expect(recorded()).toEqual([
      'ddcutil setvcp d6 05',
      'cec-client -s -d 1 <<< standby 0',
      'xset dpms force off',
      'ddcutil setvcp d6 01',
      'cec-client -s -d 1 <<< on 0',
      'xset dpms force on',
    ])
  })

  it('sets the backlight over DDC/CI, and says so when only the player can dim', async () => {
    expect(await new Display(['ddcutil', 'dpms'], env).brightness(35)).toMatchObject({ ok: true })
    expect(recorded()).toEqual(['ddcutil setvcp 10 35'])
    expect(await new Display(['cec-client'], env).brightness(35)).toMatchObject({
      ok: false,
      detail: expect.stringContaining("player's own dimming"),
    })
  })

  it('reports a control that fails with its message, and succeeds through the others', async () => {
    fake('ddcutil', 'echo "DDC communication failed" >&2; exit 1')
    const result = await new Display(['ddcutil', 'dpms'], env).power(false)
    expect(result.ok).toBe(true)
    expect(result.detail).toContain('display off through dpms')
    expect(result.detail).toContain('ddcutil failed (ddcutil: DDC communication failed)')
    expect(await new Display([], env).power(false)).toMatchObject({ ok: false })
  })
})

import { Agent } from './agent'
import { ConfigError, readSettings } from './config'
import { Display, probeHardware } from './hardware'

/**
 * gatecast-agent: started by systemd (gatecast-agent.service) as the kiosk user, beside the
 * kiosk's Chromium. It listens on no port.
 */
async function main(): Promise<void> {
  let settings: ReturnType<typeof readSettings>
  try {
    settings = readSettings(process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`gatecast-agent: ${error.message}`)
    // EX_CONFIG: the unit does not restart a configuration that cannot work.
    process.exit(78)
  }
  const hardware = await probeHardware(process.env)
  console.log(`gatecast-agent: display controls found: ${hardware.join(', ') || 'none'}`)
  const agent = new Agent(settings, new Display(hardware, process.env))
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      agent.stop()
      process.exit(0)
    })
  }
  await agent.start()
}

void main()

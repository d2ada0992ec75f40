import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LadderStep } from './ladder'
import type { Capture } from './page'

/**
 * What the agent keeps on disk (in its state folder): the ladder's recent steps, so that a
 * reboot is remembered after the reboot, and the last good frame, to show as the last resort.
 * Written to a temporary name and renamed, so a power cut never leaves half a file.
 */
export class AgentStore {
  constructor(private readonly dir: string) {}

  private async write(name: string, data: Buffer | string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const path = join(this.dir, name)
    await writeFile(`${path}.tmp`, data)
    await rename(`${path}.tmp`, path)
  }

  async steps(): Promise<LadderStep[]> {
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, 'ladder.json'), 'utf8')) as unknown
      return Array.isArray(parsed)
        ? parsed.filter((s): s is LadderStep => typeof s?.step === 'string' && typeof s?.atMs === 'number')
        : []
    } catch {
      return []
    }
  }

  saveSteps(steps: readonly LadderStep[]): Promise<void> {
    return this.write('ladder.json', JSON.stringify(steps))
  }

  async lastGoodFrame(): Promise<Capture | null> {
    try {
      return { format: 'jpeg', bytes: await readFile(join(this.dir, 'last-good.jpg')), width: 0 }
    } catch {
      return null
    }
  }

  saveLastGoodFrame(frame: Capture): Promise<void> {
    return this.write('last-good.jpg', frame.bytes)
  }
}

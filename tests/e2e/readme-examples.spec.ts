import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '@server/paths'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, NO_SW } from '../helpers/browser'
import { expect, test } from '../helpers/fixtures'
import { PLAYER_COLD_START_MS, waitForPlayer } from '../helpers/player'
import { SPAWNED_ADMIN_PASSWORD, type SpawnedServer, spawnServer } from '../helpers/spawned-server'

/**
 * The README's shell examples, pasted as a new user would (issue 17): bash and curl against the
 * bundled server as `npm start` runs it, with only what a person fills in replaced — the admin's
 * password, the second approver's password, the code the player shows, the address and the
 * scratch folder. `--fail-with-body` in every call makes any answer other than 2xx fail the
 * script; the player in Chromium shows the change.
 */

const run = promisify(execFile)
const SCREEN = 'tan-thanh-led'
const LAN_PASSWORD = 'lan readme password 1'

/** The README's ```sh blocks. */
function shellBlocks(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
}

const block = (containing: string) => {
  const found = shellBlocks().filter((b) => b.includes(containing))
  expect(found, `one README block with ${containing}`).toHaveLength(1)
  return found[0]!
}

/** The calls of a block, continuation lines joined, comments left out. */
const calls = (script: string) =>
  script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim().startsWith('curl'))

let server: SpawnedServer
let browser: Browser
let scratch: string

test.beforeAll(async () => {
  server = await spawnServer()
  browser = await launchChromium()
  scratch = mkdtempSync(join(tmpdir(), 'gatecast-readme-'))
})
test.afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

async function paste(script: string, fill: Record<string, string>): Promise<string> {
  let text = script.replaceAll('localhost:8080', server.base).replaceAll('/tmp/', `${scratch}/`)
  for (const [placeholder, value] of Object.entries(fill)) {
    expect(text, `the README block has ${placeholder}`).toContain(placeholder)
    text = text.replaceAll(placeholder, value)
  }
  // -e: the first call that fails (a non-2xx answer, with --fail-with-body) stops the script.
  const { stdout } = await run('bash', ['-e', '-c', text], { timeout: 60_000 })
  return stdout
}

const stageText = async (page: Page) => (await page.locator('#stage').textContent()) ?? ''

test.describe('README examples, pasted', () => {
  test('sends the session cookie on every call, and fails loudly on a refusal', () => {
    for (const script of [block('/pair'), block('/api/users')]) {
      for (const call of calls(script)) {
        expect(call).toMatch(/ -[bc] \/tmp\/\S+\.cookies /)
        expect(call).toContain('--fail-with-body')
      }
    }
  })

  test('pairs the player that shows a code, then puts a change on it through four eyes', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 960 }, serviceWorkers: NO_SW })
    await page.goto(`${server.base}/player/`)
    const code = page.locator('#pairing .pairing-code')
    await code.waitFor({ timeout: PLAYER_COLD_START_MS })

    await paste(block('/pair'), {
      '<the password>': SPAWNED_ADMIN_PASSWORD,
      'K7Q-M2P': (await code.getAttribute('data-code'))!,
    })
    await waitForPlayer(page)
    expect(await page.evaluate(() => window.gatecast.screenId)).toBe(SCREEN)
    expect(await stageText(page)).not.toContain('Xin chào!')

    const out = await paste(block('/api/users'), { '<a password for lan>': LAN_PASSWORD })
    const published = Date.now()
    // The answers, in order: the account, lan's sign-in, the draft, version 2 submitted, approved, on air.
    expect(out).toContain('"username":"lan"')
    expect(out).toMatch(/"number":2,"state":"submitted"/)
    expect(out).toMatch(/"number":2,"state":"approved"/)
    expect(readFileSync(join(scratch, 'welcome.json'), 'utf8')).toContain('"id":"welcome"')

    const welcome = (await (await server.admin('/api/playlists/welcome')).json()) as {
      publishedRevision: number
      hasUnpublishedChanges: boolean
    }
    expect(welcome).toMatchObject({ publishedRevision: 2, hasUnpublishedChanges: false })
    // On the screen, without a reload.
    await expect.poll(() => stageText(page), { timeout: 10_000 }).toContain('Xin chào!')
    console.info(`README change on screen ${Date.now() - published} ms after the publish answered`)
    expect(await stageText(page)).toContain('Hello!')
    await page.close()
  })
})

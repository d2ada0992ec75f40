import { AGENT_NAMESPACE, type AgentCommand } from '@playlists/agent'
import type { Page } from 'playwright-core'
import { io, type Socket } from 'socket.io-client'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { screenToken } from '../helpers/pairing'
import { until } from '../helpers/wait'

/**
 * The screens page's kiosk agent panel in Chromium (console/src/pages/screens/agent-panel.tsx),
 * against the real server and a socket client speaking the agent's side of the contract with a
 * screen's token (the agent itself, beside a real Chromium, is tests/deploy/kiosk-agent.test.ts):
 * the panel says whether the PC's agent is connected and what it found, sends its commands and
 * shows their results; reboot is offered only where the screen allows it, which admins set there.
 */

const served = serveApp({ seed: true })
const sockets: Socket[] = []
test.afterAll(() => {
  for (const s of sockets) s.disconnect()
})

/** An agent that answers every command with `ok` and what it was asked. */
async function agentFor(screenId: string): Promise<AgentCommand[]> {
  const socket = io(`${served.base}${AGENT_NAMESPACE}`, {
    auth: { token: screenToken(served.t.app, screenId), version: 'e2e' },
    transports: ['websocket'],
  })
  sockets.push(socket)
  const received: AgentCommand[] = []
  socket.on('agent:command', (command: AgentCommand) => {
    received.push(command)
    const detail = command.type === 'brightness' ? `brightness ${command.level} % through ddcutil` : 'done'
    socket.emit('agent:result', { id: command.id, type: command.type, ok: true, detail }, () => {})
  })
  await until(() => socket.connected, 10_000, 'the agent connected')
  await socket.emitWithAck('agent:state', {
    hardware: ['ddcutil', 'dpms'],
    display: { on: true, brightness: 80 },
    event: {
      kind: 'healing',
      step: 'restart-browser',
      atMs: Date.now(),
      detail: 'the page is blank: restart-browser',
    },
  })
  return received
}

const openPanel = async (page: Page, screenId: string) => {
  await page.locator(`tr[data-screen="${screenId}"] button.agent-open`).click()
  return page.getByRole('dialog')
}

test.describe('the kiosk agent panel', () => {
  test('shows a PC with no agent as not connected, with its commands disabled', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'screens')
    const panel = await openPanel(s.page, 'huu-nghi-kiosk-1')
    await expect(panel.locator('.agent-presence')).toHaveText('Kiosk agent not connected')
    await expect(panel.getByRole('button', { name: 'Reload the player' })).toBeDisabled()
  })

  test('sends commands to the connected agent and shows their results', async ({ consoleAs }) => {
    const received = await agentFor('chi-ma-led')
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'screens')
    const panel = await openPanel(s.page, 'chi-ma-led')
    await expect(panel.locator('.agent-presence')).toHaveText('Kiosk agent connected')
    await expect(panel).toContainText('Display controls: DDC/CI (ddcutil), DPMS (xset)')
    await expect(panel).toContainText('Display on, brightness 80%')
    // The ladder's latest step, as the agent reported it.
    await expect(panel.locator('.agent-event')).toContainText('Healing: restarted the browser')
    await expect(panel.locator('.agent-event')).toContainText('the page is blank')
    // Reboot is not allowed for this screen: offered, but disabled, saying why.
    const reboot = panel.getByRole('button', { name: 'Reboot the PC' })
    await expect(reboot).toBeDisabled()
    await expect(reboot).toHaveAttribute('title', 'This screen does not allow its PC to be rebooted.')

    await panel.getByRole('button', { name: 'Display off' }).click()
    await panel.getByLabel('Brightness (%)').fill('35')
    await panel.getByRole('button', { name: 'Set brightness' }).click()
    await expect(panel.locator('.agent-results li[data-result="brightness"]')).toContainText(
      'brightness 35 % through ddcutil',
    )
    await expect(panel.locator('.agent-results li[data-result="display-power"]')).toContainText('Done')
    expect(received.map(({ id: _id, ...c }) => c)).toEqual([
      { type: 'display-power', on: false },
      { type: 'brightness', level: 35 },
    ])
  })

  test('lets an admin allow reboots and change the screenshot interval, in Vietnamese', async ({
    consoleAs,
  }) => {
    await agentFor('chi-ma-led')
    const s = await consoleAs('admin', { language: 'vi' })
    await goTo(s.page, 'screens')
    let panel = await openPanel(s.page, 'chi-ma-led')
    await panel.getByLabel('Cho phép khởi động lại máy tính (lệnh, hoặc bước tự khắc phục thứ ba)').check()
    await panel.getByLabel('Chụp màn hình tự động mỗi (phút, 0 = không chụp)').fill('1441')
    await panel.getByRole('button', { name: 'Lưu' }).click()
    // Past a day: the browser holds the form back at the field (the server would refuse it too).
    await expect(panel.locator('input[name="screenshotIntervalMinutes"]:invalid')).toBeVisible()
    expect(served.t.app.repos.screens.get('chi-ma-led').allowReboot).toBe(false)
    await panel.getByLabel('Chụp màn hình tự động mỗi (phút, 0 = không chụp)').fill('5')
    await panel.getByRole('button', { name: 'Lưu' }).click()
    await expect(panel).toBeHidden()
    expect(served.t.app.repos.screens.get('chi-ma-led')).toMatchObject({
      allowReboot: true,
      screenshotIntervalMinutes: 5,
    })
    panel = await openPanel(s.page, 'chi-ma-led')
    await expect(panel.getByRole('button', { name: 'Khởi động lại máy tính' })).toBeEnabled()
  })
})

import type { PlaylistItem } from '@playlists/schemas/items'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The console shows a refusal in the reader's language from the code the server sends, not from
 * its English words: here the four-eyes refusal, in Chinese, while a proxy in between rewords the
 * English message (as a new server version might). Matching the English sentence, as the page
 * once did, would find nothing to match.
 */

const served = serveApp({ seed: true })

test.describe('console: refusals from their codes', () => {
  test('shows the four-eyes refusal in Chinese from its code when the English message says something else', async ({
    consoleAs,
  }) => {
    const { t } = served
    const { approver } = t.team
    const get = await t.app.inject({ url: '/api/playlists/welcome' })
    const { name, items } = get.json() as { name: string; items: PlaylistItem[] }
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/playlists/welcome',
      headers: approver.headers,
      payload: {
        name: `${name} `.trim(),
        items: items.map((i) => ({ ...i, durationMs: i.durationMs + 1000 })),
      },
    })
    expect(put.statusCode).toBe(200)
    const submit = await t.app.inject({
      method: 'POST',
      url: '/api/playlists/welcome/submit',
      headers: approver.headers,
    })
    expect(submit.statusCode).toBe(201)
    const n = (submit.json() as { number: number }).number

    const s = await consoleAs('approver', { language: 'zh' })
    const reworded: string[] = []
    await s.page.route('**/api/**', async (route) => {
      const response = await route.fetch()
      if (response.status() !== 403) return route.fulfill({ response })
      const body = (await response.json()) as { code?: string; message: string }
      reworded.push(String(body.code))
      await route.fulfill({ response, json: { ...body, message: 'Refused (this sentence was reworded).' } })
    })
    await goTo(s.page, `approvals/playlist/welcome/${n}`)
    const approve = s.page.locator('button[name="approve"]')
    await expect(approve).toBeAttached()
    // A stale page whose button is still enabled: the server refuses, the page says why.
    await approve.evaluate((b) => b.removeAttribute('disabled'))
    await approve.click()
    const alert = s.page.locator('.approvals-panel [role="alert"]')
    await expect(alert).toContainText('服务器拒绝：您是此版本的作者。必须由另一位审批人决定。')
    expect(reworded).toEqual(['approval.own-change'])
    // The server's own words are still there, for the details, as the server sent them.
    await expect(alert).toContainText('Refused (this sentence was reworded).')
  })
})

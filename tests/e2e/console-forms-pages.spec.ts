import type { Media } from '@playlists/schemas/media'
import type { Playlist } from '@playlists/schemas/playlist'
import type { Locator, Page } from 'playwright-core'
import { goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { descriptions } from '../helpers/form-wiring'
import { startPairing } from '../helpers/pairing'

/**
 * The console form kit on the media, layout and pairing pages: a field the server refuses is
 * marked invalid and described by the refusal (so a screen reader reads why with the field),
 * and two activations of a submit button before the page can render it busy send one request.
 * Where the page itself never sends what the server refuses, the request is altered on its way
 * (page.route), so the refusal is still the real server's.
 */

const served = serveApp({ seed: true })

/** Expects the control marked invalid and described, first, by a message containing `text`. */
async function expectRefused(control: Locator, text: string): Promise<void> {
  await expect(control).toHaveAttribute('aria-invalid', 'true')
  await expect.poll(() => descriptions(control).then((d) => d[0])).toContain(text)
}

async function expectAccepted(control: Locator): Promise<void> {
  await expect(control).not.toHaveAttribute('aria-invalid', 'true')
  await expect.poll(() => descriptions(control).then((d) => d.every((text) => text !== null))).toBe(true)
}

/** Counts the requests the page sends for `method` on paths matching `path`, from now on. */
function countRequests(page: Page, method: string, path: RegExp): () => number {
  let count = 0
  page.on('request', (r) => {
    if (r.method() === method && path.test(new URL(r.url()).pathname)) count++
  })
  return () => count
}

/** Two activations in one task: nothing renders between them, so only the action's guard stops the second. */
const clickTwice = (button: Locator) =>
  button.evaluate((b: HTMLButtonElement) => {
    b.click()
    b.click()
  })

/** Alters the JSON body of the page's `method` requests to `path` until the returned function is called. */
async function alterBody(page: Page, method: string, path: RegExp, change: (body: object) => object) {
  const handler = (route: Parameters<Parameters<Page['route']>[1]>[0]) => {
    const request = route.request()
    if (request.method() !== method) return route.continue()
    return route.continue({ postData: JSON.stringify(change(request.postDataJSON() as object)) })
  }
  await page.route(path, handler)
  return () => page.unroute(path, handler)
}

test.describe('console forms on the media, layout and screen pages', () => {
  test('media edit dialog: the refused name or tags point at the refusal; a double click saves once', async ({
    consoleAs,
  }) => {
    const listed = (await served.t.app.inject({ method: 'GET', url: '/api/media' })).json() as
      | Media[]
      | { items: Media[] }
    const medium = (Array.isArray(listed) ? listed : listed.items)[0]!
    const s = await consoleAs('editor', { language: 'en' })
    const { page } = s
    await goTo(page, 'media')
    const edit = async () => {
      await page.getByRole('button', { name: `Edit ${medium.name}`, exact: true }).click()
      return page.locator('dialog[open] form.media-edit')
    }
    const form = await edit()
    const name = form.locator('input[name="name"]')
    const tags = form.locator('input[name="tags"]')

    // The page sends a name; on the way it becomes blank, which the server refuses.
    const blankName = await alterBody(page, 'PATCH', /\/api\/media\//, (b) => ({ ...b, name: ' ' }))
    await name.fill('Gate banner, renamed')
    await form.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(form.locator('[role="alert"]')).toContainText('name')
    await expectRefused(name, 'name')
    await expectAccepted(tags)
    await blankName()

    // A tag with a comma cannot be typed (commas split tags), but the server refuses it by itself.
    const commaTag = await alterBody(page, 'PATCH', /\/api\/media\//, (b) => ({ ...b, tags: ['a,b'] }))
    await form.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(form.locator('[role="alert"]')).toContainText('tags')
    await expectRefused(tags, 'tags')
    await expectAccepted(name)
    await commaTag()

    const patches = countRequests(page, 'PATCH', /^\/api\/media\//)
    await clickTwice(form.getByRole('button', { name: 'Save', exact: true }))
    await page.locator('.notice', { hasText: 'Saved “Gate banner, renamed”.' }).waitFor()
    await expect(page.locator('dialog[open]')).toHaveCount(0)
    expect(patches()).toBe(1)

    // A real double click, once the dialog is open again.
    await page.getByRole('button', { name: 'Edit Gate banner, renamed', exact: true }).click()
    await form.locator('input[name="name"]').fill('Gate banner, twice')
    await form.getByRole('button', { name: 'Save', exact: true }).dblclick()
    await page.locator('.notice', { hasText: 'Saved “Gate banner, twice”.' }).waitFor()
    expect(patches()).toBe(2)
    await s.close()
  })

  test('layout editor: the refused name and zone playlist point at the refusal; a double click saves once', async ({
    consoleAs,
  }) => {
    const created = await served.t.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'Short-lived notices', items: [] },
    })
    expect(created.statusCode).toBe(201)
    const doomed = created.json() as Playlist
    const s = await consoleAs('editor', { language: 'en' })
    const { page } = s
    await goTo(page, 'layouts/wide-led')
    const name = page.locator('input[name="name"]')
    await expect(name).not.toHaveValue('')

    // The name the page sends becomes blank on its way: the server refuses it.
    const blank = await alterBody(page, 'PUT', /\/api\/layouts\//, (b) => ({ ...b, name: '' }))
    await name.fill('Chi Ma outdoor LED, winter')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expectRefused(name, 'name')
    await blank()

    // A playlist deleted by someone else after the page listed it: the server names the zone's choice.
    const ticker = page.locator('tr[data-zone="ticker"] select')
    await ticker.selectOption(doomed.id)
    const gone = await served.t.app.inject({ method: 'DELETE', url: `/api/playlists/${doomed.id}` })
    expect(gone.statusCode).toBe(204)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expectRefused(ticker, doomed.id)
    await expectAccepted(name)
    // The page's own problems are linked the same way: a zone's name left empty.
    const zoneName = page.locator('tr[data-zone="ticker"] input[name$="-name"]')
    await zoneName.fill('')
    await expectRefused(zoneName, 'give it a name')
    await zoneName.fill('Ticker')

    await ticker.selectOption('gate-ticker')
    const puts = countRequests(page, 'PUT', /^\/api\/layouts\/wide-led$/)
    await clickTwice(page.getByRole('button', { name: 'Save', exact: true }))
    await page.locator('.notice', { hasText: 'Chi Ma outdoor LED, winter' }).first().waitFor()
    await expectAccepted(ticker)
    expect(puts()).toBe(1)

    await name.fill('Chi Ma outdoor LED, spring')
    await page.getByRole('button', { name: 'Save', exact: true }).dblclick()
    await page.locator('.notice', { hasText: 'Chi Ma outdoor LED, spring' }).first().waitFor()
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled()
    expect(puts()).toBe(2)
    await s.close()
  })

  test('pairing dialog: a refused code points at the refusal; a double click pairs once', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    const { page } = s
    await goTo(page, 'screens')
    await page.getByRole('button', { name: 'Pair a new player with Hữu Nghị portrait kiosk 2' }).click()
    const dialog = page.locator('dialog[open]')
    const code = dialog.locator('input[name="code"]')
    const pair = dialog.getByRole('button', { name: 'Pair', exact: true })
    // The hint is linked before anything is sent.
    await expect.poll(() => descriptions(code)).toEqual([expect.stringContaining('K7Q-M2P')])
    await expectAccepted(dialog.locator('select[name="screen"]'))

    const started = await startPairing(served.t.app)
    const wrong = started.code.startsWith('Z') ? 'YYY-YYY' : 'ZZZ-ZZZ'
    await code.fill(wrong)
    await pair.click()
    await expectRefused(code, 'No player is waiting with this code')
    await expectAccepted(dialog.locator('select[name="screen"]'))
    // The hint stays linked after the refusal, so the fix is read out with the problem.
    expect((await descriptions(code)).length).toBe(2)

    const posts = countRequests(page, 'POST', /^\/api\/screens\/[^/]+\/pair$/)
    await code.fill(started.code)
    await clickTwice(pair)
    await page
      .locator('.notice', { hasText: `Code ${started.code} paired with Hữu Nghị portrait kiosk 2` })
      .waitFor()
    await expect(page.locator('dialog[open]')).toHaveCount(0)
    expect(posts()).toBe(1)

    const again = await startPairing(served.t.app)
    await page.getByRole('button', { name: 'Pair a new player with Hữu Nghị portrait kiosk 2' }).click()
    await dialog.locator('input[name="code"]').fill(again.code)
    await dialog.getByRole('button', { name: 'Pair', exact: true }).dblclick()
    await page
      .locator('.notice', { hasText: `Code ${again.code} paired with Hữu Nghị portrait kiosk 2` })
      .waitFor()
    expect(posts()).toBe(2)
    await s.close()
  })
})

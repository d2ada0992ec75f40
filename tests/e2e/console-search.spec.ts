import type { Locator } from 'playwright-core'
import { type ConsoleSession, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'
import { descriptions } from '../helpers/form-wiring'

/**
 * The console's search field (components/form/search-field.tsx) as assistive technology meets it
 * on the pages that use it: the input is named by its label, described by its hint and by the
 * count of matches, the count is a polite live region that speaks only while something is typed,
 * and the clear button empties the field and puts the cursor back in it.
 */

const served = serveApp({ seed: true })

/** The page of a console session, at `path`. */
async function pageAt(session: Promise<ConsoleSession>, path: string) {
  const { page } = await session
  await goTo(page, path)
  return page
}

/** The live region the field's count is in, found through the field's own description. */
const countOf = (control: Locator) =>
  control.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/)
    const region = ids
      .map((id) => document.getElementById(id))
      .find((e) => e?.getAttribute('role') === 'status')
    return region ? region.textContent : null
  })

test.describe('console search field', () => {
  test('screens page: labelled, described by its hint and count, which it announces politely', async ({
    consoleAs,
  }) => {
    const page = await pageAt(consoleAs('editor', { language: 'en' }), 'screens')
    const search = page.getByRole('searchbox', { name: 'Find a screen' })
    await expect(search).toHaveAttribute('name', 'search')
    // Nothing typed: the hint is read, the count region is there and silent.
    await expect.poll(() => descriptions(search)).toEqual(['Screen name or ID', ''])
    await expect(page.getByRole('button', { name: 'Clear the search' })).toHaveCount(0)

    await search.fill('kiosk')
    await expect.poll(() => countOf(search)).toBe('2 matches')
    await expect(page.locator('.screens-table tbody tr')).toHaveCount(2)
    await search.fill('hữu nghị')
    await expect.poll(() => countOf(search)).toBe('3 matches')
    await search.fill('tan-thanh-led')
    await expect.poll(() => countOf(search)).toBe('1 match')
    await search.fill('nowhere')
    await expect.poll(() => countOf(search)).toBe('No matches')
    await expect.poll(() => descriptions(search)).toEqual(['Screen name or ID', 'No matches'])

    await page.getByRole('button', { name: 'Clear the search' }).click()
    await expect(search).toHaveValue('')
    await expect(search).toBeFocused()
    await expect.poll(() => countOf(search)).toBe('')
    await expect(page.getByRole('button', { name: 'Clear the search' })).toHaveCount(0)
  })

  test('preview picker: the same field, counting in the reader’s language', async ({ consoleAs }) => {
    const page = await pageAt(consoleAs('viewer', { language: 'vi' }), 'preview')
    await expect(page.locator('table.preview-screens tbody tr')).toHaveCount(5)
    const search = page.getByRole('searchbox', { name: 'Tìm màn hình' })
    await search.fill('led')
    await expect.poll(() => countOf(search)).toBe('3 kết quả')
    await expect(page.locator('table.preview-screens tbody tr')).toHaveCount(3)
    await search.fill('không có')
    await expect.poll(() => countOf(search)).toBe('Không có kết quả nào')
    await page.getByRole('button', { name: 'Xóa nội dung tìm kiếm' }).click()
    await expect(page.locator('table.preview-screens tbody tr')).toHaveCount(5)
  })

  test('media library: the clear button empties the server search; the page keeps its own count', async ({
    consoleAs,
  }) => {
    const page = await pageAt(consoleAs('editor', { language: 'zh' }), 'media')
    const search = page.getByRole('searchbox', { name: '搜索' })
    const rows = page.locator('.media-table tbody tr')
    // The first page of the library, before anything is typed.
    const all = Math.min(24, served.t.app.repos.media.list().length)
    await expect(rows).toHaveCount(all)
    // A seeded file's name: the server's search finds it, and the table shows what it found.
    const name = served.t.app.repos.media.list()[0]!.name
    const found = served.t.app.repos.media.search({ q: name }).length
    expect(found).toBeGreaterThan(0)
    expect(found).toBeLessThan(all)
    await search.fill(name)
    await expect(rows).toHaveCount(found)
    // Its count is the library's own live line, not a second one under the field.
    expect(await countOf(search)).toBeNull()
    await page.getByRole('button', { name: '清除搜索内容' }).click()
    await expect(search).toBeFocused()
    await expect(rows).toHaveCount(all)
  })
})

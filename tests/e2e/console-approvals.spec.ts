import { join } from 'node:path'
import type { Language } from '@playlists/schemas/common'
import type { PlaylistItem } from '@playlists/schemas/items'
import type { Page } from 'playwright-core'
import type { Member } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage, goTo } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The approvals page in Chromium, on the seeded server: an approver reviews an editor's change
 * by its diff and puts it on air, the four-eyes rule shows in the page and in the server's
 * refusal, a rejection carries its reason to the author, and an earlier version goes back on air.
 */

const served = serveApp({ seed: true })

interface Playlist {
  name: string
  items: PlaylistItem[]
}

async function api<T>(
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  as?: Member,
  payload?: object,
): Promise<T> {
  const res = await served.t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

/** `as` changes the first slide's titles of a seeded playlist and submits the draft; returns the version. */
async function submitTitleChange(
  id: string,
  as: Member,
  titles: { vi: string; zh: string },
): Promise<number> {
  const { name, items } = await api<Playlist>('GET', `/api/playlists/${id}`)
  const slide = items.find((i) => i.kind === 'slide')
  if (slide?.kind !== 'slide') throw new Error(`${id} has no slide`)
  const changed = items.map((i) =>
    i.id === slide.id && i.kind === 'slide'
      ? {
          ...i,
          text: {
            ...i.text,
            vi: { ...i.text.vi, title: titles.vi },
            ...(i.text.zh ? { zh: { ...i.text.zh, title: titles.zh } } : {}),
          },
        }
      : i,
  )
  await api('PUT', `/api/playlists/${id}`, as, { name, items: changed })
  return (await api<{ number: number }>('POST', `/api/playlists/${id}/submit`, as)).number
}

const versions = (id: string) =>
  api<{ number: number; state: string; live: boolean; comment: string | null }[]>(
    'GET',
    `/api/playlists/${id}/versions`,
  )

const openVersion = async (page: Page, id: string, n: number) => {
  await goTo(page, `approvals/playlist/${id}/${n}`)
  await page.locator('.approvals-diff, .approvals-changes .empty').first().waitFor()
}

test.describe('the approvals page', () => {
  test('shows an approver the editor’s change as a diff, then approves it and puts it on air', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const { editor } = served.t.team
    const before = (await api<Playlist>('GET', '/api/playlists/trade-investment')).items[0]
    const n = await submitTitleChange('trade-investment', editor, {
      vi: 'Lạng Sơn — cửa ngõ thương mại mới',
      zh: '谅山——新的贸易门户',
    })

    const s = await consoleAs('approver', { language: 'vi' })
    await goTo(s.page, 'approvals')
    const row = s.page.locator('table.approvals-queue tbody tr', { hasText: 'Thương mại và đầu tư' })
    await expect(row).toContainText('editor')
    await expect(row).toContainText('Chờ duyệt')
    await row.locator('a').click()
    await s.page.locator('.approvals-diff').waitFor()

    // The changed slide: old titles struck out, new ones beside the unchanged English.
    const entry = s.page.locator('.approvals-entry-changed').first()
    await expect
      .poll(() => entry.locator('ins').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Lạng Sơn — cửa ngõ thương mại mới'),
          expect.stringContaining('谅山——新的贸易门户'),
        ]),
      )
    if (before?.kind !== 'slide') throw new Error('the seeded playlist starts with a slide')
    await expect
      .poll(() => entry.locator('del').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(before.text.vi.title)]))
    await expect(entry).toContainText(before.text.en?.title ?? '')
    await expect(s.page.locator('.approvals-diff')).not.toContainText('{')
    await expect(s.page.locator('main h2', { hasText: 'Thay đổi' })).toHaveCount(1)
    await expect(s.page.locator('.approvals-changes')).toContainText('phiên bản 1')

    // A link to preview the draft on a screen that shows the playlist.
    const preview = await s.page.locator('.approvals-preview a').first().getAttribute('href')
    expect(preview).toBe(`#/preview/chi-ma-led?draft=playlist:trade-investment:${n}`)

    for (const language of ['vi', 'zh', 'en'] as Language[]) {
      await chooseLanguage(s.page, language)
      await s.page.screenshot({ path: join(ARTIFACTS, `console-approvals-${language}.png`), fullPage: true })
    }
    await expect(s.page.locator('main h1')).toContainText(`version ${n}`)

    await s.page.locator('button[name="approve"]').click()
    await s.page.locator('button[name="publish"]').waitFor()
    expect((await versions('trade-investment')).find((v) => v.number === n)).toMatchObject({
      state: 'approved',
      live: false,
    })

    await s.page.locator('button[name="publish"]').click()
    await s.page.locator('dialog[open] button.primary').click()
    // Exactly: hasText is a case-insensitive substring, and "Approved, not on air" is there before.
    await s.page.locator('.approvals-summary .badge', { hasText: /^On air$/ }).waitFor()
    expect((await versions('trade-investment')).find((v) => v.live)?.number).toBe(n)
    const document = await api<{ playlists: Record<string, { items: PlaylistItem[] }> }>(
      'GET',
      '/api/screens/chi-ma-led/document',
    )
    const onAir = document.playlists['trade-investment']?.items[0]
    expect(onAir?.kind === 'slide' && onAir.text.vi.title).toBe('Lạng Sơn — cửa ngõ thương mại mới')
    await s.close()
  })

  test('keeps an approver from approving their own change: disabled with the reason, and the server’s 403 in words', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const { approver } = served.t.team
    const n = await submitTitleChange('welcome', approver, { vi: 'Chào mừng (bản sửa)', zh: '欢迎（修订）' })
    const s = await consoleAs('approver', { language: 'vi' })
    await openVersion(s.page, 'welcome', n)

    const approve = s.page.locator('button[name="approve"]')
    await expect(approve).toBeDisabled()
    await expect(s.page.locator('button[name="reject"]')).toBeDisabled()
    const noteId = await approve.getAttribute('aria-describedby')
    expect(noteId).toBeTruthy()
    await expect(s.page.locator(`[id="${noteId}"]`)).toContainText('không thể tự duyệt hay từ chối')

    // Were the button enabled anyway (a stale page, say), the server refuses and the page says why.
    await approve.evaluate((b) => b.removeAttribute('disabled'))
    await approve.click()
    await expect(s.page.locator('.approvals-panel [role="alert"]')).toContainText(
      'Máy chủ từ chối: bạn là tác giả của phiên bản này',
    )
    expect((await versions('welcome')).find((v) => v.number === n)?.state).toBe('submitted')
    await s.close()
  })

  test('lets an editor follow a submission; a rejection needs a reason, which the author then reads', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const { editor2 } = served.t.team
    const n = await submitTitleChange('tourism', editor2, { vi: 'Du lịch xứ Lạng', zh: '谅山旅游' })

    const author = await consoleAs('editor2', { language: 'en' })
    await goTo(author.page, 'approvals')
    await expect(author.page.locator('.approvals-views button[aria-pressed="true"]')).toHaveText('Mine')
    const mine = author.page.locator('table.approvals-queue tbody tr', { hasText: 'Tourism' })
    await expect(mine).toContainText('Waiting for approval')
    await mine.locator('a').click()
    await author.page.locator('.approvals-diff').waitFor()
    await expect(author.page.locator('button[name="approve"]')).toHaveCount(0)
    await expect(author.page.locator('.approvals-four-eyes')).toContainText('waiting for an approver')

    const reviewer = await consoleAs('approver', { language: 'en' })
    await openVersion(reviewer.page, 'tourism', n)
    await reviewer.page.locator('button[name="reject"]').click()
    await expect(reviewer.page.locator('.approvals-panel .field-error')).toContainText('Say why')
    expect((await versions('tourism')).find((v) => v.number === n)?.state).toBe('submitted')
    await reviewer.page.locator('textarea[name="comment"]').fill('The Chinese title has a typo')
    await reviewer.page.locator('button[name="reject"]').click()
    await reviewer.page.locator('.approvals-summary .badge', { hasText: 'Rejected' }).waitFor()
    expect((await versions('tourism')).find((v) => v.number === n)).toMatchObject({
      state: 'rejected',
      comment: 'The Chinese title has a typo',
    })
    await reviewer.close()

    await goTo(author.page, 'approvals')
    await author.page.locator('table.approvals-queue tbody tr', { hasText: 'Rejected' }).waitFor()
    await expect(mine).toContainText('The Chinese title has a typo')
    await author.close()
  })

  test('puts an earlier approved version back on air from the history', async ({ consoleAs }) => {
    test.setTimeout(60_000)
    const { editor } = served.t.team
    const { name, items } = await api<Playlist>('GET', '/api/playlists/gate-ticker')
    const ticker = items[0]
    if (ticker?.kind !== 'ticker') throw new Error('the seeded gate ticker starts with a ticker')
    const changed = {
      ...ticker,
      speed: ticker.speed + 20,
      text: { ...ticker.text, vi: 'Cửa khẩu mở cửa cả ngày' },
    }
    await api('PUT', '/api/playlists/gate-ticker', editor, { name, items: [changed] })
    const published = await approveAndPublish(served.t.app, 'playlist', 'gate-ticker', { author: editor })
    expect(published.screens.length).toBeGreaterThan(0)
    const live = (await versions('gate-ticker')).find((v) => v.live)?.number
    expect(live).toBeGreaterThan(1)

    const s = await consoleAs('approver2', { language: 'en' })
    await openVersion(s.page, 'gate-ticker', 1)
    // Version 1 read against the version on air: what going back would change.
    await expect(s.page.locator('.approvals-changes')).toContainText(`version ${live}`)
    const entry = s.page.locator('.approvals-entry-changed')
    await expect(entry.locator('ins').first()).toContainText(ticker.text.vi)
    await expect(entry.locator('table.approvals-fields')).toContainText('Scrolling speed')

    await s.page.locator('button[aria-label="Put version 1 back on air"]').click()
    await s.page.locator('dialog[open] button[type="submit"]').click()
    // Exactly: hasText is a case-insensitive substring, and "Approved, no longer on air" is there before.
    await s.page.locator('.approvals-summary .badge', { hasText: /^On air$/ }).waitFor()
    expect((await versions('gate-ticker')).find((v) => v.live)?.number).toBe(1)
    await s.close()
  })
})

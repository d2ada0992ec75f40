import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { makeElf, makePngWithGarbageData } from '../helpers/files'
import { expect, serveApp, test } from '../helpers/fixtures'
import { makeJpeg, readVideo } from '../helpers/media'

/**
 * The media library page in Chromium, as an editor uses it: files uploaded through the file
 * button and dropped on the zone, each with its own progress bar and then what the server made
 * of it (or why it refused it, in the reader's language); search, tag filter and pages; editing;
 * deleting, refused while a published playlist shows the file. The server's repositories are
 * read to check that what the page says happened did happen.
 */

const served = serveApp({ seed: true })

const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'

/** A photo-like PNG (noise does not compress), big enough that its upload takes a while when throttled. */
const noisyPng = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#336699',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer()

const row = (page: Page, fileName: string) => page.locator('.media-upload-row', { hasText: fileName })

/** The names in the library table, top to bottom. */
const tableNames = (page: Page) => page.locator('.media-table tbody .media-name').allInnerTexts()

/** Waits until the table shows exactly these names (in any order); on failure, says what it shows. */
async function expectTable(page: Page, names: string[]): Promise<void> {
  const shown = async () => ({
    search: await page.locator('input[name="q"]').inputValue(),
    names: (await page.locator('.media-table tbody .media-name').allTextContents()).sort(),
  })
  const search = await page.locator('input[name="q"]').inputValue()
  await expect.poll(shown, { timeout: 10_000 }).toEqual({ search, names: [...names].sort() })
}

/** Files given to the page by a real drop: a DataTransfer built in the page, dispatched on the zone. */
async function dropFiles(page: Page, files: { name: string; type: string; data: Buffer }[]): Promise<void> {
  await page.evaluate(
    (list) => {
      const transfer = new DataTransfer()
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([bytes], f.name, { type: f.type }))
      }
      const zone = document.querySelector('.media-drop')
      if (!zone) throw new Error('no drop zone')
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }))
      }
    },
    files.map((f) => ({ name: f.name, type: f.type, base64: f.data.toString('base64') })),
  )
}

test.describe('media library page', () => {
  test('uploads a PNG and a video chosen with the button: a progress bar each, then the measured medium', async ({
    consoleAs,
  }) => {
    test.setTimeout(90_000)
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'media')
    await s.page.locator('input[name="upload-tags"]').fill('Tết, Hữu Nghị')
    // A slow uplink, as from a border gate: the bars have time to move.
    const cdp = await s.context.newCDPSession(s.page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 96 * 1024,
    })
    // Every value each bar shows, sampled as it moves.
    await s.page.evaluate(() => {
      const seen: Record<string, number[]> = {}
      ;(window as unknown as { progressSeen: typeof seen }).progressSeen = seen
      setInterval(() => {
        for (const li of document.querySelectorAll('.media-upload-row')) {
          const bar = li.querySelector<HTMLProgressElement>('progress[value]')
          const name = li.querySelector('.media-upload-name')?.textContent ?? ''
          if (!bar) continue
          seen[name] = [...(seen[name] ?? []), bar.value / bar.max]
        }
      }, 20)
    })

    const png = await noisyPng(320, 180)
    const video = readVideo('h264.mp4')
    await s.page.locator('input[type="file"][name="files"]').setInputFiles([
      { name: 'Cửa khẩu Hữu Nghị.png', mimeType: 'image/png', buffer: png },
      { name: 'mây biên giới.mp4', mimeType: 'video/mp4', buffer: video },
    ])
    for (const name of ['Cửa khẩu Hữu Nghị.png', 'mây biên giới.mp4']) {
      await s.page
        .locator('.media-upload-row[data-state="done"]', { hasText: name })
        .waitFor({ timeout: 30_000 })
    }
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })

    const seen = await s.page.evaluate(
      () => (window as unknown as { progressSeen: Record<string, number[]> }).progressSeen,
    )
    for (const name of ['Cửa khẩu Hữu Nghị.png', 'mây biên giới.mp4']) {
      const values = seen[name] ?? []
      expect(
        values.some((v) => v > 0 && v < 1),
        `${name}: a bar part-way: ${values}`,
      ).toBe(true)
      expect(values, `${name}: never goes back`).toEqual([...values].sort((a, b) => a - b))
    }

    // What the server stored, as measured from the bytes, with the tags typed before the upload.
    const stored = served.t.app.repos.media.search({ q: 'cua khau huu nghi' })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ kind: 'image', width: 320, height: 180, tags: ['hữu nghị', 'tết'] })
    const clip = served.t.app.repos.media.search({ q: 'may bien gioi' })[0]!
    expect(clip).toMatchObject({ kind: 'video', width: 320, height: 240, videoCodec: 'h264' })

    const pngRow = row(s.page, 'Cửa khẩu Hữu Nghị.png')
    await expect(pngRow).toHaveAttribute('data-state', 'done')
    await expect(pngRow.locator('.media-upload-status')).toHaveText('Uploaded')
    await expect(pngRow.locator('.media-pixels')).toHaveText('320×180')
    const videoRow = row(s.page, 'mây biên giới.mp4')
    await expect(videoRow.locator('.media-pixels')).toHaveText('320×240')
    await expect(videoRow).toContainText('h264 + aac')
    await expect(videoRow).toHaveText(/Duration\s*2 sec/)

    // Both are at the top of the library, with the server's thumbnails really loaded.
    await s.page.waitForFunction(() => document.querySelectorAll('.media-table tbody tr').length >= 7)
    expect((await tableNames(s.page)).slice(0, 2).sort()).toEqual([
      'Cửa khẩu Hữu Nghị.png',
      'mây biên giới.mp4',
    ])
    for (const media of [stored[0]!, clip]) {
      const thumb = s.page.locator(`tr[data-media-id="${media.id}"] img.media-thumb`)
      expect(media.thumbnailUrl).not.toBeNull()
      await expect(thumb).toHaveAttribute('src', media.thumbnailUrl!)
      await s.page.waitForFunction((id) => {
        const img = document.querySelector<HTMLImageElement>(`tr[data-media-id="${id}"] img.media-thumb`)
        return !!img && img.complete && img.naturalWidth > 0
      }, media.id)
      await expect(s.page.locator(`tr[data-media-id="${media.id}"] .media-pixels`)).toHaveText(
        `${media.width}×${media.height}`,
      )
    }
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-media-en.png'), fullPage: true })
    await s.close()
  })

  test('says in Chinese why the server refused each dropped file, and keeps none of them', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const before = served.t.app.repos.media.list().length
    const s = await consoleAs('editor', { language: 'zh' })
    await goTo(s.page, 'media')
    await dropFiles(s.page, [
      { name: '宣传海报.png', type: 'image/png', data: makeElf() },
      {
        name: 'ghi-chu.png',
        type: 'image/png',
        data: Buffer.from('Đây là văn bản, không phải ảnh.\n'.repeat(20)),
      },
      { name: 'logo.svg', type: 'image/svg+xml', data: Buffer.from(SVG_WITH_SCRIPT) },
      { name: 'anh-chup.png', type: 'image/png', data: await makeJpeg(64, 48) },
      { name: 'hong.png', type: 'image/png', data: makePngWithGarbageData(200, 200) },
      { name: 'hevc.mp4', type: 'video/mp4', data: readVideo('hevc.mp4') },
    ])
    const expected: [string, RegExp, RegExp][] = [
      ['宣传海报.png', /该文件是程序，不是图片或视频/, /a Linux program \(ELF\)/],
      ['ghi-chu.png', /无法识别该文件/, /not a recognised image or video/],
      ['logo.svg', /含有脚本代码的 SVG 图形/, /SVG drawing that contains <script>/],
      [
        'anh-chup.png',
        /文件“anh-chup\.png”的扩展名是 \.png，但实际内容是 JPEG/,
        /named \.png but its content is a JPEG/,
      ],
      ['hong.png', /无法读取文件/, /could not be read/],
      ['hevc.mp4', /视频采用 HEVC \(H\.265\) 编码.*H\.264 MP4/, /HEVC \(H\.265\)/],
    ]
    for (const [name, chinese, english] of expected) {
      const r = row(s.page, name)
      await r.locator('[role="alert"]').waitFor({ timeout: 20_000 })
      await expect(r).toHaveAttribute('data-state', 'refused')
      await expect(r.locator('.media-upload-status')).toHaveText('已拒绝')
      const [reason, detail] = await r.locator('[role="alert"] p').allInnerTexts()
      expect(reason, name).toMatch(chinese)
      // The server's own words stay beside the translation, marked as English.
      expect(detail, name).toMatch(english)
      await expect(r.locator('[role="alert"] [lang="en"]')).toHaveCount(1)
    }
    expect(served.t.app.repos.media.list()).toHaveLength(before)
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-media-zh.png'), fullPage: true })
    await s.close()
  })

  test('narrows the list by search (typing pauses, diacritics optional) and by tag, a page at a time', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    // A batch the size of a busy week, all tagged alike: more than a page.
    served.t.app.db.transaction(() => {
      for (let i = 0; i < 30; i++) {
        served.t.app.repos.media.insert({
          sha256: createHash('sha256').update(`console-media batch ${i}`).digest('hex'),
          kind: 'image',
          contentType: 'image/png',
          ext: 'png',
          bytes: 2048,
          width: 1536,
          height: 768,
          durationMs: null,
          videoCodec: null,
          audioCodec: null,
          thumbnail: null,
          originalName: `Lễ hội hoa đào ${String(i).padStart(2, '0')}.png`,
          tags: ['hoa đào'],
        })
      }
    })()
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, 'media')
    const total = served.t.app.repos.media.list().length
    await expect(s.page.locator('.media-count')).toHaveText(`Thư viện có ${total} tệp`)
    await expect(s.page.locator('.media-table tbody tr')).toHaveCount(24)
    await expect(s.page.locator('.pager span')).toHaveText(`Trang 1/${Math.ceil(total / 24)}`)

    // Typed without diacritics, as on a keyboard without a Vietnamese layout.
    await s.page.locator('input[name="q"]').pressSequentially('cua khau', { delay: 30 })
    await expectTable(s.page, ['Cửa khẩu Hữu Nghị.png'])
    await expect(s.page.locator('.media-count')).toHaveText('Tìm thấy 1 tệp')
    await s.page.locator('input[name="q"]').fill('')

    // The tag filter offers the tags in use with their counts.
    const option = s.page.locator('select[name="tag"] option[value="hoa đào"]')
    await expect(option).toHaveText('hoa đào (30)')
    await s.page.locator('select[name="tag"]').selectOption('hoa đào')
    await s.page.waitForFunction(
      () => document.querySelector('.media-count')?.textContent === 'Tìm thấy 30 tệp',
    )
    const firstPage = await tableNames(s.page)
    expect(firstPage).toHaveLength(24)
    // While page 2 is on its way the list says it is busy, and the label still names the page
    // whose rows are shown (holding the answer back makes that moment last).
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const secondPageUrl = (url: URL) =>
      url.pathname === '/api/media/library' && url.searchParams.get('page') === '2'
    await s.page.route(secondPageUrl, async (route) => {
      await held
      await route.continue()
    })
    await s.page.locator('.pager button').nth(1).click()
    await s.page.waitForSelector('section.media-section[aria-busy="true"]')
    await expect(s.page.locator('.pager span')).toHaveText('Trang 1/2')
    await expect(tableNames(s.page)).resolves.toEqual(firstPage)
    release()
    await s.page.waitForFunction(() => document.querySelector('.pager span')?.textContent === 'Trang 2/2')
    await s.page.unroute(secondPageUrl)
    await expect(s.page.locator('section.media-section[aria-busy]')).toHaveAttribute('aria-busy', 'false')
    const secondPage = await tableNames(s.page)
    const expected = served.t.app.repos.media.search({ tag: 'hoa đào' }).map((m) => m.name)
    expect([...firstPage, ...secondPage]).toEqual(expected)

    // Tag and search together; then a tag clicked in the table filters by it.
    await s.page.locator('input[name="q"]').fill('hoa dao 07')
    await expectTable(s.page, ['Lễ hội hoa đào 07.png'])
    await s.page.getByRole('button', { name: 'Bỏ lọc', exact: true }).click() // clear the filters
    await s.page.waitForFunction(
      (n) => document.querySelector('.media-count')?.textContent === n,
      `Thư viện có ${total} tệp`,
    )
    await s.page.locator('input[name="q"]').fill('may bien gioi')
    await expectTable(s.page, ['mây biên giới.mp4'])
    await s.page.getByRole('button', { name: 'Chỉ hiện các tệp có thẻ hữu nghị' }).click()
    await expect(s.page.locator('select[name="tag"]')).toHaveValue('hữu nghị')
    await s.page.locator('input[name="q"]').fill('')
    const tagged = served.t.app.repos.media.search({ tag: 'hữu nghị' }).map((m) => m.name)
    expect(tagged.sort()).toEqual(['Cửa khẩu Hữu Nghị.png', 'mây biên giới.mp4'])
    await expectTable(s.page, tagged)
    await s.close()
  })

  test('renames and retags a medium, and refuses to delete one a published playlist shows, naming it', async ({
    consoleAs,
  }) => {
    test.setTimeout(60_000)
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, 'media')
    await s.page.locator('input[name="q"]').fill('cua khau huu nghi')
    await expectTable(s.page, ['Cửa khẩu Hữu Nghị.png'])
    const uploaded = served.t.app.repos.media.search({ q: 'cua khau huu nghi' })[0]!

    await s.page.getByRole('button', { name: 'Sửa Cửa khẩu Hữu Nghị.png' }).click()
    const dialog = s.page.locator('dialog[open]')
    await dialog.locator('input[name="name"]').fill('Cổng Hữu Nghị lúc bình minh')
    await dialog.locator('input[name="tags"]').fill('Hữu Nghị, bình minh')
    await dialog.locator('button[type="submit"]').click()
    await dialog.waitFor({ state: 'hidden' })
    expect(served.t.app.repos.media.get(uploaded.id)).toMatchObject({
      name: 'Cổng Hữu Nghị lúc bình minh',
      originalName: 'Cửa khẩu Hữu Nghị.png',
      tags: ['bình minh', 'hữu nghị'],
    })
    // Still found by its file name, now shown under its new name.
    await expectTable(s.page, ['Cổng Hữu Nghị lúc bình minh'])

    // The seeded tourism playlist (on air) shows Mẫu Sơn: the server says 409, the page names it.
    await s.page.locator('input[name="q"]').fill('mountain')
    await expectTable(s.page, ['mau-son-mountain.jpg'])
    const mauSon = served.t.app.repos.media.search({ q: 'mountain' })[0]!
    expect(served.t.app.repos.media.playlistsUsing(mauSon.id)).toEqual(['tourism'])
    await s.page.getByRole('button', { name: 'Xóa mau-son-mountain.jpg' }).click()
    await s.page.locator('dialog[open] button.danger').click()
    const alert = s.page.locator('dialog[open] [role="alert"]')
    await alert.waitFor()
    await expect(alert.locator('p').first()).toHaveText(
      'Không xóa được “mau-son-mountain.jpg”: tệp đang được dùng trong 1 danh sách phát:',
    )
    const link = alert.locator('ul.media-in-use a')
    await expect(link).toHaveText('Du lịch xứ Lạng — Tourism')
    await expect(link).toHaveAttribute('href', '#/playlists/tourism')
    await expect(alert.locator('[lang="en"]')).toHaveText(/used by 1 playlist/)
    expect(served.t.app.repos.media.find(mauSon.id)).toBeDefined()
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-media-vi.png') })
    await s.page.locator('dialog[open] button', { hasText: 'Đóng' }).click()
    // While the modal is open the page behind it is inert: typing would go nowhere.
    await s.page.locator('dialog[open]').waitFor({ state: 'detached' })

    // One no playlist uses goes, from the list and from the server.
    await s.page.locator('input[name="q"]').fill('binh minh')
    await expectTable(s.page, ['Cổng Hữu Nghị lúc bình minh'])
    await s.page.getByRole('button', { name: 'Xóa Cổng Hữu Nghị lúc bình minh' }).click()
    await s.page.locator('dialog[open] button.danger').click()
    await s.page.locator('.media-page .empty').waitFor()
    expect(served.t.app.repos.media.find(uploaded.id)).toBeUndefined()
    await s.close()
  })

  test('is not offered to a viewer, and its API refuses one', async ({ consoleAs }) => {
    const s = await consoleAs('viewer', { language: 'en' })
    await expect(s.page.locator('nav ul.nav a[href="#/media"]')).toHaveCount(0)
    await s.page.evaluate(() => {
      location.hash = '#/media'
    })
    await expect(s.page.locator('main')).toContainText('Your role may not see this page.')
    await expect(s.page.locator('input[type="file"], .media-table')).toHaveCount(0)
    const statuses = await s.page.evaluate(async () => {
      const form = new FormData()
      form.append('file', new File([new Uint8Array([1, 2, 3])], 'x.png'))
      return [
        (await fetch('/api/media/library')).status,
        (await fetch('/api/media', { method: 'POST', body: form })).status,
      ]
    })
    expect(statuses).toEqual([403, 403])
    await s.close()
  })
})

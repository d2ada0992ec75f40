import { join } from 'node:path'
import { PAGES } from '@console/pages/index'
import type { Language } from '@playlists/schemas/common'
import type { Page } from 'playwright-core'
import { ARTIFACTS } from '../helpers/browser'
import { chooseLanguage } from '../helpers/console'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * Every console page, in Vietnamese, Chinese and English, as an admin sees it on the seeded
 * server: screenshotted, with its heading in the page's language, no untranslated dictionary key
 * on screen, no text cut off by its box, no page wider than the window and no control without
 * an accessible name.
 */

const LANGUAGES: Language[] = ['vi', 'zh', 'en']
/** A dictionary key left on screen looks like `nav.media` or `sign-in.title` (a file name does not). */
const RAW_KEY = /^(?!.*\.(jpe?g|png|gif|webp|mp4|webm|svg|csv)$)[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/
const HAS_CJK = /[\u3400-\u9fff]/

const _served = serveApp({ seed: true })

/** Text nodes that are dictionary keys, elements whose text is clipped, and page overflow. */
async function problems(page: Page) {
  return page.evaluate((rawKey) => {
    const key = new RegExp(rawKey)
    const keys: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? ''
      if (key.test(text)) keys.push(text)
    }
    const clipped: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('main *, header *')) {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden') continue
      const hides =
        ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY)
      if (!hides || el.classList.contains('visually-hidden')) continue
      if (style.textOverflow === 'ellipsis') continue // shortened on purpose, full text in a title
      if (el.scrollWidth > el.clientWidth + 2 || el.scrollHeight > el.clientHeight + 2)
        clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 60)}`)
    }
    const wide = document.documentElement.scrollWidth > window.innerWidth + 1
    // Every control a person can reach has a name a screen reader can say.
    const unlabelled: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')) {
      if ((el as HTMLInputElement).type === 'hidden' || el.closest('[hidden], dialog:not([open])')) continue
      const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join('')
      const name =
        el.getAttribute('aria-label')?.trim() ||
        labelledBy ||
        [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent?.trim() ?? '').join('') ||
        el.getAttribute('title')?.trim() ||
        (['BUTTON', 'A'].includes(el.tagName) ? el.textContent?.trim() : '') ||
        (el as HTMLInputElement).alt?.trim()
      if (!name)
        unlabelled.push(`${el.tagName.toLowerCase()}[name=${el.getAttribute('name')}].${el.className}`)
    }
    return { keys, clipped, wide, unlabelled }
  }, RAW_KEY.source)
}

test.describe('every console page in three languages', () => {
  for (const language of LANGUAGES) {
    test(`shows every page in ${language} with its text translated and nothing cut off`, async ({
      consoleAs,
    }) => {
      test.setTimeout(120_000)
      const s = await consoleAs('admin', { language })
      await chooseLanguage(s.page, language)
      for (const { id } of PAGES) {
        await s.page.evaluate((h) => {
          location.hash = `#/${h}`
        }, id)
        const heading = s.page.locator('main h1').first()
        await heading.waitFor()
        // Lists load after the heading: wait until no loading message is left.
        await s.page.waitForFunction(() => !document.querySelector('main .loading'), null, {
          timeout: 10_000,
        })
        const title = (await heading.textContent()) ?? ''
        if (language === 'zh') expect(HAS_CJK.test(title), `${id}: "${title}"`).toBe(true)
        else expect(HAS_CJK.test(title), `${id}: "${title}"`).toBe(false)
        const found = await problems(s.page)
        expect(found.keys, `${id} (${language}): untranslated keys`).toEqual([])
        expect(found.clipped, `${id} (${language}): clipped text`).toEqual([])
        expect(found.wide, `${id} (${language}): wider than the window`).toBe(false)
        expect(found.unlabelled, `${id} (${language}): controls without a name`).toEqual([])
        await s.page.screenshot({
          path: join(ARTIFACTS, `console-page-${id}-${language}.png`),
          fullPage: true,
        })
      }
      await s.close()
    })
  }
})

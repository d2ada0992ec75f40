import { LANGUAGES, type Language } from '@playlists/schemas/common'
import { fitText } from '../fit-text'
import { LANG_TAG } from '../trilingual'
import type { Renderer } from './renderer'

/** Width ÷ height from which the date goes beside the time instead of under it. */
const BAND_RATIO = 2.5

/** Locales for the date line in each language: Vietnamese, Simplified Chinese (mainland), English. */
const LOCALE: Record<Language, string> = { vi: 'vi-VN', zh: 'zh-Hans-CN', en: 'en-GB' }

/**
 * The screen's local time, large, with the date in Vietnamese, Chinese and English. The time is
 * that of the screen's zone (from the document), not of the PC it runs on, and is read from the
 * player's clock, so a PC with a wrong clock or zone still shows the gate's time.
 */
export const clockRenderer: Renderer<'clock'> = {
  kind: 'clock',
  continuous: true,
  render(item, context) {
    const root = document.createElement('section')
    // A strip much wider than tall (a kiosk's top band) puts the date beside the time.
    root.className = `clock ${context.width >= BAND_RATIO * context.height ? 'band' : 'block'}`
    root.dataset.itemKind = 'clock'
    const box = document.createElement('div')
    box.className = 'clock-box'
    const time = document.createElement('time')
    time.className = 'clock-time'
    const dateBox = document.createElement('div')
    dateBox.className = 'clock-dates'
    box.append(time, dateBox)
    const dates = LANGUAGES.map((lang) => {
      const line = document.createElement('p')
      line.className = `clock-date lang-${lang}`
      line.lang = LANG_TAG[lang]
      line.dataset.lang = lang
      dateBox.append(line)
      return line
    })
    root.append(box)

    const timeFormat = new Intl.DateTimeFormat('en-GB', {
      timeZone: context.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      ...(item.seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    })
    const dateFormats = LANGUAGES.map(
      (lang) =>
        new Intl.DateTimeFormat(LOCALE[lang], {
          timeZone: context.timeZone,
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }),
    )

    let timer: ReturnType<typeof setTimeout> | undefined
    let shownDate = ''
    const paint = () => {
      const now = context.now()
      time.textContent = timeFormat.format(now)
      time.dateTime = new Date(now).toISOString()
      const texts = dateFormats.map((f) => f.format(now))
      const date = texts.join('|')
      texts.forEach((t, i) => {
        dates[i]!.textContent = t
      })
      // The date's length changes at midnight ("Thứ Bảy" vs "Thứ Năm"): fit again then only.
      if (date !== shownDate) {
        shownDate = date
        fitText(box, Math.min(context.width, context.height) / 2)
      }
    }
    const tick = () => {
      paint()
      // Wake just after the next whole second (or minute) of the player's clock.
      const step = item.seconds ? 1_000 : 60_000
      const now = context.now()
      timer = setTimeout(tick, step - (now % step) + 20)
    }

    return {
      element: root,
      prepare: async () => {
        await document.fonts.ready
        paint()
      },
      start: () => {
        clearTimeout(timer)
        tick()
      },
      dispose: () => clearTimeout(timer),
    }
  },
}

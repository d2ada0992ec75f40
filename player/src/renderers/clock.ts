import { lunarDateText } from '@playlists/calendar/format'
import { solarToLunar, VIETNAM_UTC_OFFSET_HOURS } from '@playlists/calendar/lunar'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import { localAt } from '@playlists/time/zone'
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
 *
 * Optionally: a second zone's time with its label (the Chinese side of the border, UTC+8), and the
 * lunar date beside each language's date, named by Vietnam's calendar (UTC+7) for the screen's
 * local day, as schedule entries on lunar days are.
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
    box.append(time)
    // Settings a document compiled before they existed lacks read as off.
    const secondZone = item.secondZone ?? null
    const secondFormat = secondZone ? zoneTimeFormat(secondZone.timeZone, item.seconds) : null
    const second = secondZone && secondFormat ? secondZoneLine(secondZone.label) : null
    if (second) box.append(second.line)
    box.append(dateBox)
    const dates = LANGUAGES.map((lang) => {
      const line = document.createElement('p')
      line.className = `clock-date lang-${lang}`
      line.lang = LANG_TAG[lang]
      line.dataset.lang = lang
      const solar = document.createElement('span')
      solar.className = 'clock-solar'
      line.append(solar)
      const lunar = item.lunarDate ? document.createElement('span') : null
      if (lunar) {
        lunar.className = 'clock-lunar'
        line.append(' · ', lunar)
      }
      dateBox.append(line)
      return { solar, lunar }
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
      if (second && secondFormat) {
        second.time.textContent = secondFormat.format(now)
        second.time.dateTime = time.dateTime
      }
      const texts = dateFormats.map((f) => f.format(now))
      const lunar = item.lunarDate
        ? solarToLunar(localAt(context.timeZone, now), VIETNAM_UTC_OFFSET_HOURS)
        : null
      texts.forEach((t, i) => {
        dates[i]!.solar.textContent = t
        if (lunar) dates[i]!.lunar!.textContent = lunarDateText(lunar, LANGUAGES[i]!)
      })
      const date = `${texts.join('|')}|${lunar ? lunarDateText(lunar, 'vi') : ''}`
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

/** The second zone's line: its label in the three languages, then its time. */
function secondZoneLine(label: Record<Language, string>): { line: HTMLElement; time: HTMLTimeElement } {
  const line = document.createElement('p')
  line.className = 'clock-second'
  LANGUAGES.forEach((lang, i) => {
    const name = document.createElement('span')
    name.className = `clock-second-label lang-${lang}`
    name.lang = LANG_TAG[lang]
    name.textContent = label[lang]
    line.append(...(i > 0 ? [' · '] : []), name)
  })
  line.append(' ')
  const time = document.createElement('time')
  time.className = 'clock-second-time'
  line.append(time)
  return { line, time }
}

/**
 * The second zone's time format, or null for a zone this browser does not know. The server only
 * accepts known zones, but a screen's browser may be older than the server's zone data, and the
 * console previews a zone as it is typed: the clock then shows its own time alone, never fails.
 */
function zoneTimeFormat(timeZone: string, seconds: boolean): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    })
  } catch {
    return null
  }
}

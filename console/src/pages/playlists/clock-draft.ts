import { CLOCK_LABEL_CHARS_MAX } from '@playlists/limits'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import type { ClockSecondZone } from '@playlists/schemas/items'
import { isTimeZone } from '@playlists/time/zone'

/**
 * A clock item's settings as the editor holds them: the second zone as a switch with its fields
 * kept while it is off (ticking it off and on again loses nothing), labels as typed.
 */
export interface ClockEdit {
  showSeconds: boolean
  lunarDate: boolean
  zoneOn: boolean
  zoneName: string
  zoneLabel: Record<Language, string>
}

/**
 * What a gate's second clock usually shows: the Chinese side, UTC+8. These are the label's words
 * as the screen shows them (data the operator can change), not the console's own language.
 */
export const CHINA_SIDE: ClockSecondZone = {
  timeZone: 'Asia/Shanghai',
  label: { vi: 'Trung Quốc', zh: '中国', en: 'China' },
}

export function clockEditOf(settings: {
  seconds: boolean
  secondZone?: ClockSecondZone | null
  lunarDate?: boolean
}): ClockEdit {
  const zone = settings.secondZone ?? null
  return {
    showSeconds: settings.seconds,
    lunarDate: settings.lunarDate ?? false,
    zoneOn: zone !== null,
    zoneName: (zone ?? CHINA_SIDE).timeZone,
    zoneLabel: { ...(zone ?? CHINA_SIDE).label },
  }
}

export function clockSettingsOf(edit: ClockEdit): {
  seconds: boolean
  secondZone: ClockSecondZone | null
  lunarDate: boolean
} {
  return {
    seconds: edit.showSeconds,
    lunarDate: edit.lunarDate,
    secondZone: edit.zoneOn
      ? {
          timeZone: edit.zoneName.trim(),
          label: {
            vi: edit.zoneLabel.vi.trim(),
            zh: edit.zoneLabel.zh.trim(),
            en: edit.zoneLabel.en.trim(),
          },
        }
      : null,
  }
}

export type ClockProblem =
  | { path: string; code: 'required' | 'time-zone' }
  | { path: string; code: 'too-long'; params: { max: number } }

/** What the server would refuse in a clock's second zone: an unknown zone, a missing or long label. */
export function clockProblems(edit: ClockEdit): ClockProblem[] {
  if (!edit.zoneOn) return []
  const problems: ClockProblem[] = []
  if (!isTimeZone(edit.zoneName.trim())) problems.push({ path: 'secondZone.timeZone', code: 'time-zone' })
  for (const lang of LANGUAGES) {
    const label = edit.zoneLabel[lang].trim()
    const path = `secondZone.label.${lang}`
    if (!label) problems.push({ path, code: 'required' })
    else if (label.length > CLOCK_LABEL_CHARS_MAX)
      problems.push({ path, code: 'too-long', params: { max: CLOCK_LABEL_CHARS_MAX } })
  }
  return problems
}

/** A kept draft's clock (components/local-draft.ts), or null when it is not one; older drafts had only seconds. */
export function keptClockEdit(item: Record<string, unknown>): ClockEdit | null {
  if (typeof item.showSeconds !== 'boolean') return null
  const label = item.zoneLabel as Record<string, unknown> | undefined
  if (item.zoneOn === undefined) return clockEditOf({ seconds: item.showSeconds })
  const ok =
    typeof item.zoneOn === 'boolean' &&
    typeof item.lunarDate === 'boolean' &&
    typeof item.zoneName === 'string' &&
    typeof label === 'object' &&
    label !== null &&
    LANGUAGES.every((lang) => typeof label[lang] === 'string')
  return ok ? (item as unknown as ClockEdit) : null
}

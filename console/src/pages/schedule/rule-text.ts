import { lunarDaysText } from '@playlists/calendar/format'
import type { Schedule, Target, TargetType } from '@playlists/schemas/schedule'
import type { Screen } from '@playlists/schemas/screen'
import type { Site, SyncGroup } from '@playlists/schemas/site'
import { formatWeekday } from '../../i18n/format'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import type { Conflict, Contender } from './timelines'

/** Schedule entries in words: their target, their recurrence, and why one beat another. */

export interface Places {
  sites: readonly Site[]
  groups: readonly SyncGroup[]
  screens: readonly Screen[]
}

export const targetKindText = (type: TargetType): string => t(`target.${type}`)

export function targetText(target: Target, places: Places): string {
  switch (target.type) {
    case 'all':
      return t('target.all')
    case 'site': {
      const site = places.sites.find((s) => s.id === target.id)
      return t('target.site-named', { name: site ? site.name[language.value] : target.id })
    }
    case 'group': {
      const group = places.groups.find((g) => g.id === target.id)
      return t('target.group-named', { name: group ? shownName(group.name) : target.id })
    }
    case 'screen': {
      const screen = places.screens.find((s) => s.id === target.id)
      return t('target.screen-named', { name: screen ? shownName(screen.name) : target.id })
    }
  }
}

/** Monday 1 … Sunday 7, short, in the reader's language (2024-01-01 was a Monday). */
export function weekdayName(isoDay: number, width: 'short' | 'long' = 'short'): string {
  return formatWeekday(isoDay, width)
}

const localText = (text: string) => text.replace('T', ' ')

/** "Mon, Tue · 08:00–12:00 · from 2026-12-01 06:00", "15/8 âm lịch · 18:00–22:00": the entry's recurrence and bounds. */
export function whenText(
  rule: Pick<Schedule, 'days' | 'window' | 'cron' | 'lunar' | 'from' | 'until'>,
): string {
  const parts: string[] = []
  if (rule.cron) {
    parts.push(t('when.cron', { expression: rule.cron.expression, minutes: rule.cron.durationMinutes }))
  } else {
    parts.push(
      rule.lunar
        ? lunarDaysText(rule.lunar.month, rule.lunar.days, language.value)
        : rule.days && rule.days.length < 7
          ? [...rule.days]
              .sort()
              .map((d) => weekdayName(d))
              .join(', ')
          : t('when.every-day'),
    )
    parts.push(rule.window ? `${rule.window.start}–${rule.window.end}` : t('when.all-day'))
  }
  if (rule.from) parts.push(t('when.from', { at: localText(rule.from) }))
  if (rule.until) parts.push(t('when.until', { at: localText(rule.until) }))
  return parts.join(' · ')
}

/** Why the winner plays instead of the loser, naming the step of the overlap rule that decided. */
export function reasonText(
  winner: Contender,
  loser: Conflict['losers'][number],
  ruleName: (id: string) => string,
): string {
  const names = { winner: ruleName(winner.ruleId), loser: ruleName(loser.ruleId) }
  switch (loser.reason) {
    case 'priority':
      return t('reason.priority', { ...names, a: winner.priority, b: loser.priority })
    case 'specificity':
      return t('reason.specificity', {
        ...names,
        a: targetKindText(winner.target),
        b: targetKindText(loser.target),
      })
    case 'newer':
      return t('reason.newer', names)
    case 'id':
      return t('reason.id', names)
  }
}

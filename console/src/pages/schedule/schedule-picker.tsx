import { lunarDateText } from '@playlists/calendar/format'
import { solarToLunar, VIETNAM_UTC_OFFSET_HOURS } from '@playlists/calendar/lunar'
import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { addDays } from '@playlists/time/zone'
import { Field } from '../../components/form/field'
import { ScreenPicker } from '../../components/form/screen-picker'
import { SitePicker } from '../../components/form/site-picker'
import { language } from '../../i18n/i18n'
import { t } from './messages'
import { dateText, RANGE_KINDS, type RangeKind, shiftRange, type TimeRange } from './range'

/** What the page's address holds: a screen or a site, a day or a week, and the day. */
export interface View {
  screenId?: string
  site?: string
  range: RangeKind
  date?: string
}

interface Props {
  sites: readonly Site[]
  /** The screens of the chosen site. */
  screens: readonly Screen[]
  view: View
  range: TimeRange
  go: (change: Partial<View>) => void
}

/** Which site or screen, a day or a week, which one, and steps back and forth. */
export function SchedulePicker({ sites, screens, view, range, go }: Props) {
  const kind = range.kind
  return (
    <div class="toolbar sched-toolbar">
      <Field label={t('pick.site')}>
        {(control) => (
          <SitePicker
            {...control}
            sites={sites}
            value={view.site ?? ''}
            onChange={(site) => go({ screenId: undefined, site })}
          />
        )}
      </Field>
      <Field label={t('pick.screen')}>
        {(control) => (
          <ScreenPicker
            {...control}
            screens={screens}
            value={view.screenId ?? ''}
            anyLabel={t('pick.whole-site')}
            onChange={(id) => go({ screenId: id || undefined })}
          />
        )}
      </Field>
      <Field label={t('pick.range')}>
        {(control) => (
          <select
            {...control}
            name="range"
            value={kind}
            onChange={(e) => go({ range: e.currentTarget.value as RangeKind })}
          >
            {RANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`range.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={kind === 'day' ? t('pick.day') : t('pick.week')}>
        {(control) => (
          <input
            {...control}
            type="date"
            name="date"
            value={dateText(range.start)}
            onChange={(e) => e.currentTarget.value && go({ date: e.currentTarget.value })}
          />
        )}
      </Field>
      <p class="sched-lunar muted" data-lunar>
        {lunarRangeText(range)}
      </p>
      <div class="sched-steps">
        <button type="button" onClick={() => go({ date: dateText(shiftRange(range, -1)) })}>
          {kind === 'day' ? t('step.previous-day') : t('step.previous-week')}
        </button>
        <button type="button" onClick={() => go({ date: undefined })}>
          {t('step.today')}
        </button>
        <button type="button" onClick={() => go({ date: dateText(shiftRange(range, 1)) })}>
          {kind === 'day' ? t('step.next-day') : t('step.next-week')}
        </button>
      </div>
    </div>
  )
}

/**
 * The shown day's lunar date, or the week's first and last, by Vietnam's calendar (UTC+7) as the
 * lunar schedule entries count them: "15/8 âm lịch", "农历八月十五", "lunar 8/15".
 */
export function lunarRangeText(range: TimeRange): string {
  const text = (days: number) =>
    lunarDateText(solarToLunar(addDays(range.start, days), VIETNAM_UTC_OFFSET_HOURS), language.value)
  return range.kind === 'day' ? text(0) : `${text(0)} – ${text(6)}`
}

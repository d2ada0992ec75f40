import type { Screen } from '../../../../../playlists/schemas/screen'
import type { Site } from '../../../../../playlists/schemas/site'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
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
      <label class="field">
        <span>{t('pick.site')}</span>
        <select
          name="site"
          value={view.site}
          onChange={(e) => go({ screenId: undefined, site: e.currentTarget.value })}
        >
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name[language.value]}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('pick.screen')}</span>
        <select
          name="screen"
          value={view.screenId ?? ''}
          onChange={(e) => go({ screenId: e.currentTarget.value || undefined })}
        >
          <option value="">{t('pick.whole-site')}</option>
          {screens.map((s) => (
            <option key={s.id} value={s.id}>
              {shownName(s.name)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('pick.range')}</span>
        <select name="range" value={kind} onChange={(e) => go({ range: e.currentTarget.value as RangeKind })}>
          {RANGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`range.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{kind === 'day' ? t('pick.day') : t('pick.week')}</span>
        <input
          type="date"
          name="date"
          value={dateText(range.start)}
          onChange={(e) => e.currentTarget.value && go({ date: e.currentTarget.value })}
        />
      </label>
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

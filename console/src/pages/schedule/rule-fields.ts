import { PRIORITY_DEFAULT, PRIORITY_MAX, PRIORITY_MIN } from '@playlists/limits'
import { ruleProblems } from '@playlists/schedule/validate'
import type { Schedule, ScheduleInput, Target, TargetType } from '@playlists/schemas/schedule'
import { hasStrings, isOneOf } from '../../components/draft-shape'
import { t } from './messages'

/** The form's fields as typed: text until it is sent. */
export interface Fields {
  name: string
  playlistId: string
  targetType: TargetType
  targetId: string
  zoneId: string
  mode: 'window' | 'cron' | 'lunar'
  days: number[]
  allDay: boolean
  start: string
  end: string
  expression: string
  /** '' for every month, else '1'–'12'. */
  lunarMonth: string
  /** As typed: "1, 15". */
  lunarDays: string
  duration: string
  from: string
  until: string
  priority: string
  submit: boolean
}

export function fieldsOf(rule: Schedule | null, target: Target, playlistId: string): Fields {
  return {
    name: rule?.name ?? '',
    playlistId: rule?.playlistId ?? playlistId,
    targetType: (rule?.target ?? target).type,
    targetId: (() => {
      const tg = rule?.target ?? target
      return tg.type === 'all' ? '' : tg.id
    })(),
    zoneId: rule?.zoneId ?? 'main',
    mode: rule?.cron ? 'cron' : rule?.lunar ? 'lunar' : 'window',
    days: rule?.days ?? [],
    allDay: rule ? rule.window === null : false,
    start: rule?.window?.start ?? '08:00',
    end: rule?.window?.end ?? '12:00',
    expression: rule?.cron?.expression ?? '0 */2 * * *',
    lunarMonth: rule?.lunar?.month ? String(rule.lunar.month) : '',
    lunarDays: rule?.lunar ? rule.lunar.days.join(', ') : '1, 15',
    duration: String(rule?.cron?.durationMinutes ?? 30),
    from: rule?.from ?? '',
    until: rule?.until ?? '',
    priority: String(rule?.priority ?? PRIORITY_DEFAULT),
    submit: false,
  }
}

const TEXT_FIELDS = [
  'name',
  'playlistId',
  'targetId',
  'zoneId',
  'start',
  'end',
  'expression',
  'lunarMonth',
  'lunarDays',
  'duration',
  'from',
  'until',
  'priority',
] as const

/** A kept draft of the form (components/local-draft.ts) read back, or null when it is not one. */
export function parseFields(kept: unknown): Fields | null {
  // A draft kept before lunar dates existed has no lunar fields: it gets the form's defaults.
  const data =
    typeof kept === 'object' && kept !== null ? { lunarMonth: '', lunarDays: '1, 15', ...kept } : kept
  if (!hasStrings(data, TEXT_FIELDS)) return null
  const d = data as Record<string, unknown>
  const days = d.days
  const ok =
    isOneOf(d.targetType, ['screen', 'group', 'site', 'all']) &&
    isOneOf(d.mode, ['window', 'cron', 'lunar']) &&
    Array.isArray(days) &&
    days.every((n) => Number.isInteger(n) && n >= 1 && n <= 7) &&
    typeof d.allDay === 'boolean' &&
    typeof d.submit === 'boolean'
  return ok ? (data as unknown as Fields) : null
}

export function inputOf(f: Fields): ScheduleInput {
  const target: Target = f.targetType === 'all' ? { type: 'all' } : { type: f.targetType, id: f.targetId }
  const cron = f.mode === 'cron'
  const lunar = f.mode === 'lunar'
  return {
    name: f.name.trim(),
    playlistId: f.playlistId,
    target,
    zoneId: f.zoneId,
    from: f.from || null,
    until: f.until || null,
    // Every day is the same as no day filter: sent as none, so the rule reads "every day".
    days: cron || lunar || f.days.length === 0 || f.days.length === 7 ? null : [...f.days].sort(),
    window: cron || f.allDay ? null : { start: f.start, end: f.end },
    cron: cron ? { expression: f.expression.trim(), durationMinutes: Number(f.duration) } : null,
    lunar: lunar
      ? { month: f.lunarMonth ? Number(f.lunarMonth) : null, days: lunarDaysOf(f.lunarDays) }
      : null,
    priority: Number(f.priority),
  }
}

/** "1, 15" → [1, 15]; what is not a number stays NaN, for the check to name (`ruleProblems`). */
export function lunarDaysOf(text: string): number[] {
  const days = text
    .split(/[\s,;、，]+/)
    .filter(Boolean)
    .map((d) => (/^\d+$/.test(d) ? Number(d) : Number.NaN))
  return [...new Set(days)].sort((a, b) => a - b)
}

/** Problems found before sending, by field, in the reader's language. */
export function problemsOf(f: Fields, input: ScheduleInput): Map<string, string> {
  const out = new Map<string, string>()
  if (!input.name) out.set('name', t('problem.name'))
  if (!input.playlistId) out.set('playlistId', t('problem.playlist'))
  if (f.targetType !== 'all' && !f.targetId) out.set('target.id', t('problem.target'))
  const priority = Number(f.priority)
  if (!Number.isInteger(priority) || priority < PRIORITY_MIN || priority > PRIORITY_MAX)
    out.set('priority', t('problem.priority', { min: PRIORITY_MIN, max: PRIORITY_MAX }))
  const duration = Number(f.duration)
  if (f.mode === 'cron' && (!Number.isInteger(duration) || duration < 1 || duration > 1440))
    out.set('cron.durationMinutes', t('problem.duration'))
  for (const p of ruleProblems(input)) {
    if (out.has(p.field)) continue
    const key =
      p.field === 'until' && input.from && input.until && input.until <= input.from
        ? 'problem.until-before'
        : p.field === 'from' || p.field === 'until'
          ? 'problem.date'
          : p.field === 'window.end' && f.start === f.end
            ? 'problem.window-empty'
            : p.field === 'window.start' || p.field === 'window.end'
              ? 'problem.time'
              : p.field === 'cron'
                ? 'problem.cron-mixed'
                : p.field === 'lunar'
                  ? 'problem.lunar-mixed'
                  : p.field === 'lunar.month'
                    ? 'problem.lunar-month'
                    : p.field === 'lunar.days'
                      ? 'problem.lunar-days'
                      : 'problem.cron'
    const cronField = p.params?.cronField
    out.set(
      p.field,
      cronField && cronField !== 'expression'
        ? t('problem.cron-field', { field: t(`cron-field.${cronField}`) })
        : t(key),
    )
  }
  return out
}

import { useMemo, useState } from 'preact/hooks'
import { PRIORITY_MAX, PRIORITY_MIN } from '../../../../../playlists/limits'
import type { Playlist } from '../../../../../playlists/schemas/playlist'
import type { Schedule, Target, TargetType } from '../../../../../playlists/schemas/schedule'
import { type ApiError, api } from '../../api'
import { stableJson } from '../../components/draft-shape'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { useLocalDraft } from '../../components/local-draft'
import { DraftNotice } from '../../components/restore-banner'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import { type Fields, fieldsOf, inputOf, parseFields, problemsOf } from './rule-fields'
import { type Places, weekdayName } from './rule-text'

const WEEK = [1, 2, 3, 4, 5, 6, 7]
const TARGET_TYPES: readonly TargetType[] = ['screen', 'group', 'site', 'all']

interface Props {
  rule: Schedule | null
  /** Where a new entry aims by default: the screen or site on the page. */
  target: Target
  playlists: readonly Playlist[]
  places: Places
  zoneIds: readonly string[]
  /** Fields to start from instead of the entry's own: a kept draft the page restored. */
  initial?: Fields
  onSaved: (saved: Schedule, submitted: boolean) => void
  onCancel: () => void
}

/** Creates or edits a schedule entry; the draft reaches screens once approved and published. */
export function RuleForm({ rule, target, playlists, places, zoneIds, initial, onSaved, onCancel }: Props) {
  const pristine = useMemo(() => stableJson(fieldsOf(rule, target, playlists[0]?.id ?? '')), [])
  const [f, setF] = useState<Fields>(() => initial ?? fieldsOf(rule, target, playlists[0]?.id ?? ''))
  const [tried, setTried] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const local = useLocalDraft<Fields>({
    form: 'schedule-rule',
    id: rule?.id ?? 'new',
    base: rule?.updatedAt ?? 'new',
    value: f,
    dirty: stableJson(f) !== pristine,
    parse: parseFields,
    onRestore: (kept) => setF(kept),
  })
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setF((old) => ({ ...old, [key]: value }))

  const input = inputOf(f)
  const problems = problemsOf(f, input)
  const serverFields = new Set(
    Array.isArray(error?.details) ? (error.details as { field?: string }[]).map((d) => d.field ?? '') : [],
  )
  const invalid = (field: string) => (tried && problems.has(field)) || serverFields.has(field)
  const problem = (field: string) =>
    tried && problems.has(field) ? (
      <span class="field-error" id={`rule-${field}-error`}>
        {problems.get(field)}
      </span>
    ) : null
  const describedBy = (field: string) => (tried && problems.has(field) ? `rule-${field}-error` : undefined)

  const targets =
    f.targetType === 'screen'
      ? places.screens.map((s) => ({ id: s.id, name: shownName(s.name) }))
      : f.targetType === 'group'
        ? places.groups.map((g) => ({ id: g.id, name: shownName(g.name) }))
        : places.sites.map((s) => ({ id: s.id, name: s.name[language.value] }))

  async function save(event: Event) {
    event.preventDefault()
    setTried(true)
    if (problems.size > 0) return
    setSaving(true)
    setError(null)
    try {
      const saved = rule
        ? await api.put<Schedule>(`/api/schedules/${encodeURIComponent(rule.id)}`, input)
        : await api.post<Schedule>('/api/schedules', input)
      let submitted = false
      if (f.submit) {
        await api.post(`/api/schedules/${encodeURIComponent(saved.id)}/submit`, {})
        submitted = true
      }
      local.clear()
      onSaved(saved, submitted)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form class="form sched-form" onSubmit={save} noValidate>
      <DraftNotice draft={local} />
      <label class="field">
        <span>{tc('name')}</span>
        <input
          name="name"
          value={f.name}
          maxLength={120}
          required
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name')}
          onInput={(e) => set('name', e.currentTarget.value)}
        />
        {problem('name')}
      </label>
      <div class="sched-form-row">
        <label class="field">
          <span>{t('form.playlist')}</span>
          <select
            name="playlistId"
            value={f.playlistId}
            aria-invalid={invalid('playlistId')}
            onChange={(e) => set('playlistId', e.currentTarget.value)}
          >
            {playlists.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {problem('playlistId')}
        </label>
        <label class="field">
          <span>{t('form.zone')}</span>
          <select name="zoneId" value={f.zoneId} onChange={(e) => set('zoneId', e.currentTarget.value)}>
            {zoneIds.map((z) => (
              <option key={z} value={z}>
                {z === 'main' ? t('form.zone-main') : z}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="sched-form-row">
        <label class="field">
          <span>{t('form.target-type')}</span>
          <select
            name="targetType"
            value={f.targetType}
            onChange={(e) => {
              set('targetType', e.currentTarget.value as TargetType)
              set('targetId', '')
            }}
          >
            {TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`target.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {f.targetType !== 'all' && (
          <label class="field">
            <span>{t('form.target')}</span>
            <select
              name="targetId"
              value={f.targetId}
              aria-invalid={invalid('target.id')}
              aria-describedby={describedBy('target.id')}
              onChange={(e) => set('targetId', e.currentTarget.value)}
            >
              <option value="">{t('form.choose')}</option>
              {targets.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            {problem('target.id')}
          </label>
        )}
      </div>
      <fieldset class="sched-fieldset">
        <legend>{t('form.recurrence')}</legend>
        <div class="sched-form-row">
          <label class="sched-check">
            <input
              type="radio"
              name="mode"
              value="window"
              checked={f.mode === 'window'}
              onChange={() => set('mode', 'window')}
            />
            {t('form.mode-window')}
          </label>
          <label class="sched-check">
            <input
              type="radio"
              name="mode"
              value="cron"
              checked={f.mode === 'cron'}
              onChange={() => set('mode', 'cron')}
            />
            {t('form.mode-cron')}
          </label>
        </div>
        {f.mode === 'window' ? (
          <>
            <fieldset class="sched-fieldset sched-days">
              <legend>{t('form.days')}</legend>
              {WEEK.map((d) => (
                <label key={d} class="sched-check">
                  <input
                    type="checkbox"
                    name="days"
                    value={d}
                    checked={f.days.includes(d)}
                    onChange={(e) =>
                      set('days', e.currentTarget.checked ? [...f.days, d] : f.days.filter((x) => x !== d))
                    }
                  />
                  {weekdayName(d)}
                </label>
              ))}
              <span class="muted">{t('form.days-hint')}</span>
            </fieldset>
            <div class="sched-form-row">
              <label class="sched-check">
                <input
                  type="checkbox"
                  name="allDay"
                  checked={f.allDay}
                  onChange={(e) => set('allDay', e.currentTarget.checked)}
                />
                {t('form.all-day')}
              </label>
              {!f.allDay && (
                <>
                  <label class="field">
                    <span>{t('form.start')}</span>
                    <input
                      type="time"
                      name="start"
                      value={f.start}
                      aria-invalid={invalid('window.start')}
                      onInput={(e) => set('start', e.currentTarget.value)}
                    />
                    {problem('window.start')}
                  </label>
                  <label class="field">
                    <span>{t('form.end')}</span>
                    <input
                      type="time"
                      name="end"
                      value={f.end}
                      aria-invalid={invalid('window.end')}
                      aria-describedby={describedBy('window.end')}
                      onInput={(e) => set('end', e.currentTarget.value)}
                    />
                    {problem('window.end')}
                  </label>
                </>
              )}
            </div>
            {!f.allDay && <p class="muted">{t('form.window-hint')}</p>}
          </>
        ) : (
          <div class="sched-form-row">
            <label class="field">
              <span>{t('form.cron')}</span>
              <input
                name="cron"
                value={f.expression}
                aria-invalid={invalid('cron.expression') || invalid('cron')}
                aria-describedby={describedBy('cron.expression')}
                onInput={(e) => set('expression', e.currentTarget.value)}
              />
              {problem('cron.expression')}
              <span class="muted">{t('form.cron-hint')}</span>
            </label>
            <label class="field">
              <span>{t('form.duration')}</span>
              <input
                type="number"
                name="durationMinutes"
                min={1}
                max={1440}
                value={f.duration}
                aria-invalid={invalid('cron.durationMinutes')}
                onInput={(e) => set('duration', e.currentTarget.value)}
              />
              {problem('cron.durationMinutes')}
            </label>
          </div>
        )}
      </fieldset>
      <div class="sched-form-row">
        <label class="field">
          <span>{t('form.from')}</span>
          <input
            type="datetime-local"
            name="from"
            value={f.from}
            aria-invalid={invalid('from')}
            onInput={(e) => set('from', e.currentTarget.value.slice(0, 16))}
          />
          {problem('from')}
        </label>
        <label class="field">
          <span>{t('form.until')}</span>
          <input
            type="datetime-local"
            name="until"
            value={f.until}
            aria-invalid={invalid('until')}
            onInput={(e) => set('until', e.currentTarget.value.slice(0, 16))}
          />
          {problem('until')}
        </label>
        <label class="field">
          <span>{t('form.priority')}</span>
          <input
            type="number"
            name="priority"
            min={PRIORITY_MIN}
            max={PRIORITY_MAX}
            value={f.priority}
            aria-invalid={invalid('priority')}
            aria-describedby={describedBy('priority')}
            onInput={(e) => set('priority', e.currentTarget.value)}
          />
          {problem('priority')}
        </label>
      </div>
      <p class="muted">{t('form.times-hint')}</p>
      <p class="muted">{t('form.priority-hint')}</p>
      <label class="sched-check">
        <input
          type="checkbox"
          name="submit"
          checked={f.submit}
          onChange={(e) => set('submit', e.currentTarget.checked)}
        />
        {t('form.submit-too')}
      </label>
      <ErrorMessage error={error} />
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? tc('saving') : rule ? tc('save') : tc('create')}
        </button>
        <button
          type="button"
          name="cancel"
          onClick={() => {
            // Cancel is the person's own "throw these changes away"; Escape only closes the dialog.
            local.discard()
            onCancel()
          }}
        >
          {tc('cancel')}
        </button>
      </div>
    </form>
  )
}

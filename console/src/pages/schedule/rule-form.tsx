import { PRIORITY_MAX, PRIORITY_MIN } from '@playlists/limits'
import type { Playlist } from '@playlists/schemas/playlist'
import type { Schedule, Target, TargetType } from '@playlists/schemas/schedule'
import { useId, useMemo, useState } from 'preact/hooks'
import { api } from '../../api'
import { stableJson } from '../../components/draft-shape'
import { ErrorMessage } from '../../components/error-message'
import { Field, type FieldCheck } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { refusedFields, refuses } from '../../components/form/refusal'
import { NameField } from '../../components/form/text-field'
import { useAction } from '../../components/form/use-action'
import { useLocalDraft } from '../../components/local-draft'
import { DraftNotice } from '../../components/restore-banner'
import { tc } from '../../i18n/common'
import { t } from './messages'
import { RecurrenceFields } from './recurrence-fields'
import { type Fields, fieldsOf, inputOf, parseFields, problemsOf } from './rule-fields'
import type { Places } from './rule-text'
import { TargetSelect } from './target-select'

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
  const save = useAction(async () => {
    const saved = rule
      ? await api.put('/api/schedules/:id', { params: { id: rule.id }, body: input })
      : await api.post('/api/schedules', { body: input })
    let submitted = false
    if (f.submit) {
      await api.post('/api/schedules/:id/submit', { params: { id: saved.id }, body: {} })
      submitted = true
    }
    local.clear()
    onSaved(saved, submitted)
  })
  const serverFields = refusedFields(save.error)
  const refusalId = useId()
  /**
   * A Field's state for schedule fields (the first one's message): the form's own message once a
   * save was tried, or the server's refusal above the buttons when it names one of them.
   */
  const check = (...fields: string[]): FieldCheck => {
    const error = tried ? problems.get(fields[0]!) : undefined
    return {
      error,
      invalid: Boolean(error) || fields.some((field) => refuses(serverFields, field)),
      refusalId,
    }
  }

  // A const narrows inside the Field's render function, where `f.targetType` would not.
  const targetType = f.targetType

  function submit(event: Event) {
    event.preventDefault()
    setTried(true)
    if (problems.size === 0) void save.run()
  }

  return (
    <form class="form sched-form" onSubmit={submit} noValidate>
      <DraftNotice draft={local} />
      <NameField value={f.name} onValue={(v) => set('name', v)} {...check('name')} />
      <div class="sched-form-row">
        <Field label={t('form.playlist')} {...check('playlistId')}>
          {(control) => (
            <select
              {...control}
              name="playlistId"
              value={f.playlistId}
              onChange={(e) => set('playlistId', e.currentTarget.value)}
            >
              {playlists.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('form.zone')} {...check('zoneId')}>
          {(control) => (
            <select
              {...control}
              name="zoneId"
              value={f.zoneId}
              onChange={(e) => set('zoneId', e.currentTarget.value)}
            >
              {zoneIds.map((z) => (
                <option key={z} value={z}>
                  {z === 'main' ? t('form.zone-main') : z}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="sched-form-row">
        <Field label={t('form.target-type')} {...check('target.type')}>
          {(control) => (
            <select
              {...control}
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
          )}
        </Field>
        {targetType !== 'all' && (
          <Field label={t('form.target')} {...check('target.id')}>
            {(control) => (
              <TargetSelect
                control={control}
                type={targetType}
                value={f.targetId}
                places={places}
                onChange={(id) => set('targetId', id)}
              />
            )}
          </Field>
        )}
      </div>
      <RecurrenceFields f={f} set={set} check={check} />
      <div class="sched-form-row">
        <Field label={t('form.from')} {...check('from')}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              name="from"
              value={f.from}
              onInput={(e) => set('from', e.currentTarget.value.slice(0, 16))}
            />
          )}
        </Field>
        <Field label={t('form.until')} {...check('until')}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              name="until"
              value={f.until}
              onInput={(e) => set('until', e.currentTarget.value.slice(0, 16))}
            />
          )}
        </Field>
        <Field label={t('form.priority')} {...check('priority')}>
          {(control) => (
            <input
              {...control}
              type="number"
              name="priority"
              min={PRIORITY_MIN}
              max={PRIORITY_MAX}
              value={f.priority}
              onInput={(e) => set('priority', e.currentTarget.value)}
            />
          )}
        </Field>
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
      <ErrorMessage error={save.error} id={refusalId} />
      <FormActions
        label={rule ? tc('save') : tc('create')}
        busy={save.busy}
        onCancel={() => {
          // Cancel is the person's own "throw these changes away"; Escape only closes the dialog.
          local.discard()
          onCancel()
        }}
      />
    </form>
  )
}

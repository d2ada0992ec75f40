import type { AuditQuery } from '@playlists/schemas/audit'
import { useState } from 'preact/hooks'
import { ChoiceField } from '../../components/form/choice-field'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { ACTION_CODES, actionLabel } from './actions'
import { t } from './messages'
import { familyLabel, OBJECT_TYPES, objectLabel } from './objects'

export interface AuditFilters {
  actor: string
  /** An action code, or a family ending in "." (`playlist.`). */
  action: string
  objectType: string
  objectId: string
  outcome: string
  /** As a datetime-local input holds them: this computer's wall clock. */
  from: string
  to: string
}

export const NO_FILTERS: AuditFilters = {
  actor: '',
  action: '',
  objectType: '',
  objectId: '',
  outcome: '',
  from: '',
  to: '',
}

const OUTCOMES = ['ok', 'denied', 'failed'] as const

/** `#/audit?action=user.create&actor=admin` opens the page filtered (links from other pages). */
export function filtersFrom(query: URLSearchParams): AuditFilters {
  const out = { ...NO_FILTERS }
  for (const key of Object.keys(NO_FILTERS) as (keyof AuditFilters)[]) out[key] = query.get(key) ?? ''
  return out
}

const instant = (local: string): string | undefined => {
  if (!local) return undefined
  const ms = Date.parse(local)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** The API's query for these filters: the same for the list and the CSV export. */
export function apiQuery(f: AuditFilters): AuditQuery {
  return {
    actor: f.actor.trim() || undefined,
    action: f.action || undefined,
    objectType: f.objectType || undefined,
    objectId: f.objectId.trim() || undefined,
    // The select offers only OUTCOMES (or '' for any); the query takes the schema's type.
    outcome: OUTCOMES.find((o) => o === f.outcome),
    from: instant(f.from),
    to: instant(f.to),
  }
}

/** Actions by the object they act on, each family with an "every action on it" choice. */
function actionGroups(): [string, string[]][] {
  const groups = new Map<string, string[]>()
  for (const code of ACTION_CODES) {
    const family = code.split('.')[0] ?? code
    groups.set(family, [...(groups.get(family) ?? []), code])
  }
  return [...groups]
}

export function AuditFilterForm({
  applied,
  onApply,
}: {
  applied: AuditFilters
  onApply: (filters: AuditFilters) => void
}) {
  const [draft, setDraft] = useState(applied)
  const set = (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch }))
  const from = instant(draft.from)
  const to = instant(draft.to)
  const badRange = from !== undefined && to !== undefined && from >= to

  return (
    <form
      class="card audit-filters"
      aria-labelledby="audit-filters-title"
      onSubmit={(e) => {
        e.preventDefault()
        if (!badRange) onApply(draft)
      }}
    >
      <h2 id="audit-filters-title" class="visually-hidden">
        {t('filter.title')}
      </h2>
      <Field label={t('filter.actor')}>
        {(control) => (
          <input
            {...control}
            name="actor"
            autoComplete="off"
            placeholder={t('filter.actor-hint')}
            value={draft.actor}
            onInput={(e) => set({ actor: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('filter.action')}>
        {(control) => (
          <select
            {...control}
            name="action"
            value={draft.action}
            onChange={(e) => set({ action: e.currentTarget.value })}
          >
            <option value="">{t('filter.any-action')}</option>
            {actionGroups().map(([family, codes]) => (
              <optgroup key={family} label={familyLabel(family)}>
                {/* A family prefix does not match a bare code of the same name (`login`). */}
                {codes.length > 1 && !codes.includes(family) && (
                  <option key={`${family}.`} value={`${family}.`}>
                    {t('filter.family', { object: familyLabel(family) })}
                  </option>
                )}
                {codes.map((code) => (
                  <option key={code} value={code}>
                    {actionLabel(code)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <ChoiceField
        label={t('filter.object-type')}
        name="objectType"
        value={draft.objectType}
        any={t('filter.any-object')}
        choices={OBJECT_TYPES.map((type) => [type, objectLabel(type)])}
        onChange={(objectType) => set({ objectType })}
      />
      <Field label={t('filter.object-id')}>
        {(control) => (
          <input
            {...control}
            name="objectId"
            autoComplete="off"
            value={draft.objectId}
            onInput={(e) => set({ objectId: e.currentTarget.value })}
          />
        )}
      </Field>
      <ChoiceField
        label={t('filter.outcome')}
        name="outcome"
        value={draft.outcome}
        any={t('filter.any-outcome')}
        choices={OUTCOMES.map((o) => [o, t(`outcome.${o}`)])}
        onChange={(outcome) => set({ outcome })}
      />
      {(['from', 'to'] as const).map((end) => (
        // The range's error sits under its end, the field to change.
        <Field
          key={end}
          label={t(`filter.${end}`)}
          error={end === 'to' && badRange ? t('filter.range-error') : null}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              name={end}
              value={draft[end]}
              onInput={(e) => set({ [end]: e.currentTarget.value })}
            />
          )}
        </Field>
      ))}
      <FormActions
        label={t('filter.apply')}
        busy={false}
        disabled={badRange}
        cancelLabel={t('filter.clear')}
        onCancel={() => {
          setDraft(NO_FILTERS)
          onApply(NO_FILTERS)
        }}
        class="audit-filter-buttons"
      />
    </form>
  )
}

import type { AuditQuery } from '@playlists/schemas/audit'
import { useState } from 'preact/hooks'
import { ACTION_CODES, actionLabel, familyLabel, OBJECT_TYPES, objectLabel } from './actions'
import { t } from './messages'

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
      <label class="field">
        <span>{t('filter.actor')}</span>
        <input
          name="actor"
          autoComplete="off"
          placeholder={t('filter.actor-hint')}
          value={draft.actor}
          onInput={(e) => set({ actor: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span>{t('filter.action')}</span>
        <select name="action" value={draft.action} onChange={(e) => set({ action: e.currentTarget.value })}>
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
      </label>
      <label class="field">
        <span>{t('filter.object-type')}</span>
        <select
          name="objectType"
          value={draft.objectType}
          onChange={(e) => set({ objectType: e.currentTarget.value })}
        >
          <option value="">{t('filter.any-object')}</option>
          {OBJECT_TYPES.map((type) => (
            <option key={type} value={type}>
              {objectLabel(type)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('filter.object-id')}</span>
        <input
          name="objectId"
          autoComplete="off"
          value={draft.objectId}
          onInput={(e) => set({ objectId: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span>{t('filter.outcome')}</span>
        <select
          name="outcome"
          value={draft.outcome}
          onChange={(e) => set({ outcome: e.currentTarget.value })}
        >
          <option value="">{t('filter.any-outcome')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('filter.from')}</span>
        <input
          type="datetime-local"
          name="from"
          value={draft.from}
          onInput={(e) => set({ from: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span>{t('filter.to')}</span>
        <input
          type="datetime-local"
          name="to"
          aria-invalid={badRange ? 'true' : undefined}
          value={draft.to}
          onInput={(e) => set({ to: e.currentTarget.value })}
        />
      </label>
      {badRange && (
        <p class="field-error audit-range-error" role="alert">
          {t('filter.range-error')}
        </p>
      )}
      <div class="audit-filter-buttons">
        <button type="submit" class="primary" disabled={badRange}>
          {t('filter.apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS)
            onApply(NO_FILTERS)
          }}
        >
          {t('filter.clear')}
        </button>
      </div>
    </form>
  )
}

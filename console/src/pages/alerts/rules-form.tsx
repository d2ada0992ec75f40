import type { AlertRules } from '@playlists/schemas/alerts'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field, type FieldCheck } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { checksOf } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { ta } from './messages'
import { Toggle } from './toggle'

/** What players keep of their errors (playlists/events.ts PLAYER_ERRORS_KEPT): a larger count never trips. */
const ERRORS_COUNT_MAX = 20

type Kind = keyof AlertRules

/** One number of a kind's rule: its key in the rules, its input's name, its words and its bounds. */
interface Threshold {
  key: string
  name: string
  label:
    | 'rules.offline-minutes'
    | 'rules.stale-minutes'
    | 'rules.errors-count'
    | 'rules.errors-minutes'
    | 'rules.storage-percent'
  min: number
  max: number
}

/** The form's fieldsets in order: each kind's switch, then its thresholds (the schema's bounds). */
const KINDS: readonly { kind: Kind; thresholds: readonly Threshold[] }[] = [
  {
    kind: 'offline',
    thresholds: [
      { key: 'afterMinutes', name: 'offline-minutes', label: 'rules.offline-minutes', min: 1, max: 10_080 },
    ],
  },
  {
    kind: 'stale',
    thresholds: [
      { key: 'afterMinutes', name: 'stale-minutes', label: 'rules.stale-minutes', min: 1, max: 10_080 },
    ],
  },
  {
    kind: 'errors',
    thresholds: [
      { key: 'count', name: 'errors-count', label: 'rules.errors-count', min: 1, max: ERRORS_COUNT_MAX },
      { key: 'withinMinutes', name: 'errors-minutes', label: 'rules.errors-minutes', min: 1, max: 1_440 },
    ],
  },
  {
    kind: 'storage',
    thresholds: [
      { key: 'percent', name: 'storage-percent', label: 'rules.storage-percent', min: 10, max: 100 },
    ],
  },
]

/** The rules being edited: the default's (`siteId` null) or one site's. */
export interface Editing {
  siteId: string | null
  label: string
  rules: AlertRules
}

function NumberField({
  label,
  name,
  value,
  min,
  max,
  disabled,
  onValue,
  ...check
}: FieldCheck & {
  label: string
  name: string
  value: number
  min: number
  max: number
  disabled: boolean
  onValue: (value: number) => void
}) {
  return (
    <Field label={label} {...check}>
      {(control) => (
        <input
          {...control}
          type="number"
          name={name}
          inputMode="numeric"
          required
          min={min}
          max={max}
          step={1}
          disabled={disabled}
          value={Number.isNaN(value) ? '' : value}
          onInput={(e) => onValue(e.currentTarget.valueAsNumber)}
        />
      )}
    </Field>
  )
}

export function RulesDialog({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing | null
  onClose: () => void
  onSaved: () => void
}) {
  return (
    <Dialog
      title={editing ? ta('rules.editing', { site: editing.label }) : ''}
      open={editing !== null}
      onClose={onClose}
    >
      {editing && (
        <RulesForm key={editing.siteId ?? '*'} editing={editing} onClose={onClose} onSaved={onSaved} />
      )}
    </Dialog>
  )
}

/** One fieldset per kind of alert (KINDS): its switch, then its thresholds (idle while it is off). */
function RulesForm({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing
  onClose: () => void
  onSaved: () => void
}) {
  const [rules, setRules] = useState<AlertRules>(editing.rules)
  const refusalId = useId()
  const set = (kind: Kind, patch: Partial<AlertRules[Kind]> | Record<string, number>) =>
    setRules((r) => ({ ...r, [kind]: { ...r[kind], ...patch } }))
  const save = useAction(async () => {
    if (editing.siteId === null) await api.put('/api/alerts/rules/default', { body: rules })
    else await api.put('/api/alerts/rules/sites/:id', { params: { id: editing.siteId }, body: rules })
    notify(ta('rules.saved'))
    onSaved()
  })
  /** A field the server named points at its refusal, shown above the buttons. */
  const check = checksOf(save.error, refusalId)
  const submit = (event: Event) => {
    event.preventDefault()
    void save.run()
  }

  return (
    <form class="form alerts-rules-form" onSubmit={submit}>
      {KINDS.map(({ kind, thresholds }) => (
        <fieldset key={kind}>
          <legend>{ta(`kind.${kind}`)}</legend>
          <Toggle
            name={`${kind}-enabled`}
            label={ta(`rules.${kind}-enabled`)}
            checked={rules[kind].enabled}
            onChecked={(enabled) => set(kind, { enabled })}
          />
          {thresholds.map((th) => (
            <NumberField
              key={th.key}
              name={th.name}
              label={ta(th.label, { max: th.max })}
              value={(rules[kind] as unknown as Record<string, number>)[th.key]!}
              min={th.min}
              max={th.max}
              disabled={!rules[kind].enabled}
              onValue={(value) => set(kind, { [th.key]: value })}
              {...check(`${kind}.${th.key}`)}
            />
          ))}
        </fieldset>
      ))}
      {save.error && <ErrorMessage error={save.error} id={refusalId} />}
      <FormActions label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

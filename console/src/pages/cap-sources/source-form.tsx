import { CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from '@playlists/cap/values'
import {
  CAP_CONFIRM_MINUTES_MAX,
  CAP_DEFAULT_MINUTES_MAX,
  CAP_DEFAULT_MINUTES_MIN,
  CAP_PULL_MINUTES_MAX,
  CAP_PULL_MINUTES_MIN,
  type CapPolicy,
  type CapSource,
  type CapSourceInput,
} from '@playlists/schemas/cap'
import type { Site } from '@playlists/schemas/site'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { ChoiceField } from '../../components/form/choice-field'
import { FieldGroup } from '../../components/form/field-group'
import { FormActions } from '../../components/form/form-actions'
import { checksOf } from '../../components/form/refusal'
import { NameField, UrlField, WholeNumberField } from '../../components/form/text-field'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { tcap } from '../emergency/cap-messages'
import { ts } from './messages'

const NEW_POLICY: CapPolicy = {
  exercises: 'mark',
  sites: [],
  geocodes: [],
  defaultMinutes: 60,
  breakGlass: null,
}
const NEW_BREAK_GLASS = {
  severities: ['Extreme'],
  urgencies: ['Immediate'],
  certainties: ['Observed'],
  confirmWithinMinutes: 15,
} satisfies NonNullable<CapPolicy['breakGlass']>

/** Ticks a value in or out of a list, keeping the list's own order. */
const toggled = <T extends string>(all: readonly T[], list: readonly T[], value: T, on: boolean): T[] =>
  all.filter((v) => (v === value ? on : list.includes(v)))

function Ticks<T extends string>({
  legend,
  name,
  all,
  chosen,
  words,
  onChange,
}: {
  legend: string
  name: string
  all: readonly T[]
  chosen: readonly T[]
  words: (value: T) => string
  onChange: (next: T[]) => void
}) {
  return (
    <FieldGroup legend={legend} name={name}>
      {all.map((value) => (
        <label key={value} class="check">
          <input
            type="checkbox"
            name={`${name}.${value}`}
            checked={chosen.includes(value)}
            onChange={(e) => onChange(toggled(all, chosen, value, e.currentTarget.checked))}
          />{' '}
          {words(value)}
        </label>
      ))}
    </FieldGroup>
  )
}

/** Registers a source, or changes one (`source` given): how alerts arrive and what may go on air. */
export function SourceForm({
  source,
  sites,
  onClose,
  onSaved,
}: {
  source: CapSource | null
  sites: readonly Site[]
  onClose: () => void
  /** With the new source's token, shown once, when a pushed source was made. */
  onSaved: (made: { id: string; token: string } | null) => void
}) {
  const [name, setName] = useState(source?.name ?? '')
  const [mode, setMode] = useState<'pull' | 'push'>(source?.mode ?? 'push')
  const [url, setUrl] = useState(source?.url ?? 'https://')
  const [interval, setInterval] = useState(String(source?.intervalMinutes ?? 5))
  const [policy, setPolicy] = useState<CapPolicy>(source?.policy ?? NEW_POLICY)
  const refusalId = useId()
  const change = (patch: Partial<CapPolicy>) => setPolicy({ ...policy, ...patch })
  const glass = policy.breakGlass

  const save = useAction(async () => {
    const pull = mode === 'pull' ? { url: url.trim(), intervalMinutes: Number(interval) } : {}
    if (source) {
      await api.patch('/api/cap-sources/:id', {
        params: { id: source.id },
        body: { name: name.trim(), ...pull, policy },
      })
      notify(ts('saved'))
      onSaved(null)
    } else {
      const body: CapSourceInput = { name: name.trim(), mode, ...pull, policy }
      const created = await api.post('/api/cap-sources', { body })
      notify(ts('saved'))
      onSaved(created.token ? { id: created.source.id, token: created.token } : null)
    }
  })
  /** A field the server named points at its refusal, shown above the buttons. */
  const check = checksOf(save.error, refusalId)
  return (
    <form
      class="form"
      onSubmit={(event) => {
        event.preventDefault()
        void save.run()
      }}
    >
      <NameField value={name} onValue={setName} {...check('name')} />
      {!source && (
        <ChoiceField
          label={ts('mode.label')}
          name="mode"
          value={mode}
          choices={[
            ['push', ts('mode.push')],
            ['pull', ts('mode.pull')],
          ]}
          onChange={(value) => setMode(value === 'pull' ? 'pull' : 'push')}
        />
      )}
      {mode === 'pull' && (
        <>
          <UrlField label={ts('url')} name="url" required value={url} onValue={setUrl} {...check('url')} />
          <WholeNumberField
            label={ts('interval')}
            name="intervalMinutes"
            required
            min={CAP_PULL_MINUTES_MIN}
            max={CAP_PULL_MINUTES_MAX}
            value={interval}
            onValue={setInterval}
            {...check('intervalMinutes')}
          />
        </>
      )}
      <ChoiceField
        label={ts('exercises')}
        name="exercises"
        value={policy.exercises}
        choices={[
          ['mark', ts('exercises.mark')],
          ['hide', ts('exercises.hide')],
        ]}
        onChange={(value) => change({ exercises: value === 'hide' ? 'hide' : 'mark' })}
      />
      <Ticks
        legend={ts('sites')}
        name="sites"
        all={sites.map((s) => s.id)}
        chosen={policy.sites}
        words={(id) => sites.find((s) => s.id === id)?.name[language.value] ?? id}
        onChange={(next) => change({ sites: next })}
      />
      <p class="hint">{ts('sites.hint')}</p>
      <WholeNumberField
        label={ts('default-minutes')}
        name="defaultMinutes"
        required
        min={CAP_DEFAULT_MINUTES_MIN}
        max={CAP_DEFAULT_MINUTES_MAX}
        value={policy.defaultMinutes}
        onValue={(v) => change({ defaultMinutes: Number(v) })}
        {...check('policy.defaultMinutes')}
      />
      <FieldGroup legend={ts('break-glass')} hint={ts('break-glass.hint')} name="break-glass">
        <label class="check">
          <input
            type="checkbox"
            name="breakGlass"
            checked={glass !== null}
            onChange={(e) => change({ breakGlass: e.currentTarget.checked ? NEW_BREAK_GLASS : null })}
          />{' '}
          {ts('break-glass')}
        </label>
        {glass && (
          <>
            <Ticks
              legend={ts('severities')}
              name="severities"
              all={CAP_SEVERITIES}
              chosen={glass.severities}
              words={(v) => tcap(`severity.${v}`)}
              onChange={(next) => change({ breakGlass: { ...glass, severities: next } })}
            />
            <Ticks
              legend={ts('urgencies')}
              name="urgencies"
              all={CAP_URGENCIES}
              chosen={glass.urgencies}
              words={(v) => tcap(`urgency.${v}`)}
              onChange={(next) => change({ breakGlass: { ...glass, urgencies: next } })}
            />
            <Ticks
              legend={ts('certainties')}
              name="certainties"
              all={CAP_CERTAINTIES}
              chosen={glass.certainties}
              words={(v) => tcap(`certainty.${v}`)}
              onChange={(next) => change({ breakGlass: { ...glass, certainties: next } })}
            />
            <WholeNumberField
              label={ts('confirm-minutes')}
              name="confirmWithinMinutes"
              required
              min={1}
              max={CAP_CONFIRM_MINUTES_MAX}
              value={glass.confirmWithinMinutes}
              onValue={(v) => change({ breakGlass: { ...glass, confirmWithinMinutes: Number(v) } })}
              {...check('policy.breakGlass.confirmWithinMinutes')}
            />
          </>
        )}
      </FieldGroup>
      <ErrorMessage id={refusalId} error={save.error} />
      <FormActions label={tc('save')} busyLabel={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

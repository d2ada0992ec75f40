import {
  DATASET_QUICK_APPROVERS_MAX,
  DATASET_STALE_MINUTES_MAX,
  type Dataset,
  type TokenPolicy,
} from '@playlists/schemas/dataset'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { checksOf } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { ApproverPicker } from './approver-picker'
import { td } from './messages'

const HOUR_MINUTES = 60
const HOURS_MAX = DATASET_STALE_MINUTES_MAX / HOUR_MINUTES

/** The stale limit as typed (hours), to minutes: null when empty, undefined when it is no such number. */
export function staleMinutesOf(text: string): number | null | undefined {
  const trimmed = text.trim()
  if (!trimmed) return null
  if (!/^\d+$/.test(trimmed)) return undefined
  const hours = Number(trimmed)
  return hours >= 1 && hours <= HOURS_MAX ? hours * HOUR_MINUTES : undefined
}

/**
 * A dataset's policy as its draft holds it: when its values count as out of date, whether an API
 * token's update waits for approval, and who may make quick changes (picked by name among the
 * accounts that may approve). Saved to the draft: like the rows, a policy applies once a second
 * person approves it.
 */
export function PolicyForm({ dataset, onSaved }: { dataset: Dataset; onSaved: () => void }) {
  const [stale, setStale] = useState(
    dataset.staleAfterMinutes === null
      ? ''
      : String(Math.max(1, Math.round(dataset.staleAfterMinutes / HOUR_MINUTES))),
  )
  const [policy, setPolicy] = useState<TokenPolicy>(dataset.tokenPolicy)
  const [quickApprovers, setQuickApprovers] = useState<readonly string[]>(dataset.quickApprovers)
  const refusalId = useId()
  const staleMinutes = staleMinutesOf(stale)
  const tooMany = quickApprovers.length > DATASET_QUICK_APPROVERS_MAX
  const save = useAction(async () => {
    if (staleMinutes === undefined || tooMany) return
    const { name, columns } = dataset
    await api.put('/api/datasets/:id', {
      params: { id: dataset.id },
      body: {
        name,
        columns,
        quickApprovers: [...quickApprovers],
        staleAfterMinutes: staleMinutes,
        tokenPolicy: policy,
      },
    })
    notify(td('policy.saved'), 'success')
    onSaved()
  })
  return (
    <form
      class="form ds-policy"
      onSubmit={(e) => {
        e.preventDefault()
        void save.run()
      }}
    >
      <h3>{td('policy.title')}</h3>
      <ErrorMessage error={save.error} id={refusalId} />
      <Field label={td('policy.stale')} error={staleMinutes === undefined ? td('stale.invalid') : null}>
        {(control) => (
          <input
            {...control}
            name="stale-hours"
            inputMode="numeric"
            value={stale}
            onInput={(e) => setStale(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={td('policy.token')}>
        {(control) => (
          <select
            {...control}
            name="token-policy"
            value={policy}
            onChange={(e) => setPolicy(e.currentTarget.value as TokenPolicy)}
          >
            <option value="queued">{td('policy.token-queued')}</option>
            <option value="direct">{td('policy.token-direct')}</option>
          </select>
        )}
      </Field>
      <ApproverPicker
        chosen={quickApprovers}
        onChange={setQuickApprovers}
        {...checksOf(save.error, refusalId)('quickApprovers')}
      />
      <div class="form-actions">
        <button type="submit" disabled={save.busy || staleMinutes === undefined || tooMany}>
          {td('policy.save')}
        </button>
      </div>
    </form>
  )
}

import { DATASET_QUICK_APPROVERS_MAX } from '@playlists/schemas/dataset'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import type { FieldCheck } from '../../components/form/field'
import { FieldGroup } from '../../components/form/field-group'
import { tc } from '../../i18n/common'
import { useResource } from '../../use-resource'
import { td } from './messages'

/**
 * The quick approvers, chosen by name among the accounts that may approve (GET /api/approvers,
 * which tells an editor no more than an id and a display name). Someone named earlier who may no
 * longer approve stays listed, by id and marked, so that the person sees why the server refuses
 * the list and can take them off it.
 */
export function ApproverPicker({
  chosen,
  onChange,
  ...check
}: FieldCheck & { chosen: readonly string[]; onChange: (ids: readonly string[]) => void }) {
  const approvers = useResource(read('/api/approvers'))
  const known = approvers.data ?? []
  const gone = chosen.filter((id) => !known.some((a) => a.id === id))
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id))
  const tooMany = chosen.length > DATASET_QUICK_APPROVERS_MAX
  return (
    <FieldGroup
      legend={td('policy.approvers-legend')}
      hint={td('policy.approvers-hint', { max: DATASET_QUICK_APPROVERS_MAX })}
      name="quickApprovers"
      class="ds-approvers"
      {...check}
      {...(tooMany ? { error: td('policy.approvers-hint', { max: DATASET_QUICK_APPROVERS_MAX }) } : {})}
    >
      <ErrorMessage error={approvers.error} />
      {!approvers.data && !approvers.error && <p class="loading">{tc('loading')}</p>}
      {known.map((a) => (
        <label key={a.id} class="check">
          <input
            type="checkbox"
            name="quick-approver"
            value={a.id}
            checked={chosen.includes(a.id)}
            onChange={(e) => toggle(a.id, e.currentTarget.checked)}
          />{' '}
          {a.displayName}
        </label>
      ))}
      {approvers.data &&
        gone.map((id) => (
          <label key={id} class="check">
            <input
              type="checkbox"
              name="quick-approver"
              value={id}
              checked
              onChange={(e) => toggle(id, e.currentTarget.checked)}
            />{' '}
            {td('policy.approver-gone', { id })}
          </label>
        ))}
    </FieldGroup>
  )
}

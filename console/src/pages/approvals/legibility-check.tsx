import { COMMENT_CHARS_MAX } from '@playlists/limits'
import type { QueueEntry } from '@playlists/schemas/approval-queue'
import type { LegibilityFinding, LegibilityReport } from '@playlists/schemas/legibility'
import { type ApiError, kindPath, read } from '../../api'
import { Field } from '../../components/form/field'
import { LegibilityFindings } from '../../components/legibility-findings'
import { tl } from '../../components/legibility-messages'
import { useResource } from '../../use-resource'
import { t } from './messages'

/**
 * The legibility check of a submitted version, as the server runs it when approving: a
 * playlist's slides on the screens it reaches, or those a schedule entry or a layout brings onto
 * new panels (empty when none apply).
 */
export function useLegibility(entry: QueueEntry): {
  findings: LegibilityFinding[]
  /** True when the findings would refuse the approval (not advice on planned panels). */
  blocking: boolean
  report: LegibilityReport | undefined
} {
  // A withdrawal brings nothing on air: nothing to check.
  const path = entry.withdrawal
    ? null
    : read(kindPath(entry.objectType, '/:id/versions/:n/legibility'), {
        params: { id: entry.objectId, n: entry.number },
      })
  const report = useResource(path).data
  const findings = report?.findings ?? []
  return { findings, blocking: findings.length > 0 && report?.planned === false, report }
}

/** The findings the server's refusal carried, when it refused for legibility. */
export const refusedFindings = (error: ApiError | null): LegibilityFinding[] | null => {
  const details = error?.details as { code?: string; findings?: LegibilityFinding[] } | undefined
  return error?.status === 409 && details?.code === 'legibility' ? (details.findings ?? []) : null
}

/**
 * What the approver reads before approving a playlist version whose slides fail the check, and
 * the reason they must give to approve it anyway (kept with the approval, audited).
 */
export function LegibilityOverride({
  findings,
  blocking,
  planned,
  reason,
  missing,
  onReason,
}: {
  findings: readonly LegibilityFinding[]
  blocking: boolean
  planned: boolean
  reason: string
  missing: boolean
  onReason: (text: string) => void
}) {
  if (findings.length === 0) return null
  return (
    <div class="approvals-legibility" data-legibility="flagged">
      <h3>{tl('title')}</h3>
      <p class="badge danger" role="status">
        {tl('flagged', { count: findings.length })}
      </p>
      {planned && <p class="muted">{tl('planned')}</p>}
      <LegibilityFindings findings={findings} />
      {blocking && (
        <>
          <p>{t('legibility.blocks')}</p>
          <Field label={t('legibility.reason')} error={missing ? t('legibility.reason-needed') : null}>
            {(control) => (
              <textarea
                {...control}
                name="legibilityOverride"
                rows={2}
                maxLength={COMMENT_CHARS_MAX}
                value={reason}
                placeholder={t('legibility.reason-hint')}
                onInput={(e) => onReason(e.currentTarget.value)}
              />
            )}
          </Field>
        </>
      )}
    </div>
  )
}

import type { ApprovableType, VersionSummary } from '@playlists/schemas/approval'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, kindPath } from '../api'
import { defineMessages } from '../i18n/i18n'
import './approval-state.css'

/**
 * Where an approvable object (a schedule entry, a layout, a playlist) stands on its way to the
 * screens: a draft never submitted, waiting for a decision, approved but not yet on air, rejected,
 * or on air, and whether its draft changed since the last submission.
 */
const t = defineMessages('approval-state', {
  vi: {
    draft: 'Bản nháp, chưa gửi duyệt',
    submitted: 'Chờ duyệt (bản {n})',
    approved: 'Đã duyệt, chưa phát (bản {n})',
    rejected: 'Bị từ chối (bản {n})',
    live: 'Đang phát (bản {n})',
    withdrawal: 'Đề nghị gỡ khỏi màn hình (bản {n})',
    'withdrawn-live': 'Đã gỡ khỏi màn hình (bản {n})',
    changed: 'Có thay đổi chưa gửi duyệt',
    unknown: 'Chưa rõ trạng thái',
  },
  zh: {
    draft: '草稿，尚未提交审批',
    submitted: '待审批（第 {n} 版）',
    approved: '已批准，尚未发布（第 {n} 版）',
    rejected: '已驳回（第 {n} 版）',
    live: '播放中（第 {n} 版）',
    withdrawal: '申请撤下（第 {n} 版）',
    'withdrawn-live': '已从屏幕撤下（第 {n} 版）',
    changed: '有未提交审批的修改',
    unknown: '状态未知',
  },
  en: {
    draft: 'Draft, never submitted',
    submitted: 'Waiting for approval (version {n})',
    approved: 'Approved, not on air yet (version {n})',
    rejected: 'Rejected (version {n})',
    live: 'On air (version {n})',
    withdrawal: 'Withdrawal requested (version {n})',
    'withdrawn-live': 'Taken off the screens (version {n})',
    changed: 'Changed since last submitted',
    unknown: 'State unknown',
  },
})

export interface ApprovalStanding {
  /** The version on air, if any (a withdrawal on air means the object is off every screen). */
  live: VersionSummary | null
  latest: VersionSummary | null
  /** The draft was edited after the latest submission: it needs submitting again. */
  changed: boolean
}

/** `versions` newest first, as the API lists them; `updatedAt` is the draft's last edit. */
export function standingOf(versions: readonly VersionSummary[], updatedAt: string): ApprovalStanding {
  const latest = versions[0] ?? null
  return {
    live: versions.find((v) => v.live) ?? null,
    latest,
    changed: latest !== null && updatedAt > latest.submittedAt,
  }
}

/** The object is on screens now: deleting it needs a withdrawal approved first. */
export const isOnAir = (s: ApprovalStanding | undefined): boolean => Boolean(s?.live && !s.live.withdrawal)

/** Badges for a standing; `undefined` while it loads. */
export function ApprovalState({ standing }: { standing: ApprovalStanding | undefined }) {
  if (!standing) return <span class="badge">{t('unknown')}</span>
  const { live, latest, changed } = standing
  const badges: { kind: string; text: string }[] = []
  if (!latest) badges.push({ kind: 'warn', text: t('draft') })
  else {
    if (live) {
      badges.push(
        live.withdrawal
          ? { kind: '', text: t('withdrawn-live', { n: live.number }) }
          : { kind: 'ok', text: t('live', { n: live.number }) },
      )
    }
    if (!latest.live) {
      if (latest.state === 'submitted')
        badges.push({
          kind: 'warn',
          text: latest.withdrawal
            ? t('withdrawal', { n: latest.number })
            : t('submitted', { n: latest.number }),
        })
      else if (latest.state === 'approved')
        badges.push({ kind: 'warn', text: t('approved', { n: latest.number }) })
      else badges.push({ kind: 'danger', text: t('rejected', { n: latest.number }) })
    }
    if (changed) badges.push({ kind: 'warn', text: t('changed') })
  }
  return (
    <span class="approval-state">
      {badges.map((b) => (
        <span key={b.text} class={`badge ${b.kind}`}>
          {b.text}
        </span>
      ))}
    </span>
  )
}

/**
 * The standings of several objects of one kind, fetched together (one request each; callers pass
 * one page of a list, never thousands). `nonce` refetches after a submit or an edit.
 */
export function useStandings(
  type: ApprovableType,
  objects: readonly { id: string; updatedAt: string }[],
  nonce = 0,
): Map<string, ApprovalStanding> {
  const [standings, setStandings] = useState(new Map<string, ApprovalStanding>())
  const latest = useRef(0)
  const key = objects.map((o) => `${o.id}@${o.updatedAt}`).join('|')
  // `key` stands for `objects`: a new array with the same objects must not refetch.
  useEffect(() => {
    const ticket = ++latest.current
    void Promise.all(
      objects.map(async (o) => {
        try {
          const versions = await api.get(kindPath(type, '/:id/versions'), { params: { id: o.id } })
          return [o.id, standingOf(versions, o.updatedAt)] as const
        } catch {
          // A vanished object (deleted in another tab) simply shows no state.
          return null
        }
      }),
    ).then((pairs) => {
      if (ticket !== latest.current) return
      setStandings(new Map(pairs.filter((p) => p !== null)))
    })
  }, [type, key, nonce])
  return standings
}

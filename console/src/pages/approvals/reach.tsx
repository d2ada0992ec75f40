import type { ApprovableType } from '@playlists/schemas/approval'
import type { Companion, Reach } from '@playlists/schemas/reach'
import { api, kindPath, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { type Resource, useResource } from '../../use-resource'
import { detailHref } from './kinds'
import { t } from './messages'
import { tr } from './reach-messages'

/** Screens named in a confirmation at most: enough to recognise, not the whole province. */
const REACH_NAMES_MAX = 12

/** "Schedule entry “Evening”, version 2", linked to its page. */
export function CompanionLink({ companion: c }: { companion: Companion }) {
  return (
    <a href={detailHref(c.objectType, c.objectId, c.number)}>
      {tr(c.objectType === 'schedule' ? 'companion.schedule' : 'companion.playlist', {
        name: c.name,
        number: c.number,
      })}
    </a>
  )
}

function Companions({ companions }: { companions: readonly Companion[] }) {
  return (
    <ul class="approvals-companions">
      {companions.map((c) => (
        <li key={`${c.objectType}:${c.objectId}`}>
          <CompanionLink companion={c} /> — {tr(`companion.${c.state}`)}
        </li>
      ))}
    </ul>
  )
}

/**
 * What a publish will reach, said before it happens: the screens by name and size, or a warning
 * that there are none and why (the schedule entry that would play a new playlist still waits),
 * with the versions that go with it.
 */
export function ReachSummary({ type, reach }: { type: ApprovableType; reach: Reach }) {
  const { screens, companions } = reach
  if (screens.length === 0) {
    const why =
      type === 'playlist'
        ? companions.length > 0
          ? 'reach.why-waiting'
          : 'reach.why-playlist'
        : type === 'layout'
          ? 'reach.why-layout'
          : type === 'feed'
            ? 'reach.why-feed'
            : type === 'dataset'
              ? 'reach.why-dataset'
              : 'reach.why-schedule'
    return (
      <div class="approvals-reach approvals-reach-none" role="alert">
        <p>
          <strong>{tr('reach.none')}</strong>
        </p>
        <p>{tr(why)}</p>
        {companions.length > 0 && <Companions companions={companions} />}
        {companions.length > 0 && <p class="muted">{tr('together.order')}</p>}
      </div>
    )
  }
  return (
    <div class="approvals-reach">
      <p>{tr('reach.list')}</p>
      <ul class="approvals-reach-screens">
        {screens.slice(0, REACH_NAMES_MAX).map((s) => (
          <li key={s.id}>
            {tr('reach.screen', { name: shownName(s.name), width: s.width, height: s.height })}
          </li>
        ))}
      </ul>
      {screens.length > REACH_NAMES_MAX && (
        <p class="muted">{t('preview.more', { count: screens.length - REACH_NAMES_MAX })}</p>
      )}
      {companions.length > 0 && (
        <div class="approvals-reach-needs">
          <p>{tr('reach.needs-playlist')}</p>
          <Companions companions={companions} />
        </div>
      )}
    </div>
  )
}

/** A version's reach, asked while `asked` holds (a confirmation open): what holds now. */
export const useReach = (
  version: { objectType: ApprovableType; objectId: string; number: number },
  asked = true,
) =>
  useResource(
    asked
      ? read(kindPath(version.objectType, '/:id/versions/:n/reach'), {
          params: { id: version.objectId, n: version.number },
        })
      : null,
  )

/** The reach as the server's answer arrives: loading, the refusal, then the summary. */
export function ReachAnswer({ type, reach }: { type: ApprovableType; reach: Resource<Reach> }) {
  if (reach.error) return <ErrorMessage error={reach.error} />
  if (!reach.data) return <p class="loading">{tc('loading')}</p>
  return <ReachSummary type={type} reach={reach.data} />
}

/** The version and the approved companions it goes with, as a change set's `versions`. */
export const changeSetOf = (
  version: { objectType: ApprovableType; objectId: string; number: number },
  companions: readonly Companion[],
) => [
  { type: version.objectType, id: version.objectId, number: version.number },
  ...companions
    .filter((c) => c.state === 'approved')
    .map((c) => ({ type: c.objectType, id: c.objectId, number: c.number })),
]

/**
 * "Put both on air together": the version and its approved companions in one change set (one
 * server call, one transaction). Absent while no companion is approved: the list says to approve
 * it first.
 */
export function PublishTogether({
  version,
  companions,
  onDone,
  compact = false,
}: {
  version: { objectType: ApprovableType; objectId: string; number: number }
  companions: readonly Companion[]
  onDone: () => void
  /** In a table row: the button alone, without the sentence. */
  compact?: boolean
}) {
  const versions = changeSetOf(version, companions)
  const together = useAction(async () => {
    await api.post('/api/approvals/change-set', { body: { versions } })
    notify(tr('together.done'))
    onDone()
  })
  const { busy, error } = together
  if (versions.length < 2) return null
  const publish = () => void together.run()
  return (
    <div class="approvals-together">
      {!compact && <p>{tr('together.intro')}</p>}
      <ErrorMessage error={error} />
      <button type="button" class="primary" name="publish-together" disabled={busy} onClick={publish}>
        {tr('together.button')}
      </button>
    </div>
  )
}

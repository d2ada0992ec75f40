import type { ApprovableType } from '@playlists/schemas/approval'
import { QUEUE_PAGE_MAX } from '@playlists/schemas/approval-queue'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useState } from 'preact/hooks'
import { kindPath, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { ts } from '../../i18n/shell'
import { href } from '../../router'
import { me } from '../../session'
import { useResource } from '../../use-resource'
import { type PreviewSize, previewSizes } from '../playlists/screen-sizes'
import { DecisionPanel } from './decision'
import { DiffView } from './diff-view'
import { HISTORY_PAGE, person, VersionHistory } from './history'
import { baseOf, previewHref, STANDING_BADGE, standingOf } from './kinds'
import { t } from './messages'
import { ReachSummary } from './reach'
import { tr } from './reach-messages'
import { VersionPreviews } from './version-previews'

/** Screens named in links: enough to preview on, not the whole province. */
const PREVIEW_LINKS_MAX = 12

function PreviewLinks({
  type,
  id,
  number,
  screens,
}: {
  type: ApprovableType
  id: string
  number: number
  screens: string[]
}) {
  const all = useResource(read('/api/screens'))
  const names = new Map((all.data ?? []).map((s) => [s.id, shownName(s.name)]))
  if (screens.length === 0) return <p class="muted">{t('preview.none')}</p>
  return (
    <>
      <p>{t('preview.intro', { count: screens.length })}</p>
      <ul class="approvals-preview">
        {screens.slice(0, PREVIEW_LINKS_MAX).map((s) => (
          <li key={s}>
            <a
              href={previewHref(s, type, id, number)}
              aria-label={t('preview.on', { screen: names.get(s) ?? s })}
            >
              {names.get(s) ?? s}
            </a>
          </li>
        ))}
      </ul>
      {screens.length > PREVIEW_LINKS_MAX && (
        <p class="muted">{t('preview.more', { count: screens.length - PREVIEW_LINKS_MAX })}</p>
      )}
    </>
  )
}

/** What changed, read against the version on air (or the one before). */
function Changes({
  type,
  id,
  number,
  base,
  slideSize,
}: {
  type: ApprovableType
  id: string
  number: number
  base: number | null
  slideSize: PreviewSize | undefined
}) {
  const version = useResource(read(kindPath(type, '/:id/versions/:n'), { params: { id, n: number } }))
  const before = useResource(
    base === null ? null : read(kindPath(type, '/:id/versions/:n'), { params: { id, n: base } }),
  )
  const diff = useResource(
    base === null
      ? null
      : read(kindPath(type, '/:id/diff'), { params: { id }, query: { from: base, to: number } }),
  )
  const error = version.error ?? before.error ?? diff.error
  const ready = version.data && (base === null || (before.data && diff.data))
  return (
    <section class="approvals-changes" aria-labelledby="approvals-changes-title">
      <h2 id="approvals-changes-title">{t('diff.title')}</h2>
      <p class="muted">{base === null ? t('diff.against-nothing') : t('diff.against', { number: base })}</p>
      <ErrorMessage error={error} />
      {ready ? (
        <DiffView
          changes={diff.data?.changes ?? []}
          before={base === null ? null : (before.data?.body ?? null)}
          after={version.data?.body ?? null}
          slideSize={slideSize}
        />
      ) : (
        !error && <p class="loading">{tc('loading')}</p>
      )}
    </section>
  )
}

/**
 * One version: who submitted it and when, what it changes (against the version on air), what
 * the reader may do with it (decide, publish, roll back), where to preview it, and its history.
 */
export function VersionDetail({ type, id, number }: { type: ApprovableType; id: string; number: number }) {
  const [historyPage, setHistoryPage] = useState(1)
  const one = useResource(
    read('/api/approvals', { query: { view: 'all', type, objectId: id, number, pageSize: 1 } }),
  )
  const history = useResource(
    read('/api/approvals', {
      query: {
        view: 'all',
        type,
        objectId: id,
        page: historyPage,
        pageSize: Math.min(HISTORY_PAGE, QUEUE_PAGE_MAX),
      },
    }),
  )
  const reload = () => {
    one.reload()
    history.reload()
    reach.reload()
  }
  const entry = one.data?.items[0]
  const standing = entry && standingOf(entry)
  const version = useResource(read(kindPath(type, '/:id/versions/:n'), { params: { id, n: number } }))
  const reach = useResource(read(kindPath(type, '/:id/versions/:n/reach'), { params: { id, n: number } }))
  // Slides are drawn at the first size the version reaches, else at the gates' LED panel.
  const first = reach.data?.screens[0]
  const slideSize: PreviewSize | undefined = reach.data
    ? first
      ? {
          id: 'reach',
          width: first.width,
          height: first.height,
          timeZone: DEFAULT_TIME_ZONE,
          screens: [first.name],
        }
      : previewSizes(undefined, undefined)[0]
    : undefined
  const mine = entry?.authors.includes(me.value?.user.id ?? '')

  return (
    <div class="approvals-page">
      <p class="no-print">
        <a href={href('approvals')}>{t('back')}</a>
      </p>
      <h1>
        {entry
          ? t('detail.title', { kind: t(`kind.${type}`), name: entry.name, number })
          : ts('nav.approvals')}
      </h1>
      <ErrorMessage error={one.error} />
      {one.data && !entry && <p class="empty">{t('detail.missing')}</p>}
      {!one.data && !one.error && <p class="loading">{tc('loading')}</p>}
      {entry && standing && (
        <>
          <div class="approvals-top">
            <section class="card approvals-summary" aria-labelledby="approvals-summary-title">
              <h2 id="approvals-summary-title" class="visually-hidden">
                {t('detail.summary')}
              </h2>
              <dl>
                <div>
                  <dt>{t('col.state')}</dt>
                  <dd>
                    <span class={STANDING_BADGE[standing]}>{t(`standing.${standing}`)}</span>
                    {entry.withdrawal && <span class="badge danger">{t('withdrawal')}</span>}
                  </dd>
                </div>
                <div>
                  <dt>{t('col.submitted')}</dt>
                  <dd>
                    {t('detail.by-at', {
                      name: person(entry.submittedBy, entry.submittedByName),
                      at: formatDateTime(entry.submittedAt),
                    })}
                  </dd>
                </div>
                <div>
                  <dt>{t('detail.authors')}</dt>
                  <dd>
                    {entry.authorNames.join(', ') || '—'}
                    {mine && <span class="badge warn">{t('detail.you-author')}</span>}
                  </dd>
                </div>
                {entry.decidedBy && entry.decidedAt && (
                  <div>
                    <dt>{t('col.decision')}</dt>
                    <dd>
                      {t('detail.by-at', {
                        name: person(entry.decidedBy, entry.decidedByName ?? entry.decidedBy),
                        at: formatDateTime(entry.decidedAt),
                      })}
                    </dd>
                  </div>
                )}
                {entry.comment && (
                  <div>
                    <dt>{entry.state === 'rejected' ? t('detail.reason') : t('detail.comment')}</dt>
                    <dd class="approvals-comment">{shownName(entry.comment)}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('detail.on-air')}</dt>
                  <dd>
                    {entry.liveNumber === null
                      ? t('detail.none-on-air')
                      : t('version.number', { number: entry.liveNumber })}
                  </dd>
                </div>
              </dl>
            </section>
            <DecisionPanel entry={entry} onDone={reload} />
          </div>
          {!entry.withdrawal && (
            <section class="approvals-section" aria-labelledby="approvals-looks-title">
              <h2 id="approvals-looks-title">{tr('previews.title')}</h2>
              <ErrorMessage error={reach.error ?? version.error} />
              {reach.data && !entry.live && <ReachSummary type={type} reach={reach.data} />}
              {reach.data && version.data ? (
                <VersionPreviews
                  type={type}
                  id={id}
                  number={number}
                  body={version.data.body}
                  reach={reach.data}
                />
              ) : (
                !reach.error && !version.error && <p class="loading">{tc('loading')}</p>
              )}
            </section>
          )}
          {!entry.live && standing !== 'rejected' && !entry.withdrawal && (
            <section class="approvals-section" aria-labelledby="approvals-preview-title">
              <h2 id="approvals-preview-title">{t('preview.title')}</h2>
              <PreviewLinks type={type} id={id} number={number} screens={entry.screens} />
            </section>
          )}
          <Changes
            key={`${number}:${entry.liveNumber}`}
            type={type}
            id={id}
            number={number}
            base={baseOf(entry)}
            slideSize={slideSize}
          />
          <section class="approvals-section" aria-labelledby="approvals-history-title">
            <h2 id="approvals-history-title">{t('history.title')}</h2>
            <VersionHistory
              history={history}
              current={number}
              page={historyPage}
              onPage={setHistoryPage}
              onChanged={reload}
            />
          </section>
        </>
      )}
    </div>
  )
}

import type { Screen } from '@playlists/schemas/screen'
import type { Screenshot, ScreenshotImage } from '@playlists/schemas/screenshots'
import { useMemo } from 'preact/hooks'
import { hrefOf, read } from '../../api'
import { useAction } from '../../components/form/use-action'
import { RelativeTime } from '../../components/relative-time'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { useResource } from '../../use-resource'
import { verdictLabel } from './screenshot-incident'
import { ts } from './screenshot-messages'
import { takeScreenshot } from './screenshot-take'

const NONE: Screenshot[] = []

const pictureOf = (shot: Screenshot, image: ScreenshotImage) =>
  hrefOf('/api/screenshots/:id/:image', { params: { id: shot.id, image } })

/** Each screen's newest screenshot, by screen id (read once with the page). */
export function useLatestScreenshots(): ReadonlyMap<string, Screenshot> {
  const latest = useResource(read('/api/screenshots/latest'))
  const list = latest.data ?? NONE
  return useMemo(() => new Map(list.map((s) => [s.screenId, s])), [list])
}

export const verdictTone = (shot: Screenshot): string =>
  shot.verdict === 'as-expected' ? 'ok' : shot.verdict === 'unverified' ? '' : 'danger'

/** A capture's picture, with what the screen should have shown beside it when it did not. */
export function ScreenshotPictures({
  shot,
  name,
  timeZone,
}: {
  shot: Screenshot
  name: string
  timeZone: string
}) {
  const at = formatDateTime(shot.capturedAt, timeZone, true)
  return (
    <div class="screenshot-pictures">
      <figure>
        <a href={pictureOf(shot, 'full')} target="_blank" rel="noreferrer">
          <img src={pictureOf(shot, 'thumb')} alt={ts('latest.alt', { name, at })} loading="lazy" />
        </a>
        {shot.verdict !== 'as-expected' && shot.hasExpected && <figcaption>{ts('actual.label')}</figcaption>}
      </figure>
      {shot.verdict !== 'as-expected' && shot.hasExpected && (
        <figure>
          <a href={pictureOf(shot, 'expected')} target="_blank" rel="noreferrer">
            <img src={pictureOf(shot, 'expected')} alt={ts('expected.alt', { name, at })} loading="lazy" />
          </a>
          <figcaption>{ts('expected.label')}</figcaption>
        </figure>
      )}
    </div>
  )
}

/** The Screens page's cell: the newest screenshot, its verdict and time, its history, a new one now. */
export function LatestScreenshot({
  screen,
  shot,
  timeZone,
  now,
  operate,
  onHistory,
}: {
  screen: Screen
  shot: Screenshot | undefined
  timeZone: string
  now: number
  operate: boolean
  onHistory: () => void
}) {
  const take = useAction(() => takeScreenshot(screen))
  const name = shownName(screen.name)
  return (
    <div class="screenshot-latest" data-screenshot={shot?.id}>
      {shot ? (
        <>
          <ScreenshotPictures shot={shot} name={name} timeZone={timeZone} />
          <span class={`badge ${verdictTone(shot)} screenshot-verdict`} title={shot.detail}>
            {verdictLabel(shot.verdict)}
          </span>{' '}
          <RelativeTime at={shot.capturedAt} now={now} timeZone={timeZone} />
          <div>
            <button type="button" class="link" onClick={onHistory}>
              {ts('history.open')}
            </button>
          </div>
        </>
      ) : (
        <span class="muted">{ts('latest.none')}</span>
      )}
      {operate && (
        <div>
          <button
            type="button"
            disabled={take.busy}
            aria-label={ts('take.label', { name })}
            onClick={() => void take.run()}
          >
            {ts('take.button')}
          </button>
        </div>
      )}
    </div>
  )
}

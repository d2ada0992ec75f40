import type { Screen } from '@playlists/schemas/screen'
import { SCREENSHOT_PAGE_SIZES } from '@playlists/schemas/screenshots'
import { useState } from 'preact/hooks'
import { read } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Pager } from '../../components/form/pager'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { useResource } from '../../use-resource'
import { verdictLabel } from './screenshot-incident'
import { ScreenshotPictures, verdictTone } from './screenshot-latest'
import { ts } from './screenshot-messages'

/** One screen's screenshots, newest first, a page at a time, each with its verdict and why. */
export function ScreenshotHistoryDialog({
  screen,
  timeZone,
  onClose,
}: {
  screen: Screen | null
  timeZone: string
  onClose: () => void
}) {
  const [page, setPage] = useState(1)
  const pageSize = SCREENSHOT_PAGE_SIZES.default
  const history = useResource(
    screen
      ? read('/api/screens/:id/screenshots', {
          params: { id: screen.id },
          query: { page: String(page), pageSize: String(pageSize) },
        })
      : null,
  )
  const name = screen ? shownName(screen.name) : ''
  const items = history.data?.items ?? []
  return (
    <Dialog title={ts('history.title', { name })} open={screen !== null} onClose={onClose}>
      <ErrorMessage error={history.error} />
      {history.loading && !history.data ? (
        <p class="loading">{tc('loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{ts('history.empty')}</p>
      ) : (
        <>
          <p class="muted">{ts('history.total', { count: history.data?.total ?? 0 })}</p>
          <ol class="screenshot-history">
            {items.map((shot) => (
              <li key={shot.id} data-screenshot={shot.id}>
                <ScreenshotPictures shot={shot} name={name} timeZone={timeZone} />
                <span class={`badge ${verdictTone(shot)}`}>{verdictLabel(shot.verdict)}</span>{' '}
                <time dateTime={shot.capturedAt}>{formatDateTime(shot.capturedAt, timeZone, true)}</time>{' '}
                <span class="muted">{ts(`reason.${shot.reason}`)}</span>
                {/* The server's reason, in English, with the numbers that decided. */}
                <div class="muted" lang="en">
                  {shot.detail}
                </div>
              </li>
            ))}
          </ol>
          <Pager page={page} pageSize={pageSize} total={history.data?.total ?? 0} onPage={setPage} />
        </>
      )}
    </Dialog>
  )
}

import type { PreviewMode, PreviewStateMessage } from '@playlists/preview-protocol'
import type { PendingVersion } from '@playlists/schemas/preview'
import { parseDraftRefs } from '@playlists/schemas/preview'
import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { formatDateTime } from '../../i18n/i18n'
import { draftLabel } from './draft-picker'
import { useMediaName } from './media-names'
import { t } from './messages'
import { itemLabel, mediaOfItem } from './plays-list'

/** Re-renders every `ms`, for a clock that ticks. */
function useTick(ms: number): void {
  const [, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms)
    return () => clearInterval(timer)
  }, [ms])
}

/** What the frame says it shows: the item, the instant, and for the mirror the screen's own report. */
export function Status({
  mode,
  shown,
  zone,
  draft,
  pending,
}: {
  mode: PreviewMode
  shown: { state: PreviewStateMessage; at: number } | null
  zone: string
  draft: string | null
  pending: PendingVersion[] | undefined
}) {
  useTick(1_000)
  const state = shown?.state
  const mediaName = useMediaName(mediaOfItem(state?.item))
  const now = state ? state.atMs + (state.running ? performance.now() - shown.at : 0) : null
  const screen = state?.screen
  const refs = draft ? (parseDraftRefs(draft) ?? []) : []
  return (
    <div class="preview-status">
      {mode === 'draft' && refs.length > 0 && (
        <p>{t('draft.showing', { list: refs.map((r) => draftLabel(r, pending)).join('; ') })}</p>
      )}
      {mode === 'live' && screen && (
        <p>
          <span class={`badge ${screen.online ? 'ok' : 'danger'}`}>
            {t(screen.online ? 'live.online' : 'live.offline')}
          </span>{' '}
          {screen.appliedVersion === null
            ? t('live.never')
            : t('live.version', {
                applied: screen.appliedVersion,
                published: screen.publishedVersion ?? '—',
              })}{' '}
          {screen.appliedVersion !== null &&
            screen.publishedVersion !== null &&
            screen.appliedVersion < screen.publishedVersion && (
              <span class="badge warn">{t('live.behind')}</span>
            )}
        </p>
      )}
      {state?.error ? (
        <ErrorMessage
          error={new ApiError(state.error.status, '', state.error.message)}
          headline={t('frame.error')}
        />
      ) : (
        state && (
          <p data-showing={state.itemId ?? ''}>
            {t('showing', {
              item:
                state.itemId === null
                  ? t('showing.nothing')
                  : `${itemLabel(state.item ?? undefined, state.itemId, mediaName)}${state.playlistName ? ` (${state.playlistName})` : ''}`,
            })}
          </p>
        )
      )}
      {now !== null && <p class="muted">{t('clock', { time: formatDateTime(now, zone, true) })}</p>}
    </div>
  )
}

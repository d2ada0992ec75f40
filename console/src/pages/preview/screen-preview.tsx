import {
  isFromPreview,
  type PreviewMode,
  type PreviewStateMessage,
  previewAddress,
  type SeekMessage,
} from '@playlists/preview-protocol'
import { parseDraftRefs } from '@playlists/schemas/preview'
import { useEffect, useRef, useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { href, navigate } from '../../router'
import { useResource } from '../../use-resource'
import { DraftPicker } from './draft-picker'
import { dayAround, toMinute } from './local-time'
import { t } from './messages'
import { ModeTabs } from './mode-tabs'
import { PlaysList } from './plays-list'
import { hashFor, modeOf, parseAt } from './preview-address'
import { PreviewFrame } from './preview-frame'
import { Status } from './preview-status'
import { type Range, TimeControls } from './time-controls'

const HOUR = 3_600_000

/** One screen's preview: the mode tabs, the mode's controls, the scaled frame, and what plays when. */
export function ScreenPreview({ screenId, query }: { screenId: string; query: URLSearchParams }) {
  const screen = useResource(read('/api/screens/:id', { params: { id: screenId } }))
  const site = useResource(
    screen.data ? read('/api/sites/:id', { params: { id: screen.data.siteId } }) : null,
  )
  const zone = screen.data ? (screen.data.timeZone ?? site.data?.timeZone ?? null) : null

  const mode = modeOf(query)
  const draftText = query.get('draft')
  const draft = draftText && parseDraftRefs(draftText) ? draftText : null
  const queryAt = parseAt(query.get('at'))
  // A draft shows now unless the address names an instant; "at a time" always has one.
  const timed = mode === 'at' || (mode === 'draft' && queryAt !== null)

  const [atMs, setAtMs] = useState(() => queryAt ?? Math.ceil((Date.now() + HOUR) / HOUR) * HOUR)
  const [running, setRunning] = useState(query.get('run') === '1')
  const [range, setRange] = useState<Range | null>(null)
  useEffect(() => {
    if (queryAt !== null) setAtMs(queryAt)
  }, [queryAt])
  useEffect(() => {
    if (zone && (range === null || atMs < range.from || atMs > range.to)) setRange(dayAround(atMs, zone))
  }, [zone, atMs, range])

  const seek = (at: number, run: boolean) => {
    setAtMs(at)
    setRunning(run)
  }

  // The frame's address changes with the mode, the versions and whether an instant is chosen;
  // moving the instant is a message to the frame, not a reload.
  const frame = useRef<HTMLIFrameElement>(null)
  const srcKey = `${mode}|${draft}|${timed}`
  const src = useRef<{ key: string; src: string } | null>(null)
  if (src.current?.key !== srcKey) {
    src.current = {
      key: srcKey,
      src: previewAddress({
        screenId,
        atMs: timed ? atMs : null,
        running,
        draft: mode === 'draft' ? draft : null,
      }),
    }
  }
  const seekNow = useRef(() => {})
  seekNow.current = () => {
    if (mode === 'live') return
    const message: SeekMessage = {
      source: 'gatecast:console',
      type: 'seek',
      atMs: timed ? atMs : null,
      running,
    }
    frame.current?.contentWindow?.postMessage(message, location.origin)
  }
  useEffect(() => seekNow.current(), [atMs, running, timed])

  // What the frame reports it shows.
  const [shown, setShown] = useState<{ state: PreviewStateMessage; at: number } | null>(null)
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== location.origin || e.source !== frame.current?.contentWindow) return
      if (!isFromPreview(e.data)) return
      if (e.data.type === 'ready') seekNow.current()
      else setShown({ state: e.data, at: performance.now() })
    }
    addEventListener('message', onMessage)
    return () => removeEventListener('message', onMessage)
  }, [])

  // The address follows the instant (replaced, not pushed: dragging must not fill the history).
  useEffect(() => {
    if (mode === 'live') return
    const timer = setTimeout(() => {
      const next = hashFor(screenId, mode, { atMs: timed ? atMs : null, running, draft })
      if (location.hash !== next) history.replaceState(null, '', next)
    }, 300)
    return () => clearTimeout(timer)
  }, [mode, atMs, running, timed, draft, screenId])

  const pending = useResource(
    mode === 'draft' ? read('/api/screens/:id/pending-versions', { params: { id: screenId } }) : null,
  )
  const listDoc = useResource(
    mode !== 'live' && range && (mode === 'at' || draft)
      ? read('/api/screens/:id/preview-document', {
          params: { id: screenId },
          query: {
            at: new Date(range.from).toISOString(),
            draft: mode === 'draft' ? draft : null,
          },
        })
      : null,
  )

  const ruleNames = useResource(
    mode !== 'live' ? read('/api/screens/:id/rule-names', { params: { id: screenId } }) : null,
  )

  if (screen.error) {
    return (
      <>
        <h1>{t('title')}</h1>
        <ErrorMessage error={screen.error} />
        <a href={href('preview')}>{t('screen.other')}</a>
      </>
    )
  }
  // The heading names the site: wait for it (a failed site falls back to its id, not to a spinner).
  if (!screen.data || !zone || (!site.data && !site.error)) return <p class="loading">{tc('loading')}</p>
  const s = screen.data

  const go = (next: PreviewMode) =>
    navigate(hashFor(screenId, next, { atMs: next === 'at' ? atMs : null, running, draft }))

  return (
    <>
      <h1>{t('title.screen', { name: shownName(s.name) })}</h1>
      <p class="muted">
        {site.data?.name[language.value] ?? s.siteId} ·{' '}
        {t('screen.size', { width: s.width, height: s.height })} · {t('screen.zone', { zone })} ·{' '}
        <a href={href('preview')}>{t('screen.other')}</a>
      </p>
      <ModeTabs mode={mode} onChoose={go} />
      <div class="preview-layout">
        <div
          class="preview-controls card"
          role="tabpanel"
          id="preview-panel"
          aria-labelledby={`preview-tab-${mode}`}
        >
          {mode === 'live' && <p>{t('live.intro')}</p>}
          {mode === 'at' && <p>{t('at.intro')}</p>}
          {mode === 'draft' && (
            <>
              <p>{t('draft.intro')}</p>
              <DraftPicker
                pending={pending}
                draft={draft}
                onChoose={(next) =>
                  navigate(hashFor(screenId, 'draft', { atMs: timed ? atMs : null, running, draft: next }))
                }
              />
              {draft && (
                <fieldset class="preview-when">
                  <legend>{t('draft.when')}</legend>
                  <label>
                    <input
                      type="radio"
                      name="when"
                      checked={!timed}
                      onChange={() => navigate(hashFor(screenId, 'draft', { atMs: null, running, draft }))}
                    />{' '}
                    {t('draft.now')}
                  </label>{' '}
                  <label>
                    <input
                      type="radio"
                      name="when"
                      checked={timed}
                      onChange={() => navigate(hashFor(screenId, 'draft', { atMs, running, draft }))}
                    />{' '}
                    {t('draft.at')}
                  </label>
                </fieldset>
              )}
            </>
          )}
          {timed && range && (
            <TimeControls
              zone={zone}
              atMs={atMs}
              running={running}
              range={range}
              onSeek={(at, run) => seek(toMinute(at), run)}
              onRange={setRange}
            />
          )}
        </div>
        <div class="preview-view">
          <Status mode={mode} shown={shown} zone={zone} draft={draft} pending={pending.data} />
          {(mode !== 'draft' || draft) && (
            <PreviewFrame
              src={src.current.src}
              width={s.width}
              height={s.height}
              name={shownName(s.name)}
              frame={frame}
            />
          )}
        </div>
      </div>
      {mode !== 'live' && range && (
        <>
          <ErrorMessage error={listDoc.error} />
          {listDoc.data && (
            <PlaysList
              doc={listDoc.data}
              from={range.from}
              to={range.to}
              atMs={atMs}
              zone={zone}
              ruleNames={ruleNames.data ?? {}}
              onSeek={(at) => {
                if (!timed) navigate(hashFor(screenId, mode, { atMs: at, running, draft }))
                seek(at, running)
              }}
            />
          )}
        </>
      )}
    </>
  )
}

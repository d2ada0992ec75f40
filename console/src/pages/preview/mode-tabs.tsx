import type { PreviewMode } from '@playlists/preview-protocol'
import { t } from './messages'

const MODES: readonly PreviewMode[] = ['live', 'at', 'draft']

/** Live / At a time / Draft, as tabs: arrow keys move between them, as in any tab list. */
export function ModeTabs({ mode, onChoose }: { mode: PreviewMode; onChoose: (mode: PreviewMode) => void }) {
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    e.preventDefault()
    const next = MODES[(MODES.indexOf(mode) + step + MODES.length) % MODES.length]!
    onChoose(next)
    requestAnimationFrame(() => document.getElementById(`preview-tab-${next}`)?.focus())
  }
  return (
    <div class="preview-tabs" role="tablist" aria-label={t('tabs.label')}>
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          id={`preview-tab-${m}`}
          aria-selected={m === mode}
          aria-controls="preview-panel"
          tabIndex={m === mode ? 0 : -1}
          onClick={() => onChoose(m)}
          onKeyDown={onKey}
        >
          {t(`tab.${m}`)}
        </button>
      ))}
    </div>
  )
}

import { formatDateTime } from '../i18n/i18n'
import { td } from './draft-messages'
import type { LocalDraft } from './local-draft'

/**
 * "You have unsaved changes from <time>: Restore / Discard", above a form whose kept draft differs
 * from what the server holds. Nothing is put back unasked: the server's state stays in the form
 * until the person restores, and a server copy newer than the draft is said out loud.
 */
export function RestoreBanner({
  savedAt,
  baseChanged,
  subject,
  onRestore,
  onDiscard,
}: {
  savedAt: string
  baseChanged: boolean
  /** What the draft is of, when the page holds several ("the schedule entry “Evening”"). */
  subject?: string
  onRestore: () => void
  onDiscard: () => void
}) {
  const at = formatDateTime(savedAt)
  return (
    <section class="draft-banner" aria-label={td('label')} data-saved-at={savedAt}>
      <p>{subject ? td('changes-to', { subject, at }) : td('changes', { at })}</p>
      {baseChanged && <p class="draft-banner-warning">{td('server-changed')}</p>}
      <div class="toolbar">
        <button type="button" class="primary" name="restore-draft" onClick={onRestore}>
          {td('restore')}
        </button>
        <button type="button" name="discard-draft" onClick={onDiscard}>
          {td('discard')}
        </button>
      </div>
    </section>
  )
}

/** The banner for a form's own draft (nothing when there is none), and the note when it cannot be kept. */
export function DraftNotice<T>({ draft, subject }: { draft: LocalDraft<T>; subject?: string }) {
  return (
    <>
      {draft.offer && (
        <RestoreBanner
          savedAt={draft.offer.savedAt}
          baseChanged={draft.offer.baseChanged}
          subject={subject}
          onRestore={draft.restore}
          onDiscard={draft.discard}
        />
      )}
      {!draft.kept && (
        <p class="draft-not-kept muted" role="status">
          {td('not-kept')}
        </p>
      )}
    </>
  )
}

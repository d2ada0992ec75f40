import { Dialog } from '../../components/dialog'
import { tc } from '../../i18n/common'
import { type EditItem, missingLanguages } from './draft'
import { t } from './messages'

/** Someone else saved the draft since it was opened: keep this version (theirs is lost) or take theirs. */
export function OverwriteDialog({
  revision,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  /** Their edit's number; null while there is no conflict (the dialog is closed). */
  revision: number | null
  onKeepMine: () => void
  onTakeTheirs: () => void
  onClose: () => void
}) {
  return (
    <Dialog title={t('overwrite.title')} open={revision !== null} onClose={onClose}>
      <p>{t('overwrite.text', { revision: revision ?? '' })}</p>
      <div class="toolbar">
        <button type="button" class="danger" onClick={onKeepMine}>
          {t('overwrite.keep-mine')}
        </button>
        <button type="button" onClick={onTakeTheirs}>
          {t('overwrite.take-theirs')}
        </button>
      </div>
    </Dialog>
  )
}

export function DeleteDialog({
  name,
  open,
  busy,
  onConfirm,
  onClose,
}: {
  name: string
  open: boolean
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  return (
    <Dialog title={t('delete.title')} open={open} onClose={onClose}>
      <p>{t('delete.text', { name })}</p>
      <div class="toolbar">
        <button type="button" class="danger" name="confirm-delete" disabled={busy} onClick={onConfirm}>
          {tc('delete')}
        </button>
        <button type="button" onClick={onClose}>
          {tc('cancel')}
        </button>
      </div>
    </Dialog>
  )
}

/**
 * Before saving: every item that lacks Chinese or English (Vietnamese missing is an error, marked
 * at its field), each a button selecting that item. Saving stays possible: such items still play.
 */
export function MissingSummary({
  items,
  onSelect,
}: {
  items: readonly EditItem[]
  onSelect: (key: string) => void
}) {
  const lacking = items
    .map((item, index) => ({ item, index, missing: missingLanguages(item).filter((m) => m.lang !== 'vi') }))
    .filter((x) => x.missing.length > 0)
  if (lacking.length === 0) return null
  return (
    <div class="pl-warning pl-lacking" role="status">
      <p>{t('warn.summary', { count: lacking.length })}</p>
      <ul>
        {lacking.map(({ item, index, missing }) => (
          <li key={item.key}>
            <button type="button" class="link" onClick={() => onSelect(item.key)}>
              {t('warn.item', {
                position: index + 1,
                kind: t(`kind.${item.kind}`),
                languages: missing.map((m) => t(`lang.${m.lang}`)).join(', '),
              })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

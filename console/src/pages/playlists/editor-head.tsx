import { NAME_CHARS_MAX } from '@playlists/limits'
import type { ComponentChildren } from 'preact'
import { Field } from '../../components/form/field'
import { tc } from '../../i18n/common'
import { href } from '../../router'
import type { ErrorOf } from './field-error'
import { uiLang } from './field-error'
import { t } from './messages'

interface Props {
  name: string
  onName: (name: string) => void
  errorOf: ErrorOf
  editable: boolean
  dirty: boolean
  /** Which of the draft's actions runs now: every button waits for it. */
  busy: 'saving' | 'deleting' | null
  onSave: (event: Event) => void
  onDiscard: () => void
  onDelete: () => void
}

/** The playlist's name and the draft's actions: save, throw the unsaved changes away, delete. */
export function EditorHead({
  name,
  onName,
  errorOf,
  editable,
  dirty,
  busy,
  onSave,
  onDiscard,
  onDelete,
}: Props) {
  return (
    <form class="card pl-head" onSubmit={onSave} noValidate>
      <Field label={tc('name')} error={errorOf('name')} errorLang={uiLang()} class="pl-grow">
        {(control) => (
          <input
            {...control}
            name="playlist-name"
            value={name}
            maxLength={NAME_CHARS_MAX}
            disabled={!editable}
            onInput={(e) => onName(e.currentTarget.value)}
          />
        )}
      </Field>
      {editable && (
        <div class="pl-head-actions">
          <button type="submit" class="primary" name="save" disabled={busy !== null}>
            {busy === 'saving' ? tc('saving') : tc('save')}
          </button>
          <button type="button" disabled={!dirty || busy !== null} onClick={onDiscard}>
            {t('editor.discard')}
          </button>
          <button type="button" class="danger" disabled={busy !== null} onClick={onDelete}>
            {tc('delete')}
          </button>
        </div>
      )}
    </form>
  )
}

/** The way back to the list, the playlist's name, where its versions stand and whether edits are unsaved. */
export function EditorTitle({
  name,
  dirty,
  children,
}: {
  name: string
  dirty: boolean
  children: ComponentChildren
}) {
  return (
    <>
      <p class="no-print">
        <a href={href('playlists')}>{t('editor.back')}</a>
      </p>
      <h1>{t('editor.title', { name })}</h1>
      <div class="pl-status">
        {children}
        {dirty && <span class="badge warn">{t('editor.unsaved')}</span>}
      </div>
    </>
  )
}

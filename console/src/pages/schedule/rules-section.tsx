import { reaches } from '@playlists/schedule/reach'
import type { Schedule } from '@playlists/schemas/schedule'
import type { Screen } from '@playlists/schemas/screen'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { useFailureNotice } from '../../components/form/failure-notice'
import { FormActions } from '../../components/form/form-actions'
import { useAction } from '../../components/form/use-action'
import { listDrafts, removeDraft, type StoredDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { RestoreBanner } from '../../components/restore-banner'
import { tc } from '../../i18n/common'
import { me } from '../../session'
import { t } from './messages'
import { type Fields, parseFields } from './rule-fields'
import type { Places } from './rule-text'
import { type RuleActions, RulesTable } from './rules-table'

interface Props {
  /** Every schedule entry; those reaching the shown screens are listed unless "show all" is ticked. */
  rules: readonly Schedule[]
  shownScreens: readonly Screen[]
  places: Places
  playlistName: (id: string) => string
  nonce: number
  mayEdit: boolean
  /** Whether the rule dialog is closed: kept drafts are offered only then. */
  offerKept: boolean
  onEdit: (rule: Schedule | 'new', fields?: Fields) => void
  /** A rule was submitted, withdrawn or deleted: the page reads the schedule again. */
  onChanged: () => void
}

/**
 * The schedule entries under the timeline: drafts kept from an earlier visit, the entries that
 * reach what the page shows (or all of them), and their submit, withdraw and delete actions.
 */
export function RulesSection({
  rules,
  shownScreens,
  places,
  playlistName,
  nonce,
  mayEdit,
  offerKept,
  onEdit,
  onChanged,
}: Props) {
  const [showAll, setShowAll] = useState(false)
  const [deleting, setDeleting] = useState<Schedule | null>(null)
  // Kept drafts live in localStorage, outside Preact's state: a discard re-renders the page by hand.
  const [, setDiscarded] = useState(0)
  const ruleById = new Map(rules.map((r) => [r.id, r]))
  const userId = me.value?.user.id
  // Rules typed and not saved before a reload, a closed tab or a sign-out: offered until chosen.
  const kept: StoredDraft<Fields>[] =
    mayEdit && userId && offerKept ? listDrafts(userId, 'schedule-rule', parseFields) : []
  const restoreKept = (draft: StoredDraft<Fields>) => {
    const rule = ruleById.get(draft.id)
    // A rule deleted since comes back as a new one, and its old draft goes with the move.
    if (!rule && userId) removeDraft(userId, 'schedule-rule', draft.id)
    onEdit(rule ?? 'new', draft.data)
  }
  const shown = rules.filter((r) => showAll || shownScreens.some((s) => reaches(r.target, s)))

  const remove = useAction(async (rule: Schedule) => {
    await api.delete('/api/schedules/:id', { params: { id: rule.id } })
    notify(t('rules.deleted', { name: rule.name }))
    setDeleting(null)
    onChanged()
  })
  useFailureNotice(remove.error)
  // A refused deletion closes the question; the notice says why.
  useEffect(() => {
    if (remove.error) setDeleting(null)
  }, [remove.error])
  // A refused deletion closes the question; the notice says why.
  useEffect(() => {
    if (remove.error) setDeleting(null)
  }, [remove.error])
  const actions: RuleActions | undefined = mayEdit
    ? {
        edit: (rule) => onEdit(rule),
        submit: async (rule) => {
          await api.post('/api/schedules/:id/submit', { params: { id: rule.id }, body: {} })
          notify(t('rules.submitted', { name: rule.name }))
          onChanged()
        },
        withdraw: async (rule) => {
          await api.post('/api/schedules/:id/submit', { params: { id: rule.id }, body: { withdraw: true } })
          notify(t('rules.withdrawn', { name: rule.name }))
          onChanged()
        },
        remove: (rule) => setDeleting(rule),
      }
    : undefined

  return (
    <section class="sched-section" aria-labelledby="sched-rules-title">
      <h2 id="sched-rules-title">{t('rules.title')}</h2>
      {kept.map((draft) => {
        const rule = ruleById.get(draft.id)
        return (
          <RestoreBanner
            key={draft.id}
            savedAt={draft.savedAt}
            baseChanged={rule !== undefined && rule.updatedAt !== draft.base}
            subject={rule ? t('draft.rule', { name: rule.name }) : t('draft.new')}
            onRestore={() => restoreKept(draft)}
            onDiscard={() => {
              if (userId) removeDraft(userId, 'schedule-rule', draft.id)
              setDiscarded((n) => n + 1)
            }}
          />
        )
      })}
      <div class="toolbar">
        {mayEdit && (
          <button type="button" class="primary" onClick={() => onEdit('new')}>
            {t('rules.new')}
          </button>
        )}
        <label class="sched-check">
          <input
            type="checkbox"
            name="show-all"
            checked={showAll}
            onChange={(e) => setShowAll(e.currentTarget.checked)}
          />
          {t('rules.show-all')}
        </label>
      </div>
      <RulesTable rules={shown} places={places} playlistName={playlistName} nonce={nonce} actions={actions} />
      <Dialog title={t('delete.title')} open={deleting !== null} onClose={() => setDeleting(null)}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (deleting) void remove.run(deleting)
          }}
        >
          <p>{t('delete.confirm', { name: deleting?.name ?? '' })}</p>
          <FormActions
            label={tc('delete')}
            busyLabel={tc('delete')}
            busy={remove.busy}
            tone="danger"
            onCancel={() => setDeleting(null)}
          />
        </form>
      </Dialog>
    </section>
  )
}

import type { DiffChange } from '../../../../../playlists/schemas/approval'
import { language } from '../../i18n/i18n'
import { t } from './change-messages'
import {
  type DiffGroup,
  type EntryGroup,
  entryTitle,
  type FieldChange,
  groupChanges,
  type Row,
} from './diff-model'
import { FieldValue, fieldLabel, TextTable } from './values'

const CHANGE_BADGE = { added: 'badge ok', removed: 'badge danger', changed: 'badge warn' } as const

/** "Item 2 · Slide · Welcome to Lạng Sơn" */
function entryLabel(list: string, position: number, entry: Row | null): string {
  const head = list === 'zones' ? t('entry.zone', { position }) : t('entry.item', { position })
  const kind = typeof entry?.kind === 'string' ? t(`item-kind.${entry.kind}` as 'item-kind.slide') : null
  const title = entryTitle(entry, language.value)
  return [head, kind, title].filter(Boolean).join(' · ')
}

const lastOf = (path: readonly string[]) => path[path.length - 1]

function ChangeTable({ rows }: { rows: FieldChange[] }) {
  return (
    <table class="approvals-fields">
      <thead>
        <tr>
          <th scope="col">{t('diff.field')}</th>
          <th scope="col">{t('diff.before')}</th>
          <th scope="col">{t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path.join('/')} class={`approvals-row-${r.change}`}>
            <th scope="row">{fieldLabel(r.path)}</th>
            <td class="approvals-was-cell">
              <FieldValue name={lastOf(r.path)} value={r.before} />
            </td>
            <td class="approvals-now-cell">
              <FieldValue name={lastOf(r.path)} value={r.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A whole entry (added or removed): its fields, the text side by side. */
function EntryFields({ entry }: { entry: Row }) {
  const { text, id: _id, ...rest } = entry
  return (
    <>
      <dl class="approvals-entry-fields">
        {Object.entries(rest).map(([k, v]) => (
          <div key={k}>
            <dt>{fieldLabel([k])}</dt>
            <dd>
              <FieldValue name={k} value={v} />
            </dd>
          </div>
        ))}
      </dl>
      {text !== undefined && <TextTable before={text} after={text} />}
    </>
  )
}

function EntryChange({ group }: { group: EntryGroup }) {
  const entry = group.after ?? group.before
  const textChanged = group.rows.some((r) => r.path[0] === 'text')
  const others = group.rows.filter((r) => r.path[0] !== 'text')
  return (
    <article class={`approvals-entry approvals-entry-${group.change}`}>
      <h3>
        <span class={CHANGE_BADGE[group.change]}>{t(`change.${group.change}`)}</span>{' '}
        {entryLabel(group.list, group.position, entry)}
      </h3>
      {group.change === 'changed' ? (
        <>
          {textChanged && <TextTable before={group.before?.text} after={group.after?.text} />}
          {others.length > 0 && <ChangeTable rows={others} />}
        </>
      ) : (
        entry && <EntryFields entry={entry} />
      )}
    </article>
  )
}

function OrderChange({
  list,
  before,
  after,
  bodies,
}: {
  list: string
  before: string[]
  after: string[]
  bodies: [unknown, unknown]
}) {
  const label = (id: string, body: unknown) => {
    const entries = (body as Record<string, unknown> | null)?.[list]
    const found = Array.isArray(entries) ? ((entries as Row[]).find((e) => e.id === id) ?? null) : null
    return entryTitle(found, language.value) ?? id
  }
  return (
    <article class="approvals-entry">
      <h3>
        <span class="badge warn">{t('change.changed')}</span> {t('diff.order')}
      </h3>
      <div class="approvals-order">
        <div>
          <h4>{t('diff.before')}</h4>
          <ol>
            {before.map((id) => (
              <li key={id}>{label(id, bodies[0])}</li>
            ))}
          </ol>
        </div>
        <div>
          <h4>{t('diff.after')}</h4>
          <ol>
            {after.map((id) => (
              <li key={id} class={before.indexOf(id) !== after.indexOf(id) ? 'approvals-moved' : undefined}>
                {label(id, bodies[1])}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </article>
  )
}

function Group({ group, bodies }: { group: DiffGroup; bodies: [unknown, unknown] }) {
  switch (group.kind) {
    case 'withdrawal':
      return <p class="approvals-withdrawal">{t('diff.withdrawal')}</p>
    case 'fields':
      return (
        <article class="approvals-entry">
          <h3>{t('diff.fields')}</h3>
          <ChangeTable rows={group.rows} />
        </article>
      )
    case 'entry':
      return <EntryChange group={group} />
    case 'order':
      return <OrderChange list={group.list} before={group.before} after={group.after} bodies={bodies} />
  }
}

/**
 * What changed between two versions, readable: the object's fields with before and after, each
 * item or zone added, removed or changed (text in the three languages side by side), and a new
 * order. `before` null: nothing came before, so everything is new.
 */
export function DiffView({
  changes,
  before,
  after,
}: {
  changes: readonly DiffChange[]
  before: unknown
  after: unknown
}) {
  const groups = groupChanges(changes, before, after)
  if (groups.length === 0) return <p class="empty">{t('diff.none')}</p>
  return (
    <div class="approvals-diff">
      {groups.map((g, i) => (
        <Group
          key={g.kind === 'entry' ? `${g.list}/${g.id}` : `${g.kind}${i}`}
          group={g}
          bodies={[before, after]}
        />
      ))}
    </div>
  )
}

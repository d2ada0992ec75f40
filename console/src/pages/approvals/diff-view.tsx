import type { DiffChange } from '@playlists/schemas/approval'
import type { PlaylistItem } from '@playlists/schemas/items'
import { MediaLabel } from '../../components/media-label'
import { language } from '../../i18n/i18n'
import { ItemPreview } from '../playlists/item-preview'
import type { PreviewSize } from '../playlists/screen-sizes'
import { t } from './change-messages'
import {
  type DiffGroup,
  type EntryGroup,
  entryTitle,
  type FieldChange,
  groupChanges,
  type Row,
} from './diff-model'
import { tr } from './reach-messages'
import { FieldValue, fieldLabel, TextTable } from './values'
import { documentItemOf, mediaIdIn, useMediaMap } from './version-items'

const CHANGE_BADGE = { added: 'badge ok', removed: 'badge danger', changed: 'badge warn' } as const

/** "Item 2 · Slide · Welcome to Lạng Sơn"; an image or a video by its file name. */
function EntryLabel({ list, position, entry }: { list: string; position: number; entry: Row | null }) {
  const head =
    list === 'zones'
      ? t('entry.zone', { position })
      : list === 'rows'
        ? t('entry.row', { position })
        : list === 'columns'
          ? t('entry.column', { position })
          : t('entry.item', { position })
  const kind = typeof entry?.kind === 'string' ? t(`item-kind.${entry.kind}` as 'item-kind.slide') : null
  const title = entryTitle(entry, language.value)
  const media = entry?.kind === 'image' || entry?.kind === 'video' ? mediaIdIn(entry) : null
  return (
    <>
      {[head, kind, title].filter(Boolean).join(' · ')}
      {media && (
        <>
          {' · '}
          <MediaLabel id={media} />
        </>
      )}
    </>
  )
}

/** An entry's name in a list of names: a slide's title, a medium's file name, else its id. */
function EntryName({ entry, id }: { entry: Row | null; id: string }) {
  const media = entry?.kind === 'image' || entry?.kind === 'video' ? mediaIdIn(entry) : null
  if (media) return <MediaLabel id={media} />
  return <>{entryTitle(entry, language.value) ?? id}</>
}

/**
 * A slide drawn by the player's own renderer at a screen's size: the approver sees the text as
 * it will stand on the panel (fitted, wrapped, in each language), not only the words.
 */
function SlideRender({ entry, size }: { entry: Row | null; size: PreviewSize | undefined }) {
  const media = useMediaMap(entry ? [mediaIdIn(entry) ?? ''].filter(Boolean) : [])
  if (entry?.kind !== 'slide' || !size) return null
  const item = documentItemOf(entry as PlaylistItem, media)
  return (
    <div class="approvals-slide">
      <ItemPreview
        item={item}
        size={size}
        label={tr('slide.caption', { width: size.width, height: size.height })}
        waiting={item ? undefined : '…'}
      />
    </div>
  )
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
function EntryFields({ entry, size }: { entry: Row; size: PreviewSize | undefined }) {
  const { text, id: _id, ...rest } = entry
  return (
    <>
      <SlideRender entry={entry} size={size} />
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

function EntryChange({ group, size }: { group: EntryGroup; size: PreviewSize | undefined }) {
  const entry = group.after ?? group.before
  const textChanged = group.rows.some((r) => r.path[0] === 'text')
  const others = group.rows.filter((r) => r.path[0] !== 'text')
  return (
    <article class={`approvals-entry approvals-entry-${group.change}`}>
      <h3>
        <span class={CHANGE_BADGE[group.change]}>{t(`change.${group.change}`)}</span>{' '}
        <EntryLabel list={group.list} position={group.position} entry={entry} />
      </h3>
      {group.change === 'changed' ? (
        <>
          <SlideRender entry={group.after} size={size} />
          {textChanged && <TextTable before={group.before?.text} after={group.after?.text} />}
          {others.length > 0 && <ChangeTable rows={others} />}
        </>
      ) : (
        entry && <EntryFields entry={entry} size={size} />
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
    return <EntryName entry={found} id={id} />
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

function Group({
  group,
  bodies,
  size,
}: {
  group: DiffGroup
  bodies: [unknown, unknown]
  size: PreviewSize | undefined
}) {
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
      return <EntryChange group={group} size={size} />
    case 'order':
      return <OrderChange list={group.list} before={group.before} after={group.after} bodies={bodies} />
  }
}

/**
 * What changed between two versions, readable: the object's fields with before and after, each
 * item or zone added, removed or changed (text in the three languages side by side, a slide drawn
 * as the screen draws it, a medium by its file name and thumbnail), and a new order. `before` null: nothing came before, so everything is new.
 */
export function DiffView({
  changes,
  before,
  after,
  slideSize,
}: {
  changes: readonly DiffChange[]
  before: unknown
  after: unknown
  /** The screen size slides are drawn at (the first the version reaches); none: not drawn. */
  slideSize?: PreviewSize
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
          size={slideSize}
        />
      ))}
    </div>
  )
}

import type { ScreenDocument } from '@playlists/schemas/document'
import type { DocumentItem } from '@playlists/schemas/items'
import { MAIN_ZONE } from '@playlists/schemas/layout'
import { sameStretch, type TimelineEntry, timeline } from '@playlists/timeline'
import { useMemo, useState } from 'preact/hooks'
import { Field } from '../../components/form/field'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { formatDateTime, formatTime, language } from '../../i18n/i18n'
import { useMediaName } from './media-names'
import { t } from './messages'

const PAGE_SIZE = 50

/** Consecutive entries of one playlist, rule and override: one run of a daypart. */
function bySegment(entries: readonly TimelineEntry[]): (TimelineEntry & { items: number })[] {
  const out: (TimelineEntry & { items: number })[] = []
  for (const e of entries) {
    const last = out.at(-1)
    if (last && sameStretch(last, e)) {
      last.endMs = e.endMs
      last.items++
    } else out.push({ ...e, itemId: null, index: null, items: 1 })
  }
  return out
}

/** The medium an item shows by itself (an image or a video), whose file name names it. */
export const mediaOfItem = (item: DocumentItem | null | undefined): string | null =>
  item?.kind === 'image' || item?.kind === 'video' ? item.media.id : null

/**
 * A person's name for an item: a slide's title or a ticker's line in the reader's language, an
 * image's or video's file name (`mediaName`, once known), a web page's address; never its id.
 */
export function itemLabel(item: DocumentItem | undefined, id: string, mediaName?: string): string {
  if (!item) return id
  const kind = t(`item.${item.kind}`)
  switch (item.kind) {
    case 'slide': {
      const text = item.text[language.value] ?? item.text.vi
      return text.title || kind
    }
    case 'ticker':
      return `${kind} · ${item.text[language.value] ?? item.text.vi}`
    case 'image':
    case 'video':
      return mediaName ? `${kind} · ${mediaName}` : kind
    case 'web':
      return `${kind} · ${item.url}`
    case 'clock':
      return kind
    case 'feed': {
      // The headline first shown in the reader's language, else the first one of the item.
      const entry = item.entries.find((e) => e.language === language.value) ?? item.entries[0]
      return entry ? `${kind} · ${entry.title}` : kind
    }
    case 'dataset': {
      // The first text column's heading in the reader's language names the table.
      const column = item.columns[0]
      return column ? `${kind} · ${column.label[language.value]}` : kind
    }
  }
}

/** itemLabel, with the medium's file name asked for (once per medium while the console is open). */
export function ItemLabel({ item, id }: { item: DocumentItem | undefined; id: string }) {
  const name = useMediaName(mediaOfItem(item))
  return <>{itemLabel(item, id, name)}</>
}

export const findItem = (doc: ScreenDocument, playlistId: string | null, itemId: string | null) =>
  playlistId && itemId ? doc.playlists[playlistId]?.items.find((i) => i.id === itemId) : undefined

/**
 * What the main zone plays over a range, computed with the same timeline code the player and the
 * server run, from the very document the preview plays: the list and the frame cannot disagree.
 */
export function PlaysList({
  doc,
  from,
  to,
  atMs,
  zone,
  ruleNames,
  onSeek,
}: {
  doc: ScreenDocument
  /** Schedule entries' names by id (GET /api/screens/:id/rule-names); a rule not named shows its id. */
  ruleNames: Readonly<Record<string, string>>
  from: number
  to: number
  atMs: number
  zone: string
  onSeek: (atMs: number) => void
}) {
  const [granularity, setGranularity] = useState<'segments' | 'items'>('segments')
  const [page, setPage] = useState(1)
  // Null when the range holds more items than the timeline lists at once (one-second items for days).
  const entries = useMemo(() => {
    try {
      return timeline(doc, from, to, MAIN_ZONE)
    } catch (error) {
      if (error instanceof RangeError) return null
      throw error
    }
  }, [doc, from, to])
  const rows = useMemo(
    () =>
      entries === null
        ? []
        : granularity === 'items'
          ? entries.map((e) => ({ ...e, items: 1 }))
          : bySegment(entries),
    [entries, granularity],
  )
  const current = rows.findIndex((r) => r.startMs <= atMs && atMs < r.endMs)
  const { page: shownPage, rows: pageRows } = pageOf(rows, page, PAGE_SIZE)
  const sameDay = to - from <= 86_400_000
  const when = (ms: number) =>
    sameDay ? formatTime(ms, zone, granularity === 'items') : formatDateTime(ms, zone)

  const why = (e: TimelineEntry) =>
    e.overrideId !== null
      ? t('plays.emergency')
      : e.ruleId !== null
        ? t('plays.rule', { name: ruleNames[e.ruleId] ?? e.ruleId })
        : t('plays.default')

  return (
    <section class="preview-plays" aria-labelledby="preview-plays-title">
      <div class="toolbar">
        <h2 id="preview-plays-title">{t('plays.title')}</h2>
        <Field label={t('plays.by')}>
          {(control) => (
            <select
              {...control}
              name="granularity"
              value={granularity}
              onChange={(e) => {
                setGranularity(e.currentTarget.value as 'segments' | 'items')
                setPage(1)
              }}
            >
              <option value="segments">{t('plays.segments')}</option>
              <option value="items">{t('plays.items')}</option>
            </select>
          )}
        </Field>
      </div>
      {entries === null && (
        <p class="field-error" role="alert">
          {t('plays.too-many')}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('plays.time')}</th>
            <th scope="col">{t('plays.playlist')}</th>
            <th scope="col">{t('plays.item')}</th>
            <th scope="col">{t('plays.why')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('plays.show')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pageRows.map((r, i) => {
            const index = (shownPage - 1) * PAGE_SIZE + i
            const playlist = r.playlistId === null ? undefined : doc.playlists[r.playlistId]
            return (
              <tr
                key={`${r.startMs}:${r.playlistId}:${r.itemId}`}
                class={index === current ? 'preview-current' : undefined}
                data-item-id={r.itemId ?? undefined}
                data-start={new Date(r.startMs).toISOString()}
              >
                <td>
                  {when(r.startMs)} – {when(r.endMs)}
                  {index === current && <span class="badge ok">{t('plays.current')}</span>}
                </td>
                <td>
                  {playlist?.name ?? (r.overrideId !== null ? t('plays.emergency') : t('plays.nothing'))}
                </td>
                <td>
                  {r.itemId !== null ? (
                    <ItemLabel item={findItem(doc, r.playlistId, r.itemId)} id={r.itemId} />
                  ) : r.playlistId !== null ? (
                    t('plays.items-count', { count: r.items })
                  ) : (
                    ''
                  )}
                </td>
                <td>{why(r)}</td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={t('plays.show-label', { time: formatDateTime(r.startMs, zone, true) })}
                    onClick={() => onSeek(r.startMs)}
                  >
                    {t('plays.show')}
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <Pager page={shownPage} pageSize={PAGE_SIZE} total={rows.length} onPage={setPage} />
    </section>
  )
}

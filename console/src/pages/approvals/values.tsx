import { lunarDaysText } from '@playlists/calendar/format'
import type { ComponentChildren } from 'preact'
import { MediaLabel } from '../../components/media-label'
import { tc } from '../../i18n/common'
import { formatWeekday } from '../../i18n/format'
import { formatDuration, formatNumber, LANGUAGES, type Language, language } from '../../i18n/i18n'
import { type MessageKey, t } from './change-messages'

/**
 * Fields and values of playlists, items, schedule entries and layouts as a reviewer reads them:
 * labels in their language, durations, weekdays, targets and fractions written out, never JSON.
 */

const FIELDS = [
  'id',
  'name',
  'items',
  'zones',
  'kind',
  'durationMs',
  'text',
  'title',
  'body',
  'mediaId',
  'display',
  'fit',
  'sound',
  'url',
  'speed',
  'seconds',
  'secondZone',
  'lunarDate',
  'playlistId',
  'target',
  'from',
  'until',
  'days',
  'window',
  'start',
  'end',
  'cron',
  'lunar',
  'expression',
  'durationMinutes',
  'priority',
  'zoneId',
  'x',
  'y',
  'width',
  'height',
  // A feed's source and policy.
  'language',
  'intervalMinutes',
  'words',
  'maxAgeHours',
  'alertAfterMinutes',
  // A feed item's settings.
  'sourceId',
  'style',
  'count',
  'languages',
  // A dataset's columns, rows and policy; a dataset item's settings.
  'rows',
  'columns',
  'values',
  'asOf',
  'label',
  'type',
  'decimals',
  'unit',
  'staleAfterMinutes',
  'tokenPolicy',
  'quickApprovers',
  'datasetId',
  'rowsPerPage',
] as const
type Field = (typeof FIELDS)[number]
const isField = (name: string): name is Field => (FIELDS as readonly string[]).includes(name)
const isLanguage = (name: string): name is Language => (LANGUAGES as readonly string[]).includes(name)

export function segmentLabel(segment: string): string {
  if (isField(segment)) return t(`field.${segment}`)
  if (isLanguage(segment)) return t(`lang.${segment}`)
  return segment
}

/** ['window', 'start'] → "Daily window › Start". */
export const fieldLabel = (path: readonly string[]) => path.map(segmentLabel).join(' › ')

/** Fields whose values are words from a fixed list, and the dictionary prefix of their labels. */
const ENUMS: Record<string, { prefix: string; values: readonly string[] }> = {
  kind: {
    prefix: 'item-kind',
    values: ['image', 'video', 'slide', 'web', 'ticker', 'clock', 'feed', 'dataset'],
  },
  style: { prefix: 'feed-style', values: ['ticker', 'cards', 'table', 'board'] },
  tokenPolicy: { prefix: 'token-policy', values: ['queued', 'direct'] },
  languages: { prefix: 'feed-order', values: ['grouped', 'interleaved'] },
  fit: { prefix: 'fit', values: ['contain', 'cover', 'stretch'] },
  display: { prefix: 'display', values: ['stacked', 'rotating'] },
  language: { prefix: 'feed-language', values: ['vi', 'zh', 'en', 'entries'] },
}

const isRow = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function weekday(day: number): string {
  // 2024-01-01 was a Monday: ISO weekday d falls on 2024-01-0d.
  return formatWeekday(day)
}

export function targetText(target: unknown): string {
  if (!isRow(target)) return String(target)
  const id = String(target.id ?? '')
  switch (target.type) {
    case 'all':
      return t('target.all')
    case 'site':
      return t('target.site', { id })
    case 'group':
      return t('target.group', { id })
    case 'screen':
      return t('target.screen', { id })
    default:
      return JSON.stringify(target)
  }
}

/** A value of the field `name` (the last segment of its path), formatted for a person. */
export function FieldValue({ name, value }: { name?: string; value: unknown }): ComponentChildren {
  if (value === undefined) return <span class="muted">—</span>
  if (value === null) return <span class="muted">{t('value.none')}</span>
  if (typeof value === 'boolean') return value ? tc('yes') : tc('no')
  if (name === 'durationMs' && typeof value === 'number') return formatDuration(value)
  if (name === 'durationMinutes' && typeof value === 'number') return formatDuration(value * 60_000)
  if (name && ['x', 'y', 'width', 'height'].includes(name) && typeof value === 'number')
    return formatNumber(value, { style: 'percent', maximumFractionDigits: 1 })
  if (name === 'days' && Array.isArray(value)) return value.map((d) => weekday(Number(d))).join(', ')
  if (name === 'target') return targetText(value)
  // A medium by its file name and thumbnail (a poster for a video), never its id.
  if (name === 'mediaId' && typeof value === 'string') return <MediaLabel id={value} thumb />
  if (name === 'window' && isRow(value)) return `${String(value.start)}–${String(value.end)}`
  if (name === 'lunar' && isRow(value) && Array.isArray(value.days))
    return lunarDaysText(
      typeof value.month === 'number' ? value.month : null,
      value.days.map(Number),
      language.value,
    )
  if (name === 'secondZone' && isRow(value) && isRow(value.label))
    return `${String(value.timeZone)} · ${LANGUAGES.map((lang) => String((value.label as Record<string, unknown>)[lang])).join(' · ')}`
  if (name === 'cron' && isRow(value))
    return `${String(value.expression)} · ${formatDuration(Number(value.durationMinutes) * 60_000)}`
  const choice = name ? ENUMS[name] : undefined
  if (choice && typeof value === 'string' && choice.values.includes(value))
    return t(`${choice.prefix}.${value}` as MessageKey)
  if (name === 'text' && isRow(value)) return <TextTable before={value} after={value} />
  if (typeof value === 'string') return value === '' ? <span class="muted">{t('value.empty')}</span> : value
  if (typeof value === 'number') return formatNumber(value)
  if (Array.isArray(value)) {
    return (
      <ul class="approvals-values">
        {value.map((v, i) => (
          <li key={i}>
            <FieldValue value={v} />
          </li>
        ))}
      </ul>
    )
  }
  if (isRow(value)) {
    return (
      <dl class="approvals-values">
        {Object.entries(value).map(([k, v]) => (
          <div key={k}>
            <dt>{segmentLabel(k)}</dt>
            <dd>
              <FieldValue name={k} value={v} />
            </dd>
          </div>
        ))}
      </dl>
    )
  }
  return String(value)
}

/** One cell of the side-by-side text: unchanged, or what it was struck out above what it becomes. */
function TextCell({ before, after, lang }: { before: unknown; after: unknown; lang: Language }) {
  const show = (v: unknown) => {
    if (v === undefined || v === null) return <span class="badge warn">{t('text.missing')}</span>
    if (v === '') return <span class="muted">{t('value.empty')}</span>
    return <span lang={lang}>{String(v)}</span>
  }
  if (before === after || JSON.stringify(before) === JSON.stringify(after)) return show(after)
  return (
    <>
      {before !== undefined && (
        <del class="approvals-was">
          <span class="visually-hidden">{t('text.was')} </span>
          {show(before)}
        </del>
      )}
      <ins class="approvals-now">
        <span class="visually-hidden">{t('text.now')} </span>
        {show(after)}
      </ins>
    </>
  )
}

const part = (text: unknown, lang: Language, field: string | null): unknown => {
  const v = isRow(text) ? text[lang] : undefined
  if (field === null) return v
  return isRow(v) ? v[field] : undefined
}

/**
 * A slide's or ticker's text in the three languages side by side, with what changed marked:
 * the reviewer sees at once that the Chinese title changed and the English one did not.
 */
export function TextTable({ before, after }: { before: unknown; after: unknown }) {
  const slide = [before, after].some((x) => isRow(x) && Object.values(x).some(isRow))
  const rows: { field: string | null; label: string }[] = slide
    ? [
        { field: 'title', label: t('field.title') },
        { field: 'body', label: t('field.body') },
      ]
    : [{ field: null, label: t('text.line') }]
  return (
    <table class="approvals-text">
      <thead>
        <tr>
          <th scope="col">
            <span class="visually-hidden">{t('diff.field')}</span>
          </th>
          {LANGUAGES.map((l) => (
            <th key={l} scope="col">
              {t(`lang.${l}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {LANGUAGES.map((l) => (
              <td key={l}>
                <TextCell before={part(before, l, r.field)} after={part(after, l, r.field)} lang={l} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

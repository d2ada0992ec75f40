import { type LanguageMeasure, measureSlide } from '@playlists/legibility/check'
import type { LegibilityReport, LegibilityShape } from '@playlists/schemas/legibility'
import type { SlideText } from '@playlists/schemas/text'
import type { ApiError } from '../../api'
import { shapeName } from '../../components/legibility-findings'
import { tl } from '../../components/legibility-messages'
import { formatNumber } from '../../i18n/i18n'
import { durationMsOf, type EditItemOf } from './draft'

const num = (n: number) => formatNumber(n, { maximumFractionDigits: 1 })

/** The slide as the check reads it: the languages that have text, its picture and duration. */
function checkedSlide(item: EditItemOf<'slide'>, durationMs: number) {
  const text: Partial<Record<'vi' | 'zh' | 'en', SlideText>> = {}
  for (const lang of ['vi', 'zh', 'en'] as const) {
    const t = item.text[lang]
    if (lang === 'vi' || t.title.trim() || t.body.trim()) text[lang] = { title: t.title, body: t.body }
  }
  return {
    id: item.id ?? item.key,
    kind: 'slide' as const,
    text: text as { vi: SlideText },
    display: item.display,
    mediaId: item.mediaId || null,
    durationMs,
  }
}

function Row({
  shape,
  m,
  first,
  span,
}: {
  shape: LegibilityShape
  m: LanguageMeasure
  first: boolean
  span: number
}) {
  const small = m.fontPx < m.minimumFontPx
  const short = m.readingS > m.shownS
  return (
    <tr data-shape={shape.id} data-lang={m.lang} class={small || short ? 'legibility-flagged' : undefined}>
      {first && (
        <th scope="rowgroup" rowSpan={span}>
          <div>{shapeName(shape)}</div>
          <div class="muted">
            {tl('shape.facts', { pitch: num(shape.pixelPitchMm), distance: num(shape.viewingDistanceM) })}
          </div>
        </th>
      )}
      <td>{tl(`lang.${m.lang}`)}</td>
      <td data-check="height">
        {tl('height.value', { value: num(m.glyphMm), minimum: num(m.minimumGlyphMm) })}
        {small && <span class="badge danger">{tl('flag.small')}</span>}
      </td>
      <td data-check="time">
        {tl('time.value', { reading: num(m.readingS), shown: num(m.shownS) })}
        {short && <span class="badge danger">{tl('flag.short')}</span>}
      </td>
    </tr>
  )
}

/**
 * The slide being edited, checked for legibility on each shape the playlist reaches (from the
 * server: panels, zones, pitch and distance) with the same core code the approval runs: the text
 * height the fitter would settle on against the minimum for each script, and the reading time
 * against the time on screen. Updated as the person types.
 */
export function LegibilityPanel({
  item,
  report,
  error,
}: {
  item: EditItemOf<'slide'>
  report: LegibilityReport | undefined
  error: ApiError | null
}) {
  if (error) return <p class="muted">{tl('loading-failed')}</p>
  if (!report) return null
  const durationMs = durationMsOf(item)
  if (durationMs === null || !item.text.vi.title.trim()) return null
  const slide = checkedSlide(item, durationMs)
  const measured = report.shapes.map((shape) => ({ shape, measures: measureSlide(slide, shape) }))
  const flagged = measured
    .flatMap((s) => s.measures)
    .reduce((n, m) => n + (m.fontPx < m.minimumFontPx ? 1 : 0) + (m.readingS > m.shownS ? 1 : 0), 0)
  return (
    <section class="pl-legibility" aria-label={tl('title')} data-legibility={flagged > 0 ? 'flagged' : 'ok'}>
      <h3>{tl('title')}</h3>
      <p class={`badge ${flagged > 0 ? 'danger' : 'ok'}`} role="status">
        {flagged > 0 ? tl('flagged', { count: flagged }) : tl('ok')}
      </p>
      {report.planned && <p class="muted">{tl('planned')}</p>}
      {report.unchecked.length > 0 && (
        <p class="muted">{tl('unchecked', { screens: report.unchecked.join(', ') })}</p>
      )}
      {measured.length > 0 && (
        <table class="pl-legibility-table">
          <thead>
            <tr>
              <th scope="col">{tl('col.shape')}</th>
              <th scope="col">{tl('col.language')}</th>
              <th scope="col">{tl('col.height')}</th>
              <th scope="col">{tl('col.time')}</th>
            </tr>
          </thead>
          {measured.map(({ shape, measures }) => (
            <tbody key={shape.id}>
              {measures.map((m, i) => (
                <Row key={m.lang} shape={shape} m={m} first={i === 0} span={measures.length} />
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  )
}

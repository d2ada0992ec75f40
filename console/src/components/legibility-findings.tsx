import type { LegibilityFinding, LegibilityShape } from '@playlists/schemas/legibility'
import { formatNumber } from '../i18n/i18n'
import { shownName } from '../i18n/names'
import { tl } from './legibility-messages'

const num = (n: number) => formatNumber(n, { maximumFractionDigits: 1 })

/** A shape as people know it: its size and its screens' names, or "planned". */
export function shapeName(shape: Pick<LegibilityShape, 'width' | 'height' | 'screens'>): string {
  return shape.screens.length > 0
    ? tl('shape.screens', {
        width: shape.width,
        height: shape.height,
        screens: shape.screens.map(shownName).join(', '),
      })
    : tl('shape.planned', { width: shape.width, height: shape.height })
}

/**
 * The findings the server sent (a refused approval, an override kept with a version), in words;
 * a schedule entry's or a layout's name the playlist each is in.
 */
export function LegibilityFindings({ findings }: { findings: readonly LegibilityFinding[] }) {
  return (
    <ul class="legibility-findings">
      {findings.map((f) => {
        const [width, height] = f.shapeId.split('-')[0]!.split('x').map(Number)
        const params = {
          position: f.itemIndex + 1,
          lang: tl(`lang.${f.lang}`),
          shape: shapeName({ width: width ?? 0, height: height ?? 0, screens: f.screens }),
          value: num(f.value),
          minimum: num(f.minimum),
        }
        const text = tl(f.problem === 'text-too-small' ? 'finding.small' : 'finding.short', params)
        return (
          <li
            key={`${f.playlistId ?? ''}/${f.itemId}/${f.shapeId}/${f.lang}/${f.problem}`}
            data-problem={f.problem}
            data-playlist={f.playlistId}
          >
            {f.playlistId
              ? tl('finding.in-playlist', { name: shownName(f.playlistName ?? f.playlistId), finding: text })
              : text}
          </li>
        )
      })}
    </ul>
  )
}

import { MAIN_ZONE, type Zone, zonePixels } from '@playlists/schemas/layout'
import type { Playlist } from '@playlists/schemas/playlist'
import { useState } from 'preact/hooks'
import { tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import type { Shape } from './shapes'

const FIELDS = ['x', 'y', 'width', 'height'] as const
type Field = (typeof FIELDS)[number]

/** What a zone's control spreads onto itself: see LayoutEditor, which knows the problems and refusals. */
export type ZoneCheck = (
  index: number,
  field: Field | 'id' | 'name' | 'playlistId',
) => { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }

/** Fractions as typed and read back: at most four decimals, no trailing zeros. */
const show = (v: number) => String(Math.round(v * 10_000) / 10_000)

interface RowProps {
  zone: Zone
  index: number
  count: number
  selected: boolean
  shape: Shape
  playlists: readonly Playlist[]
  /** A zone field's state, spread onto its control: invalid, and described by the problem or refusal. */
  check: ZoneCheck
  onChange: (index: number, change: Partial<Zone>) => void
  onMove: (index: number, by: -1 | 1) => void
  onRemove: (index: number) => void
  onSelect: (index: number) => void
}

function ZoneRow({
  zone,
  index,
  count,
  selected,
  shape,
  playlists,
  check,
  onChange,
  onMove,
  onRemove,
  onSelect,
}: RowProps) {
  // Text being typed ("0." on the way to "0.5") stays as typed until it is a number.
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({})
  const label = shownName(zone.name) || zone.id
  const px = zonePixels(zone, shape.width, shape.height)
  const isMain = zone.id === MAIN_ZONE

  return (
    <tr class={selected ? 'selected' : undefined} data-zone={zone.id} onFocusCapture={() => onSelect(index)}>
      <td>
        <input
          class="layout-id"
          name={`zone-${index}-id`}
          value={zone.id}
          readOnly={isMain}
          aria-label={t('zones.id-label', { zone: label })}
          {...check(index, 'id')}
          onInput={(e) => onChange(index, { id: e.currentTarget.value.trim() })}
        />
      </td>
      <td>
        <input
          name={`zone-${index}-name`}
          value={zone.name}
          maxLength={120}
          aria-label={t('zones.name-label', { zone: label })}
          {...check(index, 'name')}
          onInput={(e) => onChange(index, { name: e.currentTarget.value })}
        />
      </td>
      {FIELDS.map((field) => (
        <td key={field}>
          <input
            class="layout-number"
            type="number"
            name={`zone-${index}-${field}`}
            min={0}
            max={1}
            step={0.001}
            value={drafts[field] ?? show(zone[field])}
            aria-label={t(`zones.${field}-label`, { zone: label })}
            {...check(index, field)}
            onInput={(e) => {
              const text = e.currentTarget.value
              setDrafts((d) => ({ ...d, [field]: text }))
              const value = Number(text)
              if (text.trim() !== '' && Number.isFinite(value)) onChange(index, { [field]: value })
            }}
            onBlur={() => setDrafts((d) => ({ ...d, [field]: undefined }))}
          />
        </td>
      ))}
      <td class="layout-pixels">
        {t('zones.pixels', { width: px.width, height: px.height, left: px.left, top: px.top })}
      </td>
      <td>
        <select
          name={`zone-${index}-playlist`}
          value={zone.playlistId ?? ''}
          aria-label={t('zones.playlist-label', { zone: label })}
          {...check(index, 'playlistId')}
          onChange={(e) => onChange(index, { playlistId: e.currentTarget.value || null })}
        >
          <option value="">{isMain ? t('zones.screen-default') : t('zones.no-playlist')}</option>
          {playlists.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div class="layout-row-actions">
          <button
            type="button"
            disabled={index === 0}
            onClick={() => onMove(index, -1)}
            aria-label={t('zones.down-label', { zone: label })}
            title={t('zones.down-label', { zone: label })}
          >
            ↓
          </button>
          <button
            type="button"
            disabled={index === count - 1}
            onClick={() => onMove(index, 1)}
            aria-label={t('zones.up-label', { zone: label })}
            title={t('zones.up-label', { zone: label })}
          >
            ↑
          </button>
          <button
            type="button"
            class="danger"
            disabled={isMain}
            onClick={() => onRemove(index)}
            aria-label={t('zones.remove-label', { zone: label })}
          >
            {tc('delete')}
          </button>
        </div>
      </td>
    </tr>
  )
}

type Props = Omit<RowProps, 'zone' | 'index' | 'count' | 'selected'> & {
  zones: readonly Zone[]
  selected: number
}

/**
 * The zones as numbers: relative coordinates (0–1 of the screen's width and height) with the
 * pixels they make on the chosen screen, the playlist each plays by default, and the drawing order
 * (later zones are drawn on top; the arrows move a zone down or up that order).
 */
export function ZoneTable({ zones, selected, ...rest }: Props) {
  return (
    <table class="layout-zones">
      <caption class="visually-hidden">{t('zones.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('zones.id')}</th>
          <th scope="col">{tc('name')}</th>
          <th scope="col">{t('zones.x')}</th>
          <th scope="col">{t('zones.y')}</th>
          <th scope="col">{t('zones.width')}</th>
          <th scope="col">{t('zones.height')}</th>
          <th scope="col">{t('zones.pixels-head')}</th>
          <th scope="col">{t('zones.playlist')}</th>
          <th scope="col">{t('zones.order')}</th>
        </tr>
      </thead>
      <tbody>
        {zones.map((zone, index) => (
          <ZoneRow
            key={index}
            zone={zone}
            index={index}
            count={zones.length}
            selected={index === selected}
            {...rest}
          />
        ))}
      </tbody>
    </table>
  )
}

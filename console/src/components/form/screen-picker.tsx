import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import type { FieldControl } from './field'

type Choice = Pick<Screen, 'id' | 'name' | 'siteId'>

interface Props extends Partial<FieldControl> {
  screens: readonly Choice[]
  value: string
  onChange: (screenId: string) => void
  /** The first choice, value "": the whole site, every screen, or "choose one". */
  anyLabel?: string
  /** Given, the screens are grouped under their sites' names (a choice across the province). */
  sites?: readonly Pick<Site, 'id' | 'name'>[]
  name?: string
}

/** A screen, by its shown name: the select every page that picks one screen shares. */
export function ScreenPicker({
  screens,
  value,
  onChange,
  anyLabel,
  sites,
  name = 'screen',
  ...control
}: Props) {
  const option = (s: Choice) => (
    <option key={s.id} value={s.id}>
      {shownName(s.name)}
    </option>
  )
  return (
    <select {...control} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {sites
        ? sites.map((site) => (
            <optgroup key={site.id} label={site.name[language.value]}>
              {screens.filter((s) => s.siteId === site.id).map(option)}
            </optgroup>
          ))
        : screens.map(option)}
    </select>
  )
}

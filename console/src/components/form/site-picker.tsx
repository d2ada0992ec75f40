import type { Site } from '@playlists/schemas/site'
import { language } from '../../i18n/i18n'
import type { FieldControl } from './field'

interface Props extends Partial<FieldControl> {
  sites: Iterable<Pick<Site, 'id' | 'name'>>
  value: string
  onChange: (siteId: string) => void
  /** The first choice, value "", meaning every site (a filter); without it a site must be chosen. */
  anyLabel?: string
  name?: string
}

/** A site, by its name in the reader's language: the select every page that narrows to a site shares. */
export function SitePicker({ sites, value, onChange, anyLabel, name = 'site', ...control }: Props) {
  return (
    <select {...control} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {[...sites].map((s) => (
        <option key={s.id} value={s.id}>
          {s.name[language.value]}
        </option>
      ))}
    </select>
  )
}

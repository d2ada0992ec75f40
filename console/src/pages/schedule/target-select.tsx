import type { TargetType } from '@playlists/schemas/schedule'
import type { FieldControl } from '../../components/form/field'
import { ScreenPicker } from '../../components/form/screen-picker'
import { SitePicker } from '../../components/form/site-picker'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import type { Places } from './rule-text'

interface Props {
  control: FieldControl
  type: Exclude<TargetType, 'all'>
  value: string
  places: Places
  onChange: (id: string) => void
}

/** The one screen, sync group or site a schedule entry aims at, by the kind chosen beside it. */
export function TargetSelect({ control, type, value, places, onChange }: Props) {
  const choose = t('form.choose')
  if (type === 'screen')
    return (
      <ScreenPicker
        {...control}
        name="targetId"
        screens={places.screens}
        value={value}
        onChange={onChange}
        anyLabel={choose}
      />
    )
  if (type === 'site')
    return (
      <SitePicker
        {...control}
        name="targetId"
        sites={places.sites}
        value={value}
        onChange={onChange}
        anyLabel={choose}
      />
    )
  return (
    <select {...control} name="targetId" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{choose}</option>
      {places.groups.map((g) => (
        <option key={g.id} value={g.id}>
          {shownName(g.name)}
        </option>
      ))}
    </select>
  )
}

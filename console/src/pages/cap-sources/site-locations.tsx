import type { Site } from '@playlists/schemas/site'
import { useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { language } from '../../i18n/i18n'
import { ts } from './messages'
import { SiteForm, SiteSection } from './site-rows'

/** One coordinate in decimal degrees, within ±bound; needed once the other one is given. */
function Degrees({
  name,
  bound,
  value,
  needed,
  onChange,
}: {
  name: 'latitude' | 'longitude'
  bound: number
  value: string
  needed: boolean
  onChange: (value: string) => void
}) {
  return (
    <Field label={ts(name)}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="number"
          step="any"
          min={-bound}
          max={bound}
          required={needed}
          value={value}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  )
}

/**
 * Where one gate stands, for CAP areas to find it: both numbers, or neither (the site is then
 * reached only by a source's own list or geocodes).
 */
function SiteLocation({ site, onSaved }: { site: Site; onSaved: () => void }) {
  const [latitude, setLatitude] = useState(site.location ? String(site.location.latitude) : '')
  const [longitude, setLongitude] = useState(site.location ? String(site.location.longitude) : '')
  const name = site.name[language.value]
  const save = useAction(async () => {
    const location =
      latitude.trim() === '' && longitude.trim() === ''
        ? null
        : { latitude: Number(latitude), longitude: Number(longitude) }
    await api.put('/api/sites/:id', {
      params: { id: site.id },
      body: {
        name: site.name,
        timeZone: site.timeZone,
        emergencySelfApproval: site.emergencySelfApproval,
        location,
      },
    })
    notify(ts('locations.saved'))
    onSaved()
  })
  return (
    <SiteForm site={site} onSubmit={() => void save.run()}>
      <Degrees name="latitude" bound={90} value={latitude} needed={longitude !== ''} onChange={setLatitude} />
      <Degrees
        name="longitude"
        bound={180}
        value={longitude}
        needed={latitude !== ''}
        onChange={setLongitude}
      />
      <button type="submit" disabled={save.busy} aria-label={ts('locations.save-label', { site: name })}>
        {ts('locations.save')}
      </button>
      <ErrorMessage error={save.error} />
    </SiteForm>
  )
}

export function SiteLocations({ sites, onSaved }: { sites: readonly Site[]; onSaved: () => void }) {
  return (
    <SiteSection
      id="cap-locations-title"
      title={ts('locations.title')}
      intro={ts('locations.intro')}
      sites={sites}
    >
      {(site) => <SiteLocation site={site} onSaved={onSaved} />}
    </SiteSection>
  )
}

import { ON_AIR_ACCESS, type OnAirAccess } from '@playlists/schemas/on-air'
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

/** Where a feed reader finds the site's feed: this console's own origin, in the reader's language. */
const feedUrl = (id: string) => `${location.origin}/feeds/sites/${id}/on-air.atom?lang=${language.value}`

/**
 * Who may read one gate's on-air feed (issue 19 point 5): nobody, anyone, or API token holders.
 * Saved on its own: the choice is an admin's, audited apart from the site's other settings.
 */
function SiteFeed({ site, onSaved }: { site: Site; onSaved: () => void }) {
  const [access, setAccess] = useState<OnAirAccess>(site.onAirFeed)
  const name = site.name[language.value]
  const save = useAction(async () => {
    await api.put('/api/sites/:id/on-air-feed', { params: { id: site.id }, body: { access } })
    notify(ts('feeds.saved', { site: name }))
    onSaved()
  })
  return (
    <SiteForm site={site} onSubmit={() => void save.run()}>
      <Field label={ts('feeds.access')}>
        {(control) => (
          <select
            {...control}
            name="access"
            value={access}
            onChange={(e) => setAccess(e.currentTarget.value as OnAirAccess)}
          >
            {ON_AIR_ACCESS.map((a) => (
              <option key={a} value={a}>
                {ts(`feeds.access.${a}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={save.busy} aria-label={ts('feeds.save-label', { site: name })}>
        {ts('feeds.save')}
      </button>
      {site.onAirFeed !== 'off' && (
        <span class="cap-feed-url">
          {ts('feeds.address')} <code>{feedUrl(site.id)}</code>
        </span>
      )}
      <ErrorMessage error={save.error} />
    </SiteForm>
  )
}

export function SiteFeeds({ sites, onSaved }: { sites: readonly Site[]; onSaved: () => void }) {
  return (
    <SiteSection id="cap-feeds-title" title={ts('feeds.title')} intro={ts('feeds.intro')} sites={sites}>
      {(site) => <SiteFeed site={site} onSaved={onSaved} />}
    </SiteSection>
  )
}

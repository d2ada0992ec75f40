import type { Site } from '@playlists/schemas/site'
import type { ComponentChildren, VNode } from 'preact'
import { Fragment } from 'preact'
import { language } from '../../i18n/i18n'

/**
 * A card of per-gate settings, one form per gate: the page's site coordinates and on-air feeds
 * are both laid out this way. A site's row is keyed by its last change, so a saved row starts
 * again from what the server kept.
 */
export function SiteSection({
  id,
  title,
  intro,
  sites,
  children,
}: {
  id: string
  title: string
  intro: string
  sites: readonly Site[]
  children: (site: Site) => VNode
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{intro}</p>
      {sites.map((site) => (
        <Fragment key={`${site.id}:${site.updatedAt}`}>{children(site)}</Fragment>
      ))}
    </section>
  )
}

/** One gate's line: its name, then its fields and button, wrapping on narrow windows. */
export function SiteForm({
  site,
  onSubmit,
  children,
}: {
  site: Site
  onSubmit: () => void
  children: ComponentChildren
}) {
  return (
    <form
      class="cap-location"
      data-site={site.id}
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit()
      }}
    >
      <strong>{site.name[language.value]}</strong>
      {children}
    </form>
  )
}

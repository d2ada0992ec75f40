import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { useId, useState } from 'preact/hooks'
import type { FieldCheck } from '../../components/form/field'
import { FieldGroup } from '../../components/form/field-group'
import { language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './messages'
import { type Selection, screensBySite } from './targets'

/** Up to this many screens, every site opens with its screens shown; past it, sites start folded. */
const UNFOLDED_SCREENS_MAX = 40

function SiteBranch({
  site,
  screens,
  selection,
  onChange,
  unfolded,
}: {
  site: Site
  screens: readonly Screen[]
  selection: Selection
  onChange: (screens: Set<string>) => void
  unfolded: boolean
}) {
  const id = useId()
  const [open, setOpen] = useState(unfolded)
  const ticked = screens.filter((s) => selection.screens.has(s.id)).length
  const whole = screens.length > 0 && ticked === screens.length
  const toggle = (ids: readonly string[], on: boolean) => {
    const next = new Set(selection.screens)
    for (const s of ids) {
      if (on) next.add(s)
      else next.delete(s)
    }
    onChange(next)
  }
  return (
    <li>
      <div class="emergency-site">
        <input
          id={`${id}-site`}
          type="checkbox"
          name="site"
          value={site.id}
          checked={whole}
          disabled={screens.length === 0}
          ref={(el) => {
            // Some of the site's screens: neither ticked nor not, as a tree shows it.
            if (el) el.indeterminate = ticked > 0 && !whole
          }}
          onChange={(e) =>
            toggle(
              screens.map((s) => s.id),
              e.currentTarget.checked,
            )
          }
        />
        <label for={`${id}-site`}>
          {site.name[language.value]}{' '}
          <span class="muted">{t('targets.site-count', { count: screens.length, ticked })}</span>
        </label>
        {screens.length > 0 && (
          <button
            type="button"
            class="link"
            aria-expanded={open}
            aria-controls={`${id}-screens`}
            aria-label={t(open ? 'targets.hide-label' : 'targets.show-label', {
              site: site.name[language.value],
            })}
            onClick={() => setOpen(!open)}
          >
            {open ? t('targets.hide') : t('targets.show')}
          </button>
        )}
      </div>
      {open && (
        <ul id={`${id}-screens`} class="emergency-screens">
          {screens.map((s) => (
            <li key={s.id}>
              <label>
                <input
                  type="checkbox"
                  name="screen"
                  value={s.id}
                  checked={selection.screens.has(s.id)}
                  onChange={(e) => toggle([s.id], e.currentTarget.checked)}
                />{' '}
                {shownName(s.name)}{' '}
                <span class="muted">{t('targets.size', { width: s.width, height: s.height })}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/**
 * Who sees the message: every screen, or sites and screens ticked in a tree (site → its screens).
 * Ticking a site ticks its screens; a site partly ticked shows as such.
 */
export function TargetPicker({
  sites,
  screens,
  selection,
  onChange,
  ...check
}: FieldCheck & {
  sites: readonly Site[]
  screens: readonly Screen[]
  selection: Selection
  onChange: (selection: Selection) => void
}) {
  const bySite = screensBySite(screens)
  const unfolded = screens.length <= UNFOLDED_SCREENS_MAX
  return (
    <FieldGroup class="emergency-targets" name="targets" legend={t('targets.legend')} {...check}>
      <label class="emergency-mode">
        <input
          type="radio"
          name="target-mode"
          value="all"
          checked={selection.all}
          onChange={() => onChange({ ...selection, all: true })}
        />{' '}
        {t('targets.all', { count: screens.length })}
      </label>
      <label class="emergency-mode">
        <input
          type="radio"
          name="target-mode"
          value="some"
          checked={!selection.all}
          onChange={() => onChange({ ...selection, all: false })}
        />{' '}
        {t('targets.some')}
      </label>
      {!selection.all && (
        <ul class="emergency-tree">
          {sites.map((site) => (
            <SiteBranch
              key={site.id}
              site={site}
              screens={bySite.get(site.id) ?? []}
              selection={selection}
              onChange={(next) => onChange({ all: false, screens: next })}
              unfolded={unfolded}
            />
          ))}
        </ul>
      )}
    </FieldGroup>
  )
}

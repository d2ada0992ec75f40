import type { Layout } from '@playlists/schemas/layout'
import { read } from '../../api'
import { ApprovalState, useStandings } from '../../components/approval-state'
import { ErrorMessage } from '../../components/error-message'
import { tc } from '../../i18n/common'
import { shownName } from '../../i18n/names'
import { href } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { LayoutThumb } from './layout-thumb'
import { t } from './messages'
import { presetDescription, presetName } from './presets'

/** Layouts are few (a handful per panel shape, LAYOUT_ZONES_MAX zones each): one page lists them all. */
export function LayoutList() {
  const layouts = useResource(read('/api/layouts'))
  const presets = useResource(read('/api/layouts/presets'))
  const screens = useResource(read('/api/screens'))
  const standings = useStandings('layout', layouts.data ?? [])
  const mayEdit = can('content:write')

  const screenName = (id: string) => shownName(screens.data?.find((s) => s.id === id)?.name ?? id)
  /** The aspect a layout is drawn at in the list: its first screen's, else that of the first screen. */
  const aspectOf = (layout: Layout) => {
    const screen = screens.data?.find((s) => layout.screens.includes(s.id)) ?? screens.data?.[0]
    return screen ? screen.width / screen.height : 2
  }

  return (
    <>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      <ErrorMessage error={layouts.error ?? presets.error ?? screens.error} />
      {/* Rows name their screens (and are drawn at their aspect): wait for the screens too. */}
      {(layouts.loading && !layouts.data) || (screens.loading && !screens.data) ? (
        <p class="loading">{tc('loading')}</p>
      ) : (layouts.data ?? []).length === 0 ? (
        <p class="empty">{t('none')}</p>
      ) : (
        <table class="layout-list">
          <thead>
            <tr>
              <th scope="col">{tc('name')}</th>
              <th scope="col">{t('list.zones')}</th>
              <th scope="col">{t('list.screens')}</th>
              <th scope="col">{t('list.state')}</th>
              <th scope="col">{tc('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {layouts.data!.map((l) => (
              <tr key={l.id} data-layout={l.id}>
                <td>{shownName(l.name)}</td>
                <td>
                  <div class="layout-list-zones">
                    <LayoutThumb zones={l.zones} aspect={aspectOf(l)} />
                    <span>{l.zones.map((z) => shownName(z.name)).join(', ')}</span>
                  </div>
                </td>
                <td>{l.screens.length > 0 ? l.screens.map(screenName).join(', ') : t('list.unused')}</td>
                <td>
                  <ApprovalState standing={standings.get(l.id)} />
                </td>
                <td>
                  <a
                    href={href('layouts', l.id)}
                    aria-label={t('list.open-label', { name: shownName(l.name) })}
                  >
                    {mayEdit ? tc('edit') : t('list.view')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayEdit && (
        <section class="layout-presets" aria-labelledby="layout-presets-title">
          <h2 id="layout-presets-title">{t('presets.title')}</h2>
          <p class="muted">{t('presets.intro')}</p>
          {presets.loading && !presets.data ? (
            <p class="loading">{tc('loading')}</p>
          ) : (
            <ul class="layout-preset-list">
              {(presets.data ?? []).map((p) => (
                <li key={p.id} class="card" data-preset={p.id}>
                  <LayoutThumb zones={p.zones} aspect={p.aspect > 0 ? p.aspect : 2} />
                  <div>
                    <h3>{presetName(p)}</h3>
                    <p class="muted">{presetDescription(p)}</p>
                    <a
                      class="layout-preset-use"
                      href={`${href('layouts', 'new')}?preset=${encodeURIComponent(p.id)}`}
                      aria-label={t('presets.use-label', { name: presetName(p) })}
                    >
                      {t('presets.use')}
                    </a>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  )
}

import type { Screen } from '@playlists/schemas/screen'
import type { Site } from '@playlists/schemas/site'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useMemo, useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { SearchField } from '../../components/form/search-field'
import { SitePicker } from '../../components/form/site-picker'
import { useNow } from '../../components/relative-time'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { ts } from '../../i18n/shell'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { AgentButton, AgentDialog } from './agent-panel'
import { ClearCacheDialog, ScreenCommands } from './commands'
import { useScreenStatuses } from './live-status'
import { t } from './messages'
import { useNames } from './now-playing'
import { PairDialog } from './pair-dialog'
import { PhysicalFactsDialog } from './physical-facts'
import { t as tp } from './power-messages'
import { PowerPlanDialog, type PowerTarget } from './power-plan'
import { ScreenRow } from './screen-row'
import { ScreenshotHistoryDialog } from './screenshot-history'
import { LatestScreenshot, useLatestScreenshots } from './screenshot-latest'
import { ts as tsh } from './screenshot-messages'
import { alertsOf } from './status-alerts'
import './screens.css'
import { screenMatches } from '../../i18n/names'

/** Screens drawn per page: a province's thousands stay quick to render and to read. */
const PAGE_SIZE = 50

const NONE_SITES: Site[] = []
const NONE_SCREENS: Screen[] = []

type Show = 'all' | 'online' | 'offline' | 'attention'
const SHOWS: readonly Show[] = ['all', 'online', 'offline', 'attention']

/**
 * Every screen by border gate, as it is now: whether its player is there, when it was last heard,
 * what each zone shows, which version it plays and what needs attention. The server pushes each
 * change over the consoles' socket, so the page is current without reloading. Operators
 * (screens:operate) also pair players and send commands; viewers read.
 */
export function ScreensPage({ query }: PageProps) {
  const sites = useResource(read('/api/sites'))
  const screens = useResource(read('/api/screens'))
  const live = useScreenStatuses(() => screens.reload())
  const now = useNow()
  const operate = can('screens:operate')
  const admin = can('settings:write')

  const [siteId, setSiteId] = useState(query.get('site') ?? '')
  const [search, setSearch] = useState('')
  const [show, setShow] = useState<Show>('all')
  const [page, setPage] = useState(1)
  const [pairing, setPairing] = useState<{ screenId: string } | null>(null)
  const [clearing, setClearing] = useState<Screen | null>(null)
  const [editingFacts, setEditingFacts] = useState<Screen | null>(null)
  const [editingPower, setEditingPower] = useState<PowerTarget | null>(null)
  const [agentOf, setAgentOf] = useState<{ screen: Screen; timeZone: string } | null>(null)
  const [historyOf, setHistoryOf] = useState<Screen | null>(null)
  const screenshots = useLatestScreenshots()

  const siteList = sites.data ?? NONE_SITES
  const siteById = useMemo(() => new Map(siteList.map((s) => [s.id, s])), [siteList])
  const siteOrder = useMemo(() => new Map(siteList.map((s, i) => [s.id, i])), [siteList])
  const allScreens = screens.data ?? NONE_SCREENS
  const onlineIds = useMemo(
    () => new Set([...live.statuses.values()].filter((s) => s.online).map((s) => s.screenId)),
    [live.statuses],
  )

  const filtered = useMemo(() => {
    const needle = search.trim().toLowerCase()
    return allScreens
      .filter((s) => !siteId || s.siteId === siteId)
      .filter((s) => screenMatches(s, needle))
      .filter((s) => {
        if (show === 'all') return true
        const status = live.statuses.get(s.id)
        if (show === 'online') return status?.online === true
        if (show === 'offline') return status?.online !== true
        return alertsOf(status, now).length > 0
      })
      .sort(
        (a, b) =>
          (siteOrder.get(a.siteId) ?? Number.MAX_SAFE_INTEGER) -
            (siteOrder.get(b.siteId) ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name),
      )
  }, [allScreens, siteId, search, show, live.statuses, now, siteOrder])

  const { page: current, rows: shown } = pageOf(filtered, page, PAGE_SIZE)
  const bySite = new Map<string, Screen[]>()
  for (const s of shown) bySite.set(s.siteId, [...(bySite.get(s.siteId) ?? []), s])
  const groups = [...bySite]

  // Names of what plays, for the screens on this page that report anything.
  const wanted = new Map<string, number>()
  for (const s of shown) {
    const status = live.statuses.get(s.id)
    if (status?.report?.zones.length && status.publishedVersion !== null)
      wanted.set(s.id, status.publishedVersion)
  }
  const names = useNames(wanted)

  const online = allScreens.filter((s) => onlineIds.has(s.id)).length
  const attention = allScreens.filter((s) => alertsOf(live.statuses.get(s.id), now).length > 0).length
  const lang = language.value
  const loading = sites.loading || screens.loading

  const choose = (apply: () => void) => {
    apply()
    setPage(1)
  }

  return (
    <div class="screens-page">
      <h1>{ts('nav.screens')}</h1>
      <div class="screens-summary">
        <span>{t('summary.total', { count: allScreens.length })}</span>
        <span class="badge ok">{t('summary.online', { count: online })}</span>
        <span class="badge danger">{t('summary.offline', { count: allScreens.length - online })}</span>
        <span class="badge warn">{t('summary.attention', { count: attention })}</span>
        {live.connected ? (
          <span class="badge ok screens-live" role="status">
            {t('live.on')}
          </span>
        ) : live.interrupted ? (
          <span class="badge warn screens-live" role="status">
            {t('live.interrupted')}
          </span>
        ) : null}
      </div>

      <div class="toolbar">
        <Field label={t('filter.site')}>
          {(control) => (
            <SitePicker
              {...control}
              sites={siteList}
              value={siteId}
              anyLabel={t('filter.all-sites')}
              onChange={(id) => choose(() => setSiteId(id))}
            />
          )}
        </Field>
        <SearchField
          label={t('filter.search')}
          name="search"
          value={search}
          hint={t('filter.search-hint')}
          matches={filtered.length}
          onInput={(text) => choose(() => setSearch(text))}
        />
        <Field label={t('filter.show')}>
          {(control) => (
            <select
              {...control}
              name="show"
              value={show}
              onChange={(e) => choose(() => setShow(e.currentTarget.value as Show))}
            >
              {SHOWS.map((s) => (
                <option key={s} value={s}>
                  {t(`show.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {operate && (
          <button type="button" class="primary" onClick={() => setPairing({ screenId: '' })}>
            {t('pair.open-any')}
          </button>
        )}
      </div>

      <ErrorMessage error={sites.error ?? screens.error} />
      {loading && !screens.data ? (
        <p class="loading">{tc('loading')}</p>
      ) : filtered.length === 0 ? (
        <p class="empty">{allScreens.length === 0 ? t('empty') : t('empty.filtered')}</p>
      ) : (
        groups.map(([id, group]) => {
          const site = siteById.get(id)
          const headingId = `screens-site-${id}`
          return (
            <section key={id} class="screens-site" aria-labelledby={headingId}>
              <h2 id={headingId}>
                {site ? site.name[lang] : id}{' '}
                <span class="muted screens-site-zone">{site?.timeZone ?? DEFAULT_TIME_ZONE}</span>
                {admin && site && (
                  <button
                    type="button"
                    class="link screens-site-power"
                    aria-label={tp('edit-label', { name: site.name[lang] })}
                    onClick={() => setEditingPower({ kind: 'site', site })}
                  >
                    {tp('edit')}
                  </button>
                )}
              </h2>
              <div class="screens-scroll">
                <table class="screens-table">
                  <colgroup>
                    <col class="col-screen" />
                    <col class="col-status" />
                    <col class="col-seen" />
                    <col class="col-now" />
                    <col class="col-version" />
                    <col class="col-alerts" />
                    <col class="col-screenshot" />
                    {operate && <col class="col-actions" />}
                  </colgroup>
                  <thead>
                    <tr>
                      <th scope="col">{t('col.screen')}</th>
                      <th scope="col">{t('col.status')}</th>
                      <th scope="col">{t('col.last-seen')}</th>
                      <th scope="col">{t('col.now')}</th>
                      <th scope="col">{t('col.version')}</th>
                      <th scope="col">{t('col.alerts')}</th>
                      <th scope="col">{tsh('col.screenshot')}</th>
                      {operate && <th scope="col">{tc('actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {group.map((screen) => {
                      const status = live.statuses.get(screen.id)
                      return (
                        <ScreenRow
                          key={screen.id}
                          screen={screen}
                          status={status}
                          timeZone={screen.timeZone ?? site?.timeZone ?? DEFAULT_TIME_ZONE}
                          now={now}
                          names={names.get(screen.id)}
                          onEditFacts={admin ? () => setEditingFacts(screen) : undefined}
                          onEditPower={
                            admin ? () => setEditingPower({ kind: 'screen', screen, site }) : undefined
                          }
                          screenshot={
                            <LatestScreenshot
                              screen={screen}
                              shot={screenshots.get(screen.id)}
                              timeZone={screen.timeZone ?? site?.timeZone ?? DEFAULT_TIME_ZONE}
                              now={now}
                              operate={operate}
                              onHistory={() => setHistoryOf(screen)}
                            />
                          }
                          commands={
                            operate && (
                              <>
                                <ScreenCommands
                                  screen={screen}
                                  online={status?.online ?? false}
                                  onClearCache={() => setClearing(screen)}
                                  onPair={() => setPairing({ screenId: screen.id })}
                                />
                                <AgentButton
                                  screen={screen}
                                  onOpen={() =>
                                    setAgentOf({
                                      screen,
                                      timeZone: screen.timeZone ?? site?.timeZone ?? DEFAULT_TIME_ZONE,
                                    })
                                  }
                                />
                              </>
                            )
                          }
                        />
                      )
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          )
        })
      )}
      <Pager page={current} pageSize={PAGE_SIZE} total={filtered.length} onPage={setPage} />
      {admin && (
        <PowerPlanDialog
          target={editingPower}
          onClose={() => setEditingPower(null)}
          onSaved={() => {
            sites.reload()
            screens.reload()
          }}
        />
      )}
      {admin && (
        <PhysicalFactsDialog
          screen={editingFacts}
          onClose={() => setEditingFacts(null)}
          onSaved={() => screens.reload()}
        />
      )}

      {operate && (
        <>
          <PairDialog
            open={pairing !== null}
            initialScreenId={pairing?.screenId ?? ''}
            screens={allScreens}
            sites={siteList}
            onlineIds={onlineIds}
            onClose={() => setPairing(null)}
          />
          <ClearCacheDialog screen={clearing} onClose={() => setClearing(null)} />
          <AgentDialog
            screen={agentOf?.screen ?? null}
            timeZone={agentOf?.timeZone ?? DEFAULT_TIME_ZONE}
            operate={operate}
            admin={admin}
            onClose={() => setAgentOf(null)}
            onSaved={() => screens.reload()}
          />
        </>
      )}
      <ScreenshotHistoryDialog
        screen={historyOf}
        timeZone={historyOf?.timeZone ?? siteById.get(historyOf?.siteId ?? '')?.timeZone ?? DEFAULT_TIME_ZONE}
        onClose={() => setHistoryOf(null)}
      />
    </div>
  )
}

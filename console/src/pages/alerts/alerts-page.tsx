import { useMemo, useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { Pager } from '../../components/form/pager'
import { SitePicker } from '../../components/form/site-picker'
import { tc } from '../../i18n/common'
import { ts } from '../../i18n/shell'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { IncidentHistory, OpenIncidents } from './incidents'
import { useIncidentPush } from './live'
import { ta } from './messages'
import { RulesSection } from './rules'
import { WebhooksSection } from './webhooks'
import './alerts.css'

const OPEN_PAGE = 50
const HISTORY_PAGE = 20

/**
 * Alerts: what is wrong now (live: the server pushes every incident opened, closed or
 * acknowledged), what was wrong, the rules per border gate, and, for admins, the webhooks.
 * `#/alerts?site=<id>` opens the page filtered to one gate.
 */
export function AlertsPage({ query }: PageProps) {
  const [siteId, setSiteId] = useState(query.get('site') ?? '')
  const [openPage, setOpenPage] = useState(1)
  const [historyPage, setHistoryPage] = useState(1)
  const [version, setVersion] = useState(0)

  const sitesResource = useResource(read('/api/sites'))
  const sites = useMemo(() => new Map((sitesResource.data ?? []).map((s) => [s.id, s])), [sitesResource.data])
  const open = useResource(
    read('/api/alerts/incidents', { query: { state: 'open', siteId, page: openPage, pageSize: OPEN_PAGE } }),
  )
  const history = useResource(
    read('/api/alerts/incidents', {
      query: {
        state: 'resolved',
        siteId,
        page: historyPage,
        pageSize: HISTORY_PAGE,
      },
    }),
  )
  const refresh = () => {
    open.reload()
    history.reload()
    setVersion((v) => v + 1)
  }
  const live = useIncidentPush(refresh)

  const chooseSite = (id: string) => {
    setSiteId(id)
    setOpenPage(1)
    setHistoryPage(1)
  }
  return (
    <div class="alerts-page">
      <h1>{ts('nav.alerts')}</h1>
      <p class="muted">{ta('intro')}</p>
      <div class="toolbar">
        <Field label={ta('filter.site')}>
          {(control) => (
            <SitePicker
              {...control}
              sites={sites.values()}
              value={siteId}
              onChange={chooseSite}
              anyLabel={ta('filter.all-sites')}
            />
          )}
        </Field>
        {live && <span class="badge ok alerts-live">{ta('live')}</span>}
      </div>

      <section aria-labelledby="alerts-open-title">
        <h2 id="alerts-open-title">
          {ta('open.title')}{' '}
          {open.data && open.data.total > 0 && <span class="badge danger">{open.data.total}</span>}
        </h2>
        <ErrorMessage error={open.error} />
        {open.data && (sitesResource.data || sitesResource.error) ? (
          <>
            <OpenIncidents incidents={open.data.items} sites={sites} onChanged={refresh} />
            <Pager page={open.data.page} pageSize={OPEN_PAGE} total={open.data.total} onPage={setOpenPage} />
          </>
        ) : (
          !open.error && <p class="loading">{tc('loading')}</p>
        )}
      </section>

      <section aria-labelledby="alerts-history-title">
        <h2 id="alerts-history-title">{ta('history.title')}</h2>
        <ErrorMessage error={history.error} />
        {history.data && (sitesResource.data || sitesResource.error) ? (
          <>
            <IncidentHistory incidents={history.data.items} sites={sites} />
            <Pager
              page={history.data.page}
              pageSize={HISTORY_PAGE}
              total={history.data.total}
              onPage={setHistoryPage}
            />
          </>
        ) : (
          !history.error && <p class="loading">{tc('loading')}</p>
        )}
      </section>

      <section aria-labelledby="alerts-rules-title">
        <h2 id="alerts-rules-title">{ta('rules.title')}</h2>
        <p class="muted">{ta('rules.intro')}</p>
        <RulesSection sites={sites} />
      </section>

      {can('settings:write') && (
        <section aria-labelledby="alerts-webhooks-title">
          <h2 id="alerts-webhooks-title">{ta('webhooks.title')}</h2>
          <WebhooksSection sites={sites} version={version} />
        </section>
      )}
    </div>
  )
}

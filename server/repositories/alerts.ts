import type {
  AlertKind,
  AlertRuleSet,
  AlertRules,
  AlertRulesList,
  Incident,
  IncidentDetail,
} from '@playlists/schemas/alerts'
import type { Found, PageRequest } from '@playlists/schemas/paging'
import { type Clock, isoAt } from '../clock'
import type { Store } from '../db/store'
import { notFound, refuse } from '../domain-error'
import { newId } from '../ids'

interface RulesRow {
  site_id: string | null
  offline_enabled: 0 | 1
  offline_minutes: number
  stale_enabled: 0 | 1
  stale_minutes: number
  errors_enabled: 0 | 1
  errors_count: number
  errors_minutes: number
  storage_enabled: 0 | 1
  storage_percent: number
  updated_at: string
}

const toRuleSet = (r: RulesRow): AlertRuleSet => ({
  siteId: r.site_id,
  rules: {
    offline: { enabled: r.offline_enabled === 1, afterMinutes: r.offline_minutes },
    stale: { enabled: r.stale_enabled === 1, afterMinutes: r.stale_minutes },
    errors: { enabled: r.errors_enabled === 1, count: r.errors_count, withinMinutes: r.errors_minutes },
    storage: { enabled: r.storage_enabled === 1, percent: r.storage_percent },
  },
  updatedAt: r.updated_at,
})

const ruleParams = (siteId: string | null, rules: AlertRules, at: number) => ({
  site: siteId,
  offlineEnabled: rules.offline.enabled ? 1 : 0,
  offlineMinutes: rules.offline.afterMinutes,
  staleEnabled: rules.stale.enabled ? 1 : 0,
  staleMinutes: rules.stale.afterMinutes,
  errorsEnabled: rules.errors.enabled ? 1 : 0,
  errorsCount: rules.errors.count,
  errorsMinutes: rules.errors.withinMinutes,
  storageEnabled: rules.storage.enabled ? 1 : 0,
  storagePercent: rules.storage.percent,
  at: isoAt(at),
})

interface IncidentRow {
  id: string
  screen_id: string
  screen_name: string
  site_id: string
  kind: AlertKind
  opened_at: string
  resolved_at: string | null
  detail: string
  acknowledged_at: string | null
  acknowledged_by: string | null
  acknowledge_note: string | null
}

const INCIDENT = `SELECT i.*, s.name AS screen_name FROM alert_incidents i JOIN screens s ON s.id = i.screen_id`

const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  screenId: r.screen_id,
  screenName: r.screen_name,
  siteId: r.site_id,
  kind: r.kind,
  state: r.resolved_at === null ? 'open' : 'resolved',
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  acknowledgeNote: r.acknowledge_note,
  detail: JSON.parse(r.detail) as IncidentDetail,
})

export interface IncidentFilter {
  state: 'open' | 'resolved' | 'all'
  siteId?: string
  screenId?: string
}

/** Alert rules (a default and per-site overrides) and the incidents they open. */
export class AlertsRepository {
  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  rules(): AlertRulesList {
    const rows = (
      this.db.prepare('SELECT * FROM alert_rules ORDER BY site_id IS NOT NULL, site_id').all() as RulesRow[]
    ).map(toRuleSet)
    const [fallback, ...sites] = rows
    // Migration 12 inserts the default and nothing deletes it.
    if (!fallback || fallback.siteId !== null) throw new Error('the default alert rules are missing')
    return { default: fallback, sites }
  }

  /** The default rules and each site's own, ready for evaluation. */
  effectiveRules(): { fallback: AlertRules; bySite: Map<string, AlertRules> } {
    const { default: fallback, sites } = this.rules()
    return { fallback: fallback.rules, bySite: new Map(sites.map((s) => [s.siteId ?? '', s.rules])) }
  }

  /** Replaces the default (siteId null) or one site's rules, creating the site's row if needed. */
  setRules(siteId: string | null, rules: AlertRules): AlertRuleSet {
    if (siteId !== null && !this.db.prepare('SELECT 1 FROM sites WHERE id = ?').get(siteId)) {
      throw notFound('site.not-found', 'Site', siteId)
    }
    const params = ruleParams(siteId, rules, this.clock())
    this.db
      .transaction(() => {
        const updated = this.db
          .prepare(
            `UPDATE alert_rules SET offline_enabled = @offlineEnabled, offline_minutes = @offlineMinutes,
               stale_enabled = @staleEnabled, stale_minutes = @staleMinutes, errors_enabled = @errorsEnabled,
               errors_count = @errorsCount, errors_minutes = @errorsMinutes, storage_enabled = @storageEnabled,
               storage_percent = @storagePercent, updated_at = @at
             WHERE coalesce(site_id, '') = coalesce(@site, '')`,
          )
          .run(params)
        if (updated.changes === 0) {
          this.db
            .prepare(
              `INSERT INTO alert_rules VALUES (@site, @offlineEnabled, @offlineMinutes, @staleEnabled,
                 @staleMinutes, @errorsEnabled, @errorsCount, @errorsMinutes, @storageEnabled, @storagePercent, @at)`,
            )
            .run(params)
        }
      })
      .immediate()
    const row = this.db
      .prepare("SELECT * FROM alert_rules WHERE coalesce(site_id, '') = coalesce(?, '')")
      .get(siteId) as RulesRow
    return toRuleSet(row)
  }

  /** The site follows the default again. */
  deleteSiteRules(siteId: string): void {
    const deleted = this.db.prepare('DELETE FROM alert_rules WHERE site_id = ?').run(siteId)
    if (deleted.changes === 0) throw notFound('alert-rules.not-found', 'Alert rules of site', siteId)
  }

  /** Open incidents' kinds by screen, for the evaluation. */
  openKinds(): Map<string, Set<AlertKind>> {
    const rows = this.db
      .prepare('SELECT screen_id, kind FROM alert_incidents WHERE resolved_at IS NULL')
      .all() as { screen_id: string; kind: AlertKind }[]
    const byScreen = new Map<string, Set<AlertKind>>()
    for (const r of rows) {
      const kinds = byScreen.get(r.screen_id) ?? new Set<AlertKind>()
      kinds.add(r.kind)
      byScreen.set(r.screen_id, kinds)
    }
    return byScreen
  }

  /** When each screen's newest version was published (ms), for the stale rule. */
  latestPublications(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT d.screen_id, d.published_at FROM documents d
         WHERE d.version = (SELECT max(version) FROM documents WHERE screen_id = d.screen_id)`,
      )
      .all() as { screen_id: string; published_at: string }[]
    return new Map(rows.map((r) => [r.screen_id, Date.parse(r.published_at)]))
  }

  /** Opens an incident; the caller runs this in the transaction that also queues its notices. */
  open(
    screen: { id: string; siteId: string },
    kind: AlertKind,
    detail: IncidentDetail,
    at: number,
  ): Incident {
    const id = newId('inc')
    this.db
      .prepare(
        `INSERT INTO alert_incidents (id, screen_id, site_id, kind, opened_at, detail)
         VALUES (@id, @screen, @site, @kind, @at, @detail)`,
      )
      .run({
        id,
        screen: screen.id,
        site: screen.siteId,
        kind,
        at: isoAt(at),
        detail: JSON.stringify(detail),
      })
    return this.get(id)
  }

  /** Resolves the screen's open incident of this kind; returns it, or undefined when none is open. */
  resolve(screenId: string, kind: AlertKind, at: number): Incident | undefined {
    const id = this.db
      .prepare('SELECT id FROM alert_incidents WHERE screen_id = ? AND kind = ? AND resolved_at IS NULL')
      .pluck()
      .get(screenId, kind) as string | undefined
    if (id === undefined) return undefined
    this.db.prepare('UPDATE alert_incidents SET resolved_at = ? WHERE id = ?').run(isoAt(at), id)
    return this.get(id)
  }

  find(id: string): Incident | undefined {
    const row = this.db.prepare(`${INCIDENT} WHERE i.id = ?`).get(id) as IncidentRow | undefined
    return row && toIncident(row)
  }

  get(id: string): Incident {
    const found = this.find(id)
    if (!found) throw notFound('incident.not-found', 'Incident', id)
    return found
  }

  list(filter: IncidentFilter, page: PageRequest): Found<Incident> {
    const where: string[] = []
    if (filter.state === 'open') where.push('i.resolved_at IS NULL')
    if (filter.state === 'resolved') where.push('i.resolved_at IS NOT NULL')
    if (filter.siteId !== undefined) where.push('i.site_id = @site')
    if (filter.screenId !== undefined) where.push('i.screen_id = @screen')
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const params = {
      site: filter.siteId ?? null,
      screen: filter.screenId ?? null,
      limit: page.limit,
      offset: page.offset,
    }
    // Resolved history reads newest-resolved first; open and mixed lists newest-opened first.
    const order = filter.state === 'resolved' ? 'i.resolved_at DESC, i.id' : 'i.opened_at DESC, i.id'
    const rows = this.db
      .prepare(`${INCIDENT} ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all(params) as IncidentRow[]
    const total = this.db
      .prepare(`SELECT count(*) FROM alert_incidents i ${clause}`)
      .pluck()
      .get(params) as number
    return { items: rows.map(toIncident), total }
  }

  /** Someone has seen it and is on it; once per incident (a second person gets 409 naming the first). */
  acknowledge(id: string, by: string, note: string | null): Incident {
    this.db
      .transaction(() => {
        const current = this.get(id)
        if (current.acknowledgedAt !== null) {
          throw refuse(
            'incident.acknowledged',
            `Incident "${id}" was already acknowledged by ${current.acknowledgedBy}.`,
            {
              params: {
                id,
                ...(current.acknowledgedBy === null ? {} : { acknowledgedBy: current.acknowledgedBy }),
              },
            },
          )
        }
        this.db
          .prepare(
            `UPDATE alert_incidents SET acknowledged_at = @at, acknowledged_by = @by, acknowledge_note = @note
             WHERE id = @id`,
          )
          .run({ id, by, note, at: isoAt(this.clock()) })
      })
      .immediate()
    return this.get(id)
  }

  /** Open incidents by site and kind, for the metric. */
  openCounts(): { siteId: string; kind: AlertKind; count: number }[] {
    return (
      this.db
        .prepare(
          'SELECT site_id, kind, count(*) AS n FROM alert_incidents WHERE resolved_at IS NULL GROUP BY site_id, kind',
        )
        .all() as { site_id: string; kind: AlertKind; n: number }[]
    ).map((r) => ({ siteId: r.site_id, kind: r.kind, count: r.n }))
  }
}

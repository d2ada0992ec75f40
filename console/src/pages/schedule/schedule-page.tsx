import type { Schedule, Target } from '@playlists/schemas/schedule'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { read } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { navigate } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { colorsFor } from './colors'
import { ConflictsTable } from './conflicts-table'
import { DetailsPanel } from './details-panel'
import { Legend } from './legend'
import { t } from './messages'
import { dateText, parseDateText, type RangeKind, rangeOf } from './range'
import type { Fields } from './rule-fields'
import { RuleForm } from './rule-form'
import { SchedulePicker, type View } from './schedule-picker'
import './schedule.css'
import { lanesOf } from './lanes'
import { RulesSection } from './rules-section'
import { type Names, type Selection, TimelineView } from './timeline-view'
import { useTimelines } from './timelines'

const MINUTE = 60_000

/** `#/schedule/<screen>?range=week&date=2026-12-01`, or `#/schedule?site=chi-ma&…` for a site. */
function hashOf(v: View): string {
  const q = new URLSearchParams()
  if (!v.screenId && v.site) q.set('site', v.site)
  if (v.range !== 'day') q.set('range', v.range)
  if (v.date) q.set('date', v.date)
  const qs = q.toString()
  return `#/schedule${v.screenId ? `/${encodeURIComponent(v.screenId)}` : ''}${qs ? `?${qs}` : ''}`
}

/** The present, moved on every minute so the "now" line follows the clock. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE)
    return () => clearInterval(timer)
  }, [])
  return now
}

/**
 * What plays when (`#/schedule`): a site's screens or one screen's zones over a day or a week,
 * drawn from the timeline API with the conflicts between schedule entries and their winners, and
 * the schedule entries themselves to create, edit, submit for approval and delete.
 */
export function SchedulePage({ params, query }: PageProps) {
  const sites = useResource(read('/api/sites'))
  const screens = useResource(read('/api/screens'))
  const groups = useResource(read('/api/sync-groups'))
  const playlists = useResource(read('/api/playlists'))
  const schedules = useResource(read('/api/schedules'))
  const layouts = useResource(read('/api/layouts'))
  const now = useNow()
  const [selected, setSelected] = useState<Selection | null>(null)
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null)
  const [restored, setRestored] = useState<Fields | undefined>(undefined)
  const [nonce, setNonce] = useState(0)

  const screenId = params[0]
  const screen = screenId ? screens.data?.find((s) => s.id === screenId) : undefined
  const siteId = screen?.siteId ?? query.get('site') ?? sites.data?.[0]?.id
  const site = sites.data?.find((s) => s.id === siteId)
  const kind: RangeKind = query.get('range') === 'week' ? 'week' : 'day'
  const zone = screen?.timeZone ?? site?.timeZone ?? DEFAULT_TIME_ZONE
  const day = parseDateText(query.get('date'))
  // The range moves only when the chosen day or the zone does, not with every tick of `now`
  // (`dayKey` stands for `day`; `now` only picks today when no day is chosen).
  const dayKey = day ? dateText(day) : ''
  const range = useMemo(() => rangeOf(kind, day, zone, now), [kind, dayKey, zone])
  const view: View = { screenId, site: siteId, range: kind, date: query.get('date') ?? undefined }
  const go = (change: Partial<View>) => {
    setSelected(null)
    navigate(hashOf({ ...view, ...change }))
  }

  const siteScreens = (screens.data ?? []).filter((s) => s.siteId === siteId)
  const shownScreens = screen ? [screen] : siteScreens
  const timelines = useTimelines(
    shownScreens.map((s) => s.id),
    range.from,
    range.to,
  )

  const ruleById = new Map((schedules.data ?? []).map((r) => [r.id, r]))
  const playlistById = new Map((playlists.data ?? []).map((p) => [p.id, p]))
  const colors = useMemo(() => colorsFor((playlists.data ?? []).map((p) => p.id)), [playlists.data])
  const names: Names = {
    playlist: (id) => (id === null ? t('nothing') : (playlistById.get(id)?.name ?? id)),
    rule: (id) => (id === null ? t('default') : (ruleById.get(id)?.name ?? id)),
  }
  const places = { sites: sites.data ?? [], groups: groups.data ?? [], screens: screens.data ?? [] }

  const { lanes, conflicts: conflictRows } = lanesOf(shownScreens, timelines.data, screen !== undefined)

  const zoneIds = [...new Set(['main', ...(layouts.data ?? []).flatMap((l) => l.zones.map((z) => z.id))])]
  const defaultTarget: Target = screen
    ? { type: 'screen', id: screen.id }
    : siteId
      ? { type: 'site', id: siteId }
      : { type: 'all' }

  const changed = () => {
    schedules.reload()
    timelines.reload()
    setNonce((n) => n + 1)
  }
  const mayEdit = can('content:write')
  const openEditor = (rule: Schedule | 'new', fields?: Fields) => {
    setRestored(fields)
    setEditing(rule)
  }

  const loadError = sites.error ?? screens.error ?? playlists.error ?? schedules.error ?? groups.error
  const ready = sites.data && screens.data && playlists.data && schedules.data

  return (
    <>
      <h1>{t('title')}</h1>
      <ErrorMessage error={loadError ?? null} />
      {!ready ? (
        !loadError && <p class="loading">{tc('loading')}</p>
      ) : (
        <>
          <SchedulePicker sites={sites.data!} screens={siteScreens} view={view} range={range} go={go} />
          <p class="muted">
            {t('intro', { zone: range.zone })} {t('on-air')}
          </p>
          {screenId && !screen && <p class="empty">{t('screen.unknown', { id: screenId })}</p>}
          <ErrorMessage error={timelines.error} />
          {shownScreens.length === 0 ? (
            <p class="empty">{t('site.no-screens')}</p>
          ) : timelines.loading && !timelines.data ? (
            <p class="loading">{tc('loading')}</p>
          ) : (
            <div class="card sched-card">
              <TimelineView
                range={range}
                lanes={lanes}
                now={now}
                names={names}
                colors={colors}
                selected={selected}
                onSelect={setSelected}
                laneKind={screen ? t('lanes.zone') : t('lanes.screen')}
              />
              <Legend lanes={lanes} names={names} colors={colors} />
            </div>
          )}
          <DetailsPanel
            lanes={lanes}
            selected={selected}
            names={names}
            onEditRule={
              mayEdit
                ? (id) => {
                    const rule = ruleById.get(id)
                    if (rule) openEditor(rule)
                  }
                : undefined
            }
          />
          <ConflictsTable key={`${range.from}-${screenId ?? siteId}`} rows={conflictRows} names={names} />
          <RulesSection
            rules={schedules.data!}
            shownScreens={shownScreens}
            places={places}
            playlistName={(id) => names.playlist(id)}
            nonce={nonce}
            mayEdit={mayEdit}
            offerKept={editing === null}
            onEdit={openEditor}
            onChanged={changed}
          />
          <Dialog
            title={editing === 'new' ? t('form.new') : t('form.edit')}
            open={editing !== null}
            onClose={() => setEditing(null)}
          >
            <RuleForm
              key={editing === 'new' ? 'new' : editing?.id}
              rule={editing === 'new' ? null : editing}
              initial={restored}
              target={defaultTarget}
              playlists={playlists.data!}
              places={places}
              zoneIds={zoneIds}
              onCancel={() => setEditing(null)}
              onSaved={(saved, submitted) => {
                notify(
                  submitted
                    ? t('rules.saved-submitted', { name: saved.name })
                    : t('rules.saved', { name: saved.name }),
                )
                setEditing(null)
                changed()
              }}
            />
          </Dialog>
        </>
      )}
    </>
  )
}

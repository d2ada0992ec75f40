import { reaches } from '@playlists/schedule/reach'
import type { Layout } from '@playlists/schemas/layout'
import type { Playlist } from '@playlists/schemas/playlist'
import type { Schedule, Target } from '@playlists/schemas/schedule'
import type { Screen } from '@playlists/schemas/screen'
import type { Site, SyncGroup } from '@playlists/schemas/site'
import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { listDrafts, removeDraft, type StoredDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { RestoreBanner } from '../../components/restore-banner'
import { statusMessage, tc } from '../../i18n/common'
import { navigate } from '../../router'
import { can, me } from '../../session'
import { useResource } from '../../use-resource'
import type { PageProps } from '../index'
import { colorsFor } from './colors'
import { type ConflictRow, ConflictsTable } from './conflicts-table'
import { DetailsPanel } from './details-panel'
import { Legend } from './legend'
import { t } from './messages'
import { dateText, parseDateText, type RangeKind, rangeOf } from './range'
import { type Fields, parseFields } from './rule-fields'
import { RuleForm } from './rule-form'
import { type RuleActions, RulesTable } from './rules-table'
import { SchedulePicker, type View } from './schedule-picker'
import './schedule.css'
import { toApiError } from '../../components/form/action'
import { shownName } from '../../i18n/names'
import { type Lane, type Names, type Selection, TimelineView } from './timeline-view'
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
  // Kept drafts live in localStorage, outside Preact's state: a discard re-renders the page by hand.
  const [, setDiscarded] = useState(0)
  const [deleting, setDeleting] = useState<Schedule | null>(null)
  const [showAll, setShowAll] = useState(false)
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

  const lanes: Lane[] = []
  const conflictRows: ConflictRow[] = []
  for (const s of shownScreens) {
    const tl = timelines.data?.get(s.id)
    if (!tl) continue
    for (const z of tl.zones) {
      const main = z.id === 'main'
      if (screen || main) {
        lanes.push({
          key: `${s.id}/${z.id}`,
          label: screen ? shownName(z.name) : shownName(s.name),
          note: screen
            ? main
              ? t('zone.main')
              : z.id
            : t('screen.size', { width: s.width, height: s.height }),
          timeZone: tl.timeZone,
          entries: z.entries,
          conflicts: z.conflicts,
        })
      }
      for (const c of z.conflicts) {
        conflictRows.push({
          where: main ? shownName(s.name) : `${shownName(s.name)} · ${shownName(z.name)}`,
          timeZone: tl.timeZone,
          conflict: c,
        })
      }
    }
  }
  conflictRows.sort((a, b) => a.conflict.start.localeCompare(b.conflict.start))

  const shownRules = (schedules.data ?? []).filter(
    (r) => showAll || shownScreens.some((s) => reaches(r.target, s)),
  )
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
  const failed = (error: unknown) => {
    const e = toApiError(error)
    notify(`${statusMessage(e.status)} ${e.message}`, 'error')
  }
  const mayEdit = can('content:write')
  const userId = me.value?.user.id
  // Rules typed and not saved before a reload, a closed tab or a sign-out: offered until chosen.
  const kept: StoredDraft<Fields>[] =
    mayEdit && userId && editing === null && schedules.data
      ? listDrafts(userId, 'schedule-rule', parseFields)
      : []
  const openEditor = (rule: Schedule | 'new', fields?: Fields) => {
    setRestored(fields)
    setEditing(rule)
  }
  const restoreKept = (draft: StoredDraft<Fields>) => {
    const rule = ruleById.get(draft.id)
    // A rule deleted since comes back as a new one, and its old draft goes with the move.
    if (!rule && userId) removeDraft(userId, 'schedule-rule', draft.id)
    openEditor(rule ?? 'new', draft.data)
  }
  const actions: RuleActions | undefined = mayEdit
    ? {
        edit: (rule) => openEditor(rule),
        submit: async (rule) => {
          try {
            await api.post('/api/schedules/:id/submit', { params: { id: rule.id }, body: {} })
            notify(t('rules.submitted', { name: rule.name }))
            changed()
          } catch (error) {
            failed(error)
          }
        },
        withdraw: async (rule) => {
          try {
            await api.post('/api/schedules/:id/submit', { params: { id: rule.id }, body: { withdraw: true } })
            notify(t('rules.withdrawn', { name: rule.name }))
            changed()
          } catch (error) {
            failed(error)
          }
        },
        remove: (rule) => setDeleting(rule),
      }
    : undefined

  async function confirmDelete() {
    const rule = deleting
    if (!rule) return
    try {
      await api.delete('/api/schedules/:id', { params: { id: rule.id } })
      notify(t('rules.deleted', { name: rule.name }))
      setDeleting(null)
      changed()
    } catch (error) {
      setDeleting(null)
      failed(error)
    }
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
          <section class="sched-section" aria-labelledby="sched-rules-title">
            <h2 id="sched-rules-title">{t('rules.title')}</h2>
            {kept.map((draft) => {
              const rule = ruleById.get(draft.id)
              return (
                <RestoreBanner
                  key={draft.id}
                  savedAt={draft.savedAt}
                  baseChanged={rule !== undefined && rule.updatedAt !== draft.base}
                  subject={rule ? t('draft.rule', { name: rule.name }) : t('draft.new')}
                  onRestore={() => restoreKept(draft)}
                  onDiscard={() => {
                    if (userId) removeDraft(userId, 'schedule-rule', draft.id)
                    setDiscarded((n) => n + 1)
                  }}
                />
              )
            })}
            <div class="toolbar">
              {mayEdit && (
                <button type="button" class="primary" onClick={() => openEditor('new')}>
                  {t('rules.new')}
                </button>
              )}
              <label class="sched-check">
                <input
                  type="checkbox"
                  name="show-all"
                  checked={showAll}
                  onChange={(e) => setShowAll(e.currentTarget.checked)}
                />
                {t('rules.show-all')}
              </label>
            </div>
            <RulesTable
              rules={shownRules}
              places={places}
              playlistName={(id) => names.playlist(id)}
              nonce={nonce}
              actions={actions}
            />
          </section>
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
          <Dialog title={t('delete.title')} open={deleting !== null} onClose={() => setDeleting(null)}>
            <p>{t('delete.confirm', { name: deleting?.name ?? '' })}</p>
            <div class="toolbar">
              <button type="button" class="danger" onClick={() => void confirmDelete()}>
                {tc('delete')}
              </button>
              <button type="button" onClick={() => setDeleting(null)}>
                {tc('cancel')}
              </button>
            </div>
          </Dialog>
        </>
      )}
    </>
  )
}

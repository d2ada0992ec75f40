import type { Incident } from '@playlists/schemas/alerts'
import type { Site } from '@playlists/schemas/site'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { formatBytes, formatDateTime, formatDuration, formatNumber, language } from '../../i18n/i18n'
import { ScreenshotIncident } from '../screens/screenshot-incident'
import { ta } from './messages'

export type SitesById = ReadonlyMap<string, Site>

export const siteName = (sites: SitesById, id: string): string => sites.get(id)?.name[language.value] ?? id

/** An instant in the incident's site's time zone. */
const when = (sites: SitesById, siteId: string, at: string) => formatDateTime(at, sites.get(siteId)?.timeZone)

export function KindBadge({ incident }: { incident: Incident }) {
  const tone = incident.state === 'resolved' ? '' : incident.kind === 'storage' ? 'warn' : 'danger'
  return <span class={`badge ${tone}`}>{ta(`kind.${incident.kind}`)}</span>
}

/** What the screen looked like when the incident opened. */
export function IncidentDetailText({ incident, sites }: { incident: Incident; sites: SitesById }) {
  return <span class="alerts-detail">{detailText(incident, sites)}</span>
}

function detailText(incident: Incident, sites: SitesById) {
  const d = incident.detail
  switch (incident.kind) {
    case 'offline':
      return ta('detail.offline', {
        since: when(sites, incident.siteId, d.offlineSince ?? incident.openedAt),
      })
    case 'stale':
      return d.appliedVersion === null || d.appliedVersion === undefined
        ? ta('detail.stale-none', { published: d.publishedVersion ?? '?' })
        : ta('detail.stale', { applied: d.appliedVersion, published: d.publishedVersion ?? '?' })
    case 'errors':
      return (
        <>
          {ta('detail.errors', { count: d.errorCount ?? '?' })} {/* The player's own message, in English. */}
          <q lang="en">{d.lastError}</q>
        </>
      )
    case 'storage':
      return ta('detail.storage', {
        percent: formatNumber(d.usedPercent ?? 0, { maximumFractionDigits: 1 }),
        used: formatBytes(d.usageBytes ?? 0),
        quota: formatBytes(d.quotaBytes ?? 0),
      })
    case 'screenshot':
      return (
        <ScreenshotIncident
          incident={incident}
          at={when(sites, incident.siteId, d.capturedAt ?? incident.openedAt)}
        />
      )
    case 'healing':
      return (
        <>
          {ta('detail.healing', { at: when(sites, incident.siteId, d.healedAt ?? incident.openedAt) })}{' '}
          {/* The agent's own words, in English. */}
          <q lang="en">{d.why}</q>
        </>
      )
  }
}

function Acknowledged({ incident, sites }: { incident: Incident; sites: SitesById }) {
  if (!incident.acknowledgedAt) return <span class="muted">{ta('ack.not-yet')}</span>
  return (
    <>
      {ta('ack.by', {
        name: incident.acknowledgedBy ?? '?',
        at: when(sites, incident.siteId, incident.acknowledgedAt),
      })}
      {incident.acknowledgeNote && <div class="muted">{incident.acknowledgeNote}</div>}
    </>
  )
}

/** The open incidents, newest first, each with an acknowledge button until someone has. */
export function OpenIncidents({
  incidents,
  sites,
  onChanged,
}: {
  incidents: Incident[]
  sites: SitesById
  onChanged: () => void
}) {
  const [acking, setAcking] = useState<Incident | null>(null)
  if (incidents.length === 0) return <p class="empty">{ta('open.empty')}</p>
  return (
    <>
      <table class="alerts-table">
        <thead>
          <tr>
            <th scope="col">{ta('col.screen')}</th>
            <th scope="col">{ta('col.site')}</th>
            <th scope="col">{ta('col.kind')}</th>
            <th scope="col">{ta('col.opened')}</th>
            <th scope="col">{ta('col.detail')}</th>
            <th scope="col">{ta('col.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id} data-incident={i.id}>
              <td>
                {i.screenName} <span class="muted">({i.screenId})</span>
              </td>
              <td>{siteName(sites, i.siteId)}</td>
              <td>
                <KindBadge incident={i} />
              </td>
              <td>{when(sites, i.siteId, i.openedAt)}</td>
              <td>
                <IncidentDetailText incident={i} sites={sites} />
              </td>
              <td>
                {i.acknowledgedAt ? (
                  <Acknowledged incident={i} sites={sites} />
                ) : (
                  <button
                    type="button"
                    class="primary"
                    aria-label={ta('ack.button-label', { kind: ta(`kind.${i.kind}`), screen: i.screenName })}
                    onClick={() => setAcking(i)}
                  >
                    {ta('ack.button')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AcknowledgeDialog
        incident={acking}
        onClose={() => setAcking(null)}
        onDone={() => {
          setAcking(null)
          onChanged()
        }}
      />
    </>
  )
}

function AcknowledgeDialog({
  incident,
  onClose,
  onDone,
}: {
  incident: Incident | null
  onClose: () => void
  onDone: () => void
}) {
  const [note, setNote] = useState('')
  const refusalId = useId()
  const acknowledge = useAction(async (target: Incident) => {
    await api.post('/api/alerts/incidents/:id/acknowledge', {
      params: { id: target.id },
      body: { ...(note.trim() ? { note: note.trim() } : {}) },
    })
    notify(ta('ack.done'))
    setNote('')
    onDone()
  })
  const submit = (event: Event) => {
    event.preventDefault()
    if (incident) void acknowledge.run(incident)
  }
  return (
    <Dialog title={ta('ack.title')} open={incident !== null} onClose={onClose}>
      {incident && (
        <form class="form" onSubmit={submit}>
          <p>
            <KindBadge incident={incident} /> {incident.screenName}
          </p>
          <Field
            label={ta('ack.note')}
            invalid={refusedFields(acknowledge.error).has('note')}
            refusalId={refusalId}
          >
            {(control) => (
              <textarea
                {...control}
                name="note"
                rows={3}
                maxLength={500}
                placeholder={ta('ack.note-hint')}
                value={note}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            )}
          </Field>
          {acknowledge.error && <ErrorMessage error={acknowledge.error} id={refusalId} />}
          <FormActions label={ta('ack.submit')} busy={acknowledge.busy} onCancel={onClose} />
        </form>
      )}
    </Dialog>
  )
}

/** Closed incidents, newest closed first. */
export function IncidentHistory({ incidents, sites }: { incidents: Incident[]; sites: SitesById }) {
  if (incidents.length === 0) return <p class="empty">{ta('history.empty')}</p>
  return (
    <table class="alerts-table">
      <thead>
        <tr>
          <th scope="col">{ta('col.screen')}</th>
          <th scope="col">{ta('col.site')}</th>
          <th scope="col">{ta('col.kind')}</th>
          <th scope="col">{ta('col.opened')}</th>
          <th scope="col">{ta('col.resolved')}</th>
          <th scope="col">{ta('col.lasted')}</th>
          <th scope="col">{ta('col.acknowledged')}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td>
              {i.screenName} <span class="muted">({i.screenId})</span>
            </td>
            <td>{siteName(sites, i.siteId)}</td>
            <td>
              <KindBadge incident={i} />
            </td>
            <td>{when(sites, i.siteId, i.openedAt)}</td>
            <td>{i.resolvedAt && when(sites, i.siteId, i.resolvedAt)}</td>
            <td>{i.resolvedAt && formatDuration(Date.parse(i.resolvedAt) - Date.parse(i.openedAt))}</td>
            <td>
              <Acknowledged incident={i} sites={sites} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

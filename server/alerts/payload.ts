import type { Incident, WebhookEvent, WebhookPayload } from '@playlists/schemas/alerts'
import type { Site } from '@playlists/schemas/site'

/** One line a person can read in a chat channel; English, the one language every receiver shows. */
export function summaryOf(event: WebhookEvent, incident: Incident, site: Pick<Site, 'name'>): string {
  const d = incident.detail
  const what =
    event === 'resolved'
      ? {
          offline: 'is back online',
          stale: 'now plays the latest version',
          errors: 'stopped reporting errors',
          storage: 'has storage to spare again',
          screenshot: 'shows what it should again',
          healing: 'plays again after its last good frame was shown',
        }[incident.kind]
      : {
          offline: `is offline since ${d.offlineSince ?? incident.openedAt}`,
          stale: `has not applied version ${d.publishedVersion ?? '?'} (plays ${d.appliedVersion ?? 'nothing'})`,
          errors: `reported ${d.errorCount ?? '?'} errors; the last: ${d.lastError ?? '?'}`,
          storage: `storage is ${d.usedPercent ?? '?'} % full`,
          screenshot: `does not show what it should (${d.verdict ?? '?'}): ${d.why ?? '?'}`,
          healing: `shows its last good frame: its PC could not bring the player back (${d.why ?? '?'})`,
        }[incident.kind]
  const prefix = event === 'resolved' ? 'Resolved: ' : ''
  return `${prefix}${site.name.en} / ${incident.screenName} (${incident.screenId}) ${what}`
}

export function webhookPayload(
  deliveryId: string,
  event: WebhookEvent,
  incident: Incident,
  site: Pick<Site, 'id' | 'name' | 'timeZone'>,
): WebhookPayload {
  return {
    event: event === 'opened' ? 'incident.opened' : 'incident.resolved',
    deliveryId,
    summary: summaryOf(event, incident, site),
    incident: {
      id: incident.id,
      kind: incident.kind,
      openedAt: incident.openedAt,
      resolvedAt: incident.resolvedAt,
      detail: incident.detail,
    },
    screen: { id: incident.screenId, name: incident.screenName },
    site: { id: site.id, name: site.name, timeZone: site.timeZone },
  }
}

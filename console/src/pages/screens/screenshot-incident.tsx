import type { Incident } from '@playlists/schemas/alerts'
import { SCREENSHOT_VERDICTS, type ScreenshotVerdict } from '@playlists/schemas/screenshots'
import { ta } from '../alerts/messages'
import { ts } from './screenshot-messages'

const isVerdict = (value: unknown): value is ScreenshotVerdict => SCREENSHOT_VERDICTS.some((v) => v === value)

/** A screenshot's verdict in the reader's language; an unknown one (a newer server) as sent. */
export const verdictLabel = (verdict: string): string =>
  isVerdict(verdict) ? ts(`verdict.${verdict}`) : verdict

/** A screenshot incident: the verdict, and links to the picture and the expected one. */
export function ScreenshotIncident({ incident, at }: { incident: Incident; at: string }) {
  const d = incident.detail
  return (
    <>
      {ta('detail.screenshot', { at, verdict: verdictLabel(d.verdict ?? '') })}{' '}
      {d.pictureUrl && (
        <a href={d.pictureUrl} target="_blank" rel="noreferrer">
          {ts('actual.label')}
        </a>
      )}
      {d.expectedUrl && (
        <>
          {' · '}
          <a href={d.expectedUrl} target="_blank" rel="noreferrer">
            {ts('expected.label')}
          </a>
        </>
      )}
    </>
  )
}

import type { Screen } from '@playlists/schemas/screen'
import type { ScreenStatus } from '@playlists/schemas/status'
import type { ComponentChildren } from 'preact'
import { formatRelative, RelativeTime } from '../../components/relative-time'
import { formatDateTime, formatNumber } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { href } from '../../router'
import { t } from './messages'
import { NowPlaying } from './now-playing'
import { PhysicalFacts } from './physical-facts'
import { t as tp } from './power-messages'
import { alertsOf, type ScreenAlert, SEVERITY } from './status-alerts'

type Names = Parameters<typeof NowPlaying>[0]['names']

function alertText(alert: ScreenAlert, now: number): string {
  switch (alert.kind) {
    case 'offline':
      return alert.lastSeenAt
        ? t('alert.offline', { since: formatRelative(alert.since, now) })
        : t('alert.never-connected')
    case 'stale':
      return alert.applied === null
        ? t('alert.stale-none', { published: alert.published })
        : t('alert.stale', { applied: alert.applied, published: alert.published })
    case 'downloading':
      return t('alert.downloading', { pending: alert.pending })
    case 'errors':
      return t('alert.errors', { count: alert.count })
    case 'clock':
      // The offset is (server clock − player clock): positive means the player runs behind.
      return t(alert.offsetMs > 0 ? 'alert.clock-behind' : 'alert.clock-ahead', {
        seconds: formatNumber(Math.abs(alert.offsetMs) / 1000, { maximumFractionDigits: 1 }),
      })
    case 'unpublished':
      return t('alert.unpublished')
  }
}

function Alerts({ alerts, now }: { alerts: ScreenAlert[]; now: number }) {
  if (alerts.length === 0) return <span class="badge ok screen-all-well">{t('alert.none')}</span>
  return (
    <ul class="screen-alerts">
      {alerts.map((a) => (
        <li key={a.kind}>
          <span class={`badge ${SEVERITY[a.kind]}`}>{alertText(a, now)}</span>
          {a.kind === 'errors' && (
            <span class="screen-alert-detail muted" lang="en">
              {a.last}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * What the power plan has the player do now, from its last report: off hours (a dark screen that
 * is meant to be dark), or dimmed below full brightness. Nothing at full brightness.
 */
function Power({ status }: { status: ScreenStatus | undefined }) {
  const power = status?.online ? status.report?.power : undefined
  if (!power) return null
  if (!power.on) return <div class="badge screen-power">{t('power.off-hours')}</div>
  if (power.brightness >= 100) return null
  return <div class="muted screen-power">{t('power.brightness', { level: power.brightness })}</div>
}

function Version({ status }: { status: ScreenStatus | undefined }) {
  if (!status) return <span class="muted">{t('version.unknown')}</span>
  const { appliedVersion: applied, publishedVersion: published } = status
  return (
    <div class="screen-version">
      <span>{applied === null ? t('version.none') : t('version.applied', { n: applied })}</span>
      {published === null ? (
        <span class="muted">{t('version.unpublished')}</span>
      ) : applied === published ? (
        <span class="badge ok">{t('version.latest')}</span>
      ) : (
        <span class="badge warn">{t('version.latest-is', { n: published })}</span>
      )}
    </div>
  )
}

/** One screen: who it is, whether its player is there, what it shows, what needs attention. */
export function ScreenRow({
  screen,
  status,
  timeZone,
  now,
  names,
  commands,
  screenshot,
  onEditFacts,
  onEditPower,
}: {
  screen: Screen
  status: ScreenStatus | undefined
  timeZone: string
  now: number
  names: Names
  commands: ComponentChildren
  /** The newest screenshot (screenshot-latest.tsx). */
  screenshot?: ComponentChildren
  /** Admins record the screen's pitch and viewing distance (legibility). */
  onEditFacts?: () => void
  /** Admins set the screen's own operating hours and brightness. */
  onEditPower?: () => void
}) {
  const online = status?.online ?? false
  const zones = status?.report?.zones ?? []
  return (
    <tr data-screen={screen.id} class={online ? 'screen-online' : 'screen-offline'}>
      <th scope="row">
        <div class="screen-name">{shownName(screen.name)}</div>
        <div class="muted">{t('screen.size', { width: screen.width, height: screen.height })}</div>
        <PhysicalFacts screen={screen} onEdit={onEditFacts} />
        {onEditPower && (
          <button
            type="button"
            class="link screen-power-edit"
            aria-label={tp('edit-label', { name: shownName(screen.name) })}
            onClick={onEditPower}
          >
            {tp('edit')}
          </button>
        )}
        <a
          href={href('preview', screen.id)}
          aria-label={t('screen.preview-label', { name: shownName(screen.name) })}
        >
          {t('screen.preview')}
        </a>
      </th>
      <td>
        <span class={`badge ${online ? 'ok' : 'danger'} screen-presence`}>
          {online ? t('status.online') : t('status.offline')}
        </span>
        {status && (
          <div class="muted">
            <time dateTime={status.since} title={formatDateTime(status.since, timeZone, true)}>
              {t('status.since', { when: formatRelative(status.since, now) })}
            </time>
          </div>
        )}
        <Power status={status} />
      </td>
      <td>
        {status?.lastSeenAt ? (
          <RelativeTime at={status.lastSeenAt} now={now} timeZone={timeZone} />
        ) : (
          <span class="muted">{t('status.never-seen')}</span>
        )}
      </td>
      <td>
        {!online && zones.length > 0 && <div class="muted">{t('now.last-report')}</div>}
        <NowPlaying zones={zones} names={names} />
      </td>
      <td>
        <Version status={status} />
      </td>
      <td>
        <Alerts alerts={alertsOf(status, now)} now={now} />
      </td>
      {screenshot && <td>{screenshot}</td>}
      {commands && <td>{commands}</td>}
    </tr>
  )
}

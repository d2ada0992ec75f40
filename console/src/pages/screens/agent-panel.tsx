import {
  type AgentCommandInput,
  type AgentStatus,
  type Hardware,
  SCREENSHOT_INTERVAL_MINUTES_MAX,
} from '@playlists/agent'
import type { Screen } from '@playlists/schemas/screen'
import { useEffect, useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { fieldCheck, refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { formatDateTime } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './agent-messages'
import { screenInputOf } from './physical-facts'

/**
 * The screen PC's kiosk agent (issue 20): connected or not, the display controls it found, what it
 * applied, the latest results of its commands; buttons for the commands (operators), and the
 * screen's agent settings (admins). Opened from a screen's row.
 */

/** While the panel is open its status is read again this often: a command's result arrives in seconds. */
const REFRESH_MS = 3_000

const HARDWARE_NAMES: Record<Hardware, string> = {
  ddcutil: 'DDC/CI (ddcutil)',
  'cec-client': 'HDMI-CEC (cec-client)',
  dpms: 'DPMS (xset)',
}

export function AgentDialog(props: {
  screen: Screen | null
  timeZone: string
  operate: boolean
  admin: boolean
  onClose: () => void
  onSaved: () => void
}) {
  const { screen } = props
  return (
    <Dialog
      title={t('title', { name: screen ? shownName(screen.name) : '' })}
      open={screen !== null}
      onClose={props.onClose}
    >
      {screen && <AgentPanel {...props} screen={screen} />}
    </Dialog>
  )
}

function AgentPanel({
  screen,
  timeZone,
  operate,
  admin,
  onClose,
  onSaved,
}: {
  screen: Screen
  timeZone: string
  operate: boolean
  admin: boolean
  onClose: () => void
  onSaved: () => void
}) {
  const [status, setStatus] = useState<AgentStatus | null>(null)
  useEffect(() => {
    let stopped = false
    const read = () =>
      api.get('/api/screens/:id/agent', { params: { id: screen.id } }).then(
        (s) => !stopped && setStatus(s),
        () => {},
      )
    void read()
    const timer = setInterval(() => void read(), REFRESH_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [screen.id])
  if (!status) return <p class="muted">{tc('loading')}</p>
  return (
    <div class="agent-panel" data-agent={status.connected ? 'connected' : 'disconnected'}>
      <AgentState status={status} timeZone={timeZone} />
      {operate && <AgentCommands screen={screen} connected={status.connected} />}
      <AgentResults status={status} timeZone={timeZone} />
      {admin && <AgentSettings screen={screen} onClose={onClose} onSaved={onSaved} />}
    </div>
  )
}

function AgentState({ status, timeZone }: { status: AgentStatus; timeZone: string }) {
  const { state } = status
  return (
    <section>
      <p>
        <span class={`badge ${status.connected ? 'ok' : 'danger'} agent-presence`}>
          {status.connected ? t('connected') : t('disconnected')}
        </span>{' '}
        {status.since && (
          <span class="muted">{t('since', { time: formatDateTime(status.since, timeZone, true) })}</span>
        )}
      </p>
      {status.since === null && <p class="muted">{t('never')}</p>}
      {state && (
        <ul class="agent-state">
          <li>
            {state.hardware.length === 0
              ? t('hardware.none')
              : t('hardware', { list: state.hardware.map((h) => HARDWARE_NAMES[h]).join(', ') })}
          </li>
          <li>
            {state.display === null
              ? t('display.unknown')
              : state.display.on
                ? t('display.on', { level: state.display.brightness })
                : t('display.off')}
          </li>
          {state.event && (
            <li class="agent-event" data-event={state.event.kind}>
              {t('event.latest')}:{' '}
              <time dateTime={new Date(state.event.atMs).toISOString()}>
                {formatDateTime(new Date(state.event.atMs).toISOString(), timeZone, true)}
              </time>{' '}
              <strong>
                {state.event.kind === 'healing'
                  ? t('event.healing', { step: t(`step.${state.event.step ?? 'reload'}`) })
                  : t(`event.${state.event.kind}`)}
              </strong>{' '}
              <span class="muted" lang="en">
                {state.event.detail}
              </span>
            </li>
          )}
        </ul>
      )}
    </section>
  )
}

function AgentCommands({ screen, connected }: { screen: Screen; connected: boolean }) {
  const [level, setLevel] = useState('100')
  const refusalId = useId()
  const send = useAction(async (body: AgentCommandInput) => {
    await api.post('/api/screens/:id/agent-commands', { params: { id: screen.id }, body })
    notify(t('command.sent'))
  })
  const disabled = !connected || send.busy
  const button = (
    label: string,
    body: AgentCommandInput,
    extra: { danger?: boolean; hint?: string } = {},
  ) => (
    <button
      type="button"
      class={extra.danger ? 'danger' : undefined}
      disabled={disabled || extra.hint !== undefined}
      title={extra.hint}
      onClick={() => void send.run(body)}
    >
      {label}
    </button>
  )
  return (
    <section>
      <h3>{t('commands')}</h3>
      <div class="toolbar agent-commands">
        {button(t('command.screenshot'), { type: 'screenshot' })}
        {button(t('command.reload'), { type: 'reload' })}
        {button(t('command.restart-browser'), { type: 'restart-browser' })}
        {button(
          t('command.reboot'),
          { type: 'reboot' },
          { danger: true, hint: screen.allowReboot ? undefined : t('command.reboot-hint') },
        )}
        {button(t('command.display-on'), { type: 'display-power', on: true })}
        {button(t('command.display-off'), { type: 'display-power', on: false })}
      </div>
      <form
        class="toolbar agent-brightness"
        onSubmit={(e) => {
          e.preventDefault()
          void send.run({ type: 'brightness', level: Number(level) })
        }}
      >
        <label>
          {t('command.brightness')}{' '}
          <input
            name="level"
            type="number"
            min={0}
            max={100}
            step={1}
            value={level}
            onInput={(e) => setLevel(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={disabled}>
          {t('command.set-brightness')}
        </button>
      </form>
      <ErrorMessage error={send.error} id={refusalId} />
    </section>
  )
}

function AgentResults({ status, timeZone }: { status: AgentStatus; timeZone: string }) {
  return (
    <section>
      <h3>{t('results')}</h3>
      {status.results.length === 0 ? (
        <p class="muted">{t('results.none')}</p>
      ) : (
        <ul class="agent-results">
          {status.results.map(({ at, result }) => (
            <li key={result.id} data-result={result.type}>
              <span class={`badge ${result.ok ? 'ok' : 'danger'}`}>
                {result.ok ? t('result.ok') : t('result.failed')}
              </span>{' '}
              <time dateTime={at}>{formatDateTime(at, timeZone, true)}</time>{' '}
              <span>{t(`type.${result.type}`)}</span> {/* What the PC said, as it said it. */}
              <span class="muted" lang="en">
                {result.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function AgentSettings({
  screen,
  onClose,
  onSaved,
}: {
  screen: Screen
  onClose: () => void
  onSaved: () => void
}) {
  const [allowReboot, setAllowReboot] = useState(screen.allowReboot)
  const [interval, setShotInterval] = useState(String(screen.screenshotIntervalMinutes))
  const refusalId = useId()
  const save = useAction(async () => {
    await api.put('/api/screens/:id', {
      params: { id: screen.id },
      body: screenInputOf(screen, { allowReboot, screenshotIntervalMinutes: Number(interval) }),
    })
    notify(t('settings.saved'))
    onSaved()
    onClose()
  })
  return (
    <form
      class="agent-settings"
      onSubmit={(e) => {
        e.preventDefault()
        void save.run()
      }}
    >
      <h3>{t('settings')}</h3>
      <label>
        <input
          type="checkbox"
          name="allowReboot"
          checked={allowReboot}
          onChange={(e) => setAllowReboot(e.currentTarget.checked)}
        />{' '}
        {t('settings.allow-reboot')}
      </label>
      <Field
        label={t('settings.interval')}
        hint={t('settings.interval-hint', { max: SCREENSHOT_INTERVAL_MINUTES_MAX })}
        {...fieldCheck(refusedFields(save.error), refusalId, 'screenshotIntervalMinutes')}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            name="screenshotIntervalMinutes"
            min={0}
            max={SCREENSHOT_INTERVAL_MINUTES_MAX}
            step={1}
            value={interval}
            onInput={(e) => setShotInterval(e.currentTarget.value)}
          />
        )}
      </Field>
      <ErrorMessage error={save.error} id={refusalId} />
      <FormActions class="screens-dialog-actions" label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

/** Opens the screen PC's panel, from the screen's row. */
export function AgentButton({ screen, onOpen }: { screen: Screen; onOpen: () => void }) {
  return (
    <button
      type="button"
      class="agent-open"
      aria-label={t('open-label', { name: shownName(screen.name) })}
      onClick={onOpen}
    >
      {t('open')}
    </button>
  )
}

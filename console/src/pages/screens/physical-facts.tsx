import {
  PIXEL_PITCH_MM_MAX,
  PIXEL_PITCH_MM_MIN,
  type Screen,
  type ScreenInput,
  VIEWING_DISTANCE_M_MAX,
  VIEWING_DISTANCE_M_MIN,
} from '@playlists/schemas/screen'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { Dialog } from '../../components/dialog'
import { ErrorMessage } from '../../components/error-message'
import { Field, type FieldCheck } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { fieldCheck, refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { tc } from '../../i18n/common'
import { formatNumber } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import { t } from './messages'

/** Pitch and viewing distance in a line: what the legibility check reads the screen by. */
export function PhysicalFacts({ screen, onEdit }: { screen: Screen; onEdit?: () => void }) {
  const { pixelPitchMm: pitch, viewingDistanceM: distance } = screen
  return (
    <div class="screen-facts">
      {pitch === null || distance === null ? (
        <span class="badge warn">{t('facts.missing')}</span>
      ) : (
        <span class="muted">
          {t('facts.summary', {
            pitch: formatNumber(pitch, { maximumFractionDigits: 2 }),
            distance: formatNumber(distance, { maximumFractionDigits: 1 }),
          })}
        </span>
      )}
      {onEdit && (
        <button
          type="button"
          class="link"
          aria-label={t('facts.edit-label', { name: shownName(screen.name) })}
          onClick={onEdit}
        >
          {t('facts.edit')}
        </button>
      )}
    </div>
  )
}

/** The screen's settings as the API takes them back, with some changed (its physical facts, its agent's settings). */
export const screenInputOf = (s: Screen, changes: Partial<ScreenInput>): ScreenInput => ({
  siteId: s.siteId,
  name: s.name,
  width: s.width,
  height: s.height,
  timeZone: s.timeZone,
  syncGroupId: s.syncGroupId,
  defaultPlaylistId: s.defaultPlaylistId,
  layoutId: s.layoutId,
  audio: s.audio,
  crossfadeMs: s.crossfadeMs,
  pixelPitchMm: s.pixelPitchMm,
  viewingDistanceM: s.viewingDistanceM,
  ...changes,
})

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text))

/**
 * Records a screen's pixel pitch and typical viewing distance (admins). Either may be left
 * empty: the screen is then not checked for legibility, and the page says so.
 */
export function PhysicalFactsDialog({
  screen,
  onClose,
  onSaved,
}: {
  screen: Screen | null
  onClose: () => void
  onSaved: () => void
}) {
  return (
    <Dialog
      title={t('facts.title', { name: screen ? shownName(screen.name) : '' })}
      open={screen !== null}
      onClose={onClose}
    >
      {screen && <FactsForm screen={screen} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  )
}

/** A number with its label and the hint that says what a sensible value is. */
function FactField(props: {
  name: string
  label: string
  hint: string
  step: string
  min: number
  max: number
  value: string
  onInput: (text: string) => void
  /** Whether the server's refusal names this fact. */
  check: FieldCheck
}) {
  return (
    <Field label={props.label} hint={props.hint} {...props.check}>
      {(control) => (
        <input
          {...control}
          name={props.name}
          type="number"
          step={props.step}
          min={props.min}
          max={props.max}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  )
}

function FactsForm({
  screen,
  onClose,
  onSaved,
}: {
  screen: Screen
  onClose: () => void
  onSaved: () => void
}) {
  const [pitch, setPitch] = useState(screen.pixelPitchMm?.toString() ?? '')
  const [distance, setDistance] = useState(screen.viewingDistanceM?.toString() ?? '')
  const refusalId = useId()
  const save = useAction(async () => {
    await api.put('/api/screens/:id', {
      params: { id: screen.id },
      body: screenInputOf(screen, {
        pixelPitchMm: numberOrNull(pitch),
        viewingDistanceM: numberOrNull(distance),
      }),
    })
    onSaved()
    onClose()
  })
  const refused = refusedFields(save.error)
  const submit = (e: Event) => {
    e.preventDefault()
    void save.run()
  }
  return (
    <form class="screen-facts-form" onSubmit={submit}>
      <p>{t('facts.explain')}</p>
      <FactField
        name="pixelPitchMm"
        label={t('facts.pitch')}
        hint={t('facts.pitch-hint')}
        step="0.01"
        min={PIXEL_PITCH_MM_MIN}
        max={PIXEL_PITCH_MM_MAX}
        value={pitch}
        onInput={setPitch}
        check={fieldCheck(refused, refusalId, 'pixelPitchMm')}
      />
      <FactField
        name="viewingDistanceM"
        label={t('facts.distance')}
        hint={t('facts.distance-hint')}
        step="0.1"
        min={VIEWING_DISTANCE_M_MIN}
        max={VIEWING_DISTANCE_M_MAX}
        value={distance}
        onInput={setDistance}
        check={fieldCheck(refused, refusalId, 'viewingDistanceM')}
      />
      <ErrorMessage error={save.error} id={refusalId} />
      <FormActions class="screens-dialog-actions" label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

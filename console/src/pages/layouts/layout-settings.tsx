import { useState } from 'preact/hooks'
import { Field, type FieldCheck } from '../../components/form/field'
import { NameField } from '../../components/form/text-field'
import { t } from './messages'
import { type Preset, presetName } from './presets'
import type { Shape } from './shapes'

interface Props {
  name: string
  /** The name's state: the editor's own problem with it, or the server's refusal naming it. */
  nameCheck: FieldCheck
  onName: (name: string) => void
  shapes: readonly Shape[]
  shape: Shape
  onShape: (id: string) => void
  presets: readonly Preset[]
  /** The preset a new layout started from, chosen again when the page opens. */
  presetId: string | null
  onPreset: (preset: Preset) => void
  mayEdit: boolean
}

/**
 * The layout as a whole: its name, the screen shape its zones are drawn over (several screens may
 * share a layout, of more than one shape) and a preset to start the zones again from.
 */
export function LayoutSettings({
  name,
  nameCheck,
  onName,
  shapes,
  shape,
  onShape,
  presets,
  presetId,
  onPreset,
  mayEdit,
}: Props) {
  const [applyId, setApplyId] = useState(presetId ?? '')
  const apply = () => {
    const preset = presets.find((p) => p.id === applyId)
    if (preset) onPreset(preset)
  }
  return (
    <div class="toolbar">
      <NameField class="layout-name" value={name} readOnly={!mayEdit} onValue={onName} {...nameCheck} />
      <Field label={t('shape')}>
        {(control) => (
          <select {...control} name="shape" value={shape.id} onChange={(e) => onShape(e.currentTarget.value)}>
            {shapes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.screens.length > 0
                  ? t('shape.option', { width: s.width, height: s.height, screens: s.screens.join(', ') })
                  : t('shape.planned', { width: s.width, height: s.height })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {mayEdit && (
        <>
          <Field label={t('preset')}>
            {(control) => (
              <select
                {...control}
                name="preset"
                value={applyId}
                onChange={(e) => setApplyId(e.currentTarget.value)}
              >
                <option value="">{t('preset.choose')}</option>
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {presetName(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" disabled={!applyId} onClick={apply}>
            {t('preset.apply')}
          </button>
        </>
      )}
    </div>
  )
}

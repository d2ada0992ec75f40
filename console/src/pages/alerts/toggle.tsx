/**
 * A setting switched on or off, the box before its words (as a checklist reads): the rules form's
 * "alert when…" switches and the webhook form's.
 */
export function Toggle({
  label,
  name,
  checked,
  onChecked,
}: {
  label: string
  name: string
  checked: boolean
  onChecked: (checked: boolean) => void
}) {
  return (
    <label class="alerts-toggle">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChecked(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  )
}

import type { ComponentChildren } from 'preact'
import { useId, useRef } from 'preact/hooks'
import { tc } from '../../i18n/common'
import './search-field.css'

interface Props {
  label: ComponentChildren
  hint?: ComponentChildren
  /** The input's `name`: what the page's address and the browser tests know the search by. */
  name: string
  value: string
  placeholder?: string
  /** Called with the new text on every keystroke, and with '' when the clear button empties it. */
  onInput: (value: string) => void
  /**
   * How many things match what is typed; undefined while it is not known yet (the answer to a
   * search still on its way), so a count of the previous search is never read out as this one's.
   */
  matches?: number
  /** False where the page says its own count of what every filter left (the media library). */
  counted?: boolean
  class?: string
}

/**
 * A search over a list: its label, an optional hint, the search input, a button that empties it,
 * and the number of matches. The count sits in a polite live region, so a screen-reader user
 * hears how many matched once typing settles, without leaving the field; the input is described
 * by the hint and the count, so both are read again when it is focused. Only said while something
 * is typed: an empty search matches everything and needs no announcement.
 */
export function SearchField({
  label,
  hint,
  name,
  value,
  placeholder,
  onInput,
  matches,
  counted = true,
  class: className,
}: Props) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const searching = value.trim() !== ''
  const described = [hint ? `${id}-hint` : null, counted ? `${id}-count` : null].filter(Boolean).join(' ')
  return (
    <div class={className ? `field search-field ${className}` : 'field search-field'}>
      <label for={id}>{label}</label>
      <div class="search-field-box">
        <input
          ref={input}
          id={id}
          type="search"
          name={name}
          value={value}
          placeholder={placeholder}
          aria-describedby={described || undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        {value !== '' && (
          <button
            type="button"
            class="search-field-clear"
            aria-label={tc('search.clear')}
            title={tc('search.clear')}
            onClick={() => {
              onInput('')
              // Back where the person types, as the browser's own clear control leaves them.
              input.current?.focus()
            }}
          >
            ×
          </button>
        )}
      </div>
      {hint && (
        <span class="field-hint muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {/* Always present, empty when silent: a live region added with its text is often not read. */}
      {counted && (
        <div class="search-field-count muted" id={`${id}-count`} role="status">
          {searching && matches !== undefined ? tc('search.matches', { count: matches }) : ''}
        </div>
      )}
    </div>
  )
}

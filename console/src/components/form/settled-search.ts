import { useEffect, useRef, useState } from 'preact/hooks'

/** An answer of the server to a search: its total of matches, once it has come. */
interface Answer {
  loading: boolean
  data?: { total: number } | undefined
}

export interface SettledSearch {
  /** What is in the field now. */
  typed: string
  /** What to ask the server for: the typed text, trimmed, once typing has paused. */
  query: string
  /** Empties the field and the query at once, without waiting for a pause (a "clear filters"). */
  clear: () => void
  /** A SearchField's value and input. */
  field: { value: string; onInput: (text: string) => void }
  /** A SearchField's count of matches: the answer's, once it answers what is typed now. */
  matches: (answer: Answer) => number | undefined
}

/**
 * A search the server runs (the media library): every keystroke shows in the field, but the
 * server is asked only once typing pauses for `delayMs`, and the count of matches is said only
 * when the answer is for what is typed now, never the previous search's count under new text.
 * `onSettle` runs when the query changes (a page goes back to its first page).
 */
export function useSettledSearch(
  initial: string,
  delayMs: number,
  onSettle?: (query: string) => void,
): SettledSearch {
  const [typed, setTyped] = useState(initial)
  const [query, setQuery] = useState(initial.trim())
  // The latest callback, without restarting the pause each time the page renders a new one.
  const settled = useRef(onSettle)
  settled.current = onSettle

  useEffect(() => {
    const timer = setTimeout(() => {
      const next = typed.trim()
      if (next === query) return
      setQuery(next)
      settled.current?.(next)
    }, delayMs)
    return () => clearTimeout(timer)
  }, [typed, query, delayMs])

  return {
    typed,
    query,
    clear: () => {
      setTyped('')
      setQuery('')
    },
    field: { value: typed, onInput: setTyped },
    matches: (answer) => (typed.trim() === query && !answer.loading ? answer.data?.total : undefined),
  }
}

import { useEffect, useState } from 'preact/hooks'
import { formatDateTime, formatRelative } from '../i18n/format'

export { formatRelative }

/**
 * The wall clock for "5 minutes ago": re-read every `everyMs` so relative times move on their
 * own. This is the only clock a page reads; it never asks the server anything.
 */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

/**
 * A moment shown both ways: relative for a quick read, and the exact date and time (in `timeZone`,
 * the screen's or site's where one is concerned) beside it, machine-readable in `datetime`.
 */
export function RelativeTime({ at, now, timeZone }: { at: string; now: number; timeZone?: string }) {
  const exact = formatDateTime(at, timeZone, true)
  return (
    <time class="relative-time" dateTime={at} title={exact}>
      <span>{formatRelative(at, now)}</span> <span class="muted">({exact})</span>
    </time>
  )
}

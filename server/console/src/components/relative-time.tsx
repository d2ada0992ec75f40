import { useEffect, useState } from 'preact/hooks'
import { formatDateTime, LOCALES, language } from '../i18n/i18n'

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

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

/** "3 minutes ago", "in 2 hours", "yesterday", in the reader's language (Intl does the words). */
export function formatRelative(at: string | number, now: number): string {
  const ms = (typeof at === 'number' ? at : Date.parse(at)) - now
  const abs = Math.abs(ms)
  const rtf = new Intl.RelativeTimeFormat(LOCALES[language.value], { numeric: 'auto' })
  if (abs < MINUTE) return rtf.format(Math.round(ms / SECOND), 'second')
  if (abs < HOUR) return rtf.format(Math.round(ms / MINUTE), 'minute')
  if (abs < DAY) return rtf.format(Math.round(ms / HOUR), 'hour')
  return rtf.format(Math.round(ms / DAY), 'day')
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

import { REPORT_DAYS_MAX } from '@playlists/schemas/reports'
import { compareDates, daysBetween, type LocalDate, parseLocalDate } from '@playlists/time/zone'
import { badRequest } from '../errors'

/** A report's period: local calendar days, both ends included. */
export interface Period {
  from: LocalDate
  to: LocalDate
}

function dayOf(text: string, field: 'from' | 'to'): LocalDate {
  try {
    return parseLocalDate(text)
  } catch (error) {
    throw badRequest('validation.date', `${field}: ${(error as Error).message}.`, [{ field }])
  }
}

/** The period asked for; refused when a date is not real, reversed, or longer than a year and a day. */
export function periodOf(query: { from: string; to: string }): Period {
  const from = dayOf(query.from, 'from')
  const to = dayOf(query.to, 'to')
  if (compareDates(to, from) < 0)
    throw badRequest('range.reversed', 'to must be the same day as from or later.', [{ field: 'to' }])
  const days = daysBetween(from, to) + 1
  if (days > REPORT_DAYS_MAX) {
    throw badRequest(
      'range.too-long',
      `The period is ${days} days long: at most ${REPORT_DAYS_MAX}. Ask for one year at a time.`,
      [{ field: 'to' }],
      { days, maxDays: REPORT_DAYS_MAX },
    )
  }
  return { from, to }
}

import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'
import { badRequest } from './errors'

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function assertTimeZone(zone: string, field = 'timeZone'): void {
  if (!isValidTimeZone(zone)) {
    throw badRequest(
      'validation.time-zone',
      `${field} "${zone}" is not a known IANA time zone (for example ${DEFAULT_TIME_ZONE}).`,
      { field },
      { zone },
    )
  }
}

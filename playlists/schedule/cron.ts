/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), read in the
 * screen's local time. Written here rather than borrowed from node-cron because the player and
 * the preview must evaluate the same rules in the browser, with no clock and no timers.
 *
 * Supported: `*`, numbers, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`, month names
 * JAN–DEC and day names SUN–SAT (0 and 7 are both Sunday). As in Vixie cron, when both
 * day-of-month and day-of-week are restricted, a day matches if either does.
 */

export interface Cron {
  minutes: readonly number[]
  hours: readonly number[]
  daysOfMonth: ReadonlySet<number>
  months: ReadonlySet<number>
  /** ISO weekdays 1–7. */
  weekdays: ReadonlySet<number>
  domRestricted: boolean
  dowRestricted: boolean
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  name: string
  min: number
  max: number
  names?: string[]
  namesFrom?: number
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
]

export class CronError extends Error {
  override name = 'CronError'
}

export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 5) {
    throw new CronError(
      `"${expression}" has ${fields.length} field(s); a cron expression has 5: minute hour day-of-month month day-of-week`,
    )
  }
  const values = fields.map((field, i) => parseField(field, FIELDS[i]!))
  const [minutes, hours, dom, months, dow] = values as [number[], number[], number[], number[], number[]]
  return {
    minutes,
    hours,
    daysOfMonth: new Set(dom),
    months: new Set(months),
    weekdays: new Set(dow.map((d) => (d === 0 ? 7 : d))),
    domRestricted: fields[2] !== '*',
    dowRestricted: fields[4] !== '*',
  }
}

/** Whether the cron fires on this local date (its times are `minutes` × `hours`). */
export function cronMatchesDay(cron: Cron, month: number, day: number, weekday: number): boolean {
  if (!cron.months.has(month)) return false
  const domOk = cron.daysOfMonth.has(day)
  const dowOk = cron.weekdays.has(weekday)
  if (cron.domRestricted && cron.dowRestricted) return domOk || dowOk
  return domOk && dowOk
}

function parseField(field: string, spec: FieldSpec): number[] {
  const out = new Set<number>()
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined]
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1) {
      throw new CronError(`${spec.name}: step "${stepText}" must be a whole number of at least 1`)
    }
    let lo: number
    let hi: number
    if (range === '*') {
      lo = spec.min
      hi = spec.max
    } else if (range.includes('-')) {
      const [a, b] = range.split('-')
      lo = value(a ?? '', spec)
      hi = value(b ?? '', spec)
      if (lo > hi) throw new CronError(`${spec.name}: range "${range}" runs backwards`)
    } else {
      lo = value(range, spec)
      hi = stepText === undefined ? lo : spec.max
    }
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return [...out].sort((a, b) => a - b)
}

function value(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase()
  const named = spec.names?.indexOf(upper) ?? -1
  const v = named >= 0 ? named + (spec.namesFrom ?? 0) : /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(v) || v < spec.min || v > spec.max) {
    throw new CronError(
      `${spec.name}: "${text}" is not allowed; use ${spec.min}–${spec.max}${spec.names ? ' or a name' : ''}`,
    )
  }
  return v
}

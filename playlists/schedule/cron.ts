/**
 * Cron expressions (minute hour day-of-month month day-of-week), read in the screen's local
 * time. Written here rather than borrowed from node-cron because the player and the preview must
 * evaluate the same rules in the browser, with no clock and no timers — and because node-cron
 * does not follow the standard on the day fields (see `cronMatchesDay`).
 *
 * The dialect is Vixie cron's, as cronie (the cron of Debian, Fedora and Arch) parses it
 * (`src/entry.c`): `*`, numbers, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`, month names
 * JAN–DEC and day names SUN–SAT (0 and 7 are both Sunday), and the nicknames @yearly, @annually,
 * @monthly, @weekly, @daily, @midnight and @hourly. Everything else is refused, never guessed:
 * a range that runs backwards (`5-1`; node-cron would wrap it around), a lone number with a step
 * (`5/20`; croniter reads it as 5-59/20, cronie refuses it), a step of 0, an empty list item, a
 * value out of range and anything left over in a field.
 */

export interface Cron {
  /** [0] unless the expression was read with a seconds field (server jobs). */
  seconds: readonly number[]
  minutes: readonly number[]
  hours: readonly number[]
  daysOfMonth: ReadonlySet<number>
  months: ReadonlySet<number>
  /** ISO weekdays 1–7. */
  weekdays: ReadonlySet<number>
  /** The field does not start with `*` (Vixie's DOM_STAR / DOW_STAR flags, inverted). */
  domRestricted: boolean
  dowRestricted: boolean
}

/** Which part of an expression was wrong, for messages a person reads in their language. */
export type CronField = 'expression' | 'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week'

export class CronError extends Error {
  override name = 'CronError'
  constructor(
    message: string,
    readonly field: CronField,
  ) {
    super(message)
  }
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  field: CronField
  min: number
  max: number
  names?: string[]
}

const SECOND: FieldSpec = { field: 'second', min: 0, max: 59 }
const FIELDS: FieldSpec[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: MONTHS },
  { field: 'day-of-week', min: 0, max: 7, names: DAYS },
]

/** cronie's @-nicknames; @reboot has no meaning for a schedule and is refused. */
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

/** One list item: `*`, `n` or `a-b`, optionally `/step` after `*` or a range. */
const ITEM = /^(?:(\*)|([0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?)(?:\/([0-9]+))?$/

export interface CronOptions {
  /** Accept a leading seconds field (six fields), as node-cron does for the server's jobs. */
  seconds?: boolean
}

export function parseCron(expression: string, options: CronOptions = {}): Cron {
  const trimmed = expression.trim()
  let text = trimmed
  if (trimmed.startsWith('@')) {
    const expanded = NICKNAMES[trimmed.toLowerCase()]
    if (!expanded) {
      throw new CronError(
        `"${trimmed}" is not a cron nickname; use @yearly, @monthly, @weekly, @daily or @hourly, or five fields`,
        'expression',
      )
    }
    text = expanded
  }
  const fields = text.split(/\s+/)
  const withSeconds = options.seconds === true && fields.length === 6
  const expected = options.seconds ? '5 or 6' : '5'
  if (fields.length !== 5 && !withSeconds) {
    throw new CronError(
      `"${trimmed}" has ${fields.length} field(s); a cron expression has ${expected}: ${options.seconds ? '[second] ' : ''}minute hour day-of-month month day-of-week`,
      'expression',
    )
  }
  const seconds = withSeconds ? parseField(fields.shift()!, SECOND) : [0]
  const [minutes, hours, dom, months, dow] = fields.map((field, i) => parseField(field, FIELDS[i]!)) as [
    number[],
    number[],
    number[],
    number[],
    number[],
  ]
  return {
    seconds,
    minutes,
    hours,
    daysOfMonth: new Set(dom),
    months: new Set(months),
    weekdays: new Set(dow.map((d) => (d === 0 ? 7 : d))),
    domRestricted: !fields[2]!.startsWith('*'),
    dowRestricted: !fields[4]!.startsWith('*'),
  }
}

/**
 * Whether the cron fires on this local date (its times are `minutes` × `hours`). As in Vixie
 * cron: when both day fields are restricted (neither starts with `*`), a day matches if either
 * does; otherwise both must match — so `0 9 *\/2 * MON` is "odd days that are Mondays", while
 * `0 9 1 * MON` is "the 1st, and every Monday".
 */
export function cronMatchesDay(cron: Cron, month: number, day: number, weekday: number): boolean {
  if (!cron.months.has(month)) return false
  const domOk = cron.daysOfMonth.has(day)
  const dowOk = cron.weekdays.has(weekday)
  if (cron.domRestricted && cron.dowRestricted) return domOk || dowOk
  return domOk && dowOk
}

function parseField(field: string, spec: FieldSpec): number[] {
  const out = new Set<number>()
  for (const item of field.split(',')) {
    const m = ITEM.exec(item)
    if (!m) throw new CronError(`${spec.field}: ${describe(field, item, spec)}`, spec.field)
    const [, star, first, last, stepText] = m
    if (first !== undefined && last === undefined && stepText !== undefined) {
      throw new CronError(
        `${spec.field}: "${item}" puts a step on a single value; write a range, e.g. "${first}-${spec.max}/${stepText}"`,
        spec.field,
      )
    }
    const step = stepText === undefined ? 1 : Number(stepText)
    if (step < 1) throw new CronError(`${spec.field}: the step in "${item}" must be at least 1`, spec.field)
    const lo = star ? spec.min : value(first!, spec)
    const hi = star ? spec.max : last === undefined ? lo : value(last, spec)
    if (lo > hi) {
      throw new CronError(
        `${spec.field}: the range "${item}" runs backwards; write the smaller value first, or two ranges`,
        spec.field,
      )
    }
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return [...out].sort((a, b) => a - b)
}

function describe(field: string, item: string, spec: FieldSpec): string {
  if (item === '') return `"${field}" has an empty list item`
  return `"${item}" is not a value, a range or a step; use ${spec.min}–${spec.max}${spec.names ? ' or a name' : ''}, "a-b", "*/n" or "a-b/n"`
}

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  const v = named >= 0 ? named + spec.min : /^[0-9]+$/.test(text) ? Number(text) : Number.NaN
  if (Number.isNaN(v) || v < spec.min || v > spec.max) {
    throw new CronError(
      `${spec.field}: "${text}" is not allowed; use ${spec.min}–${spec.max}${spec.names ? ` or a name (${spec.names[0]}…)` : ''}`,
      spec.field,
    )
  }
  return v
}

import { parseLocalDateTime, parseTimeOfDay } from '../time/zone'
import { CronError, type CronField, parseCron } from './cron'

export interface RuleFieldsInput {
  from?: string | null
  until?: string | null
  days?: number[] | null
  window?: { start: string; end: string } | null
  cron?: { expression: string; durationMinutes: number } | null
  lunar?: { month: number | null; days: number[] } | null
}

export interface RuleProblem {
  field: string
  message: string
  /** For `cron.expression`: which of its fields is wrong, so the console can say it in words. */
  params?: { cronField: CronField }
}

/**
 * What JSON Schema cannot say about a schedule entry: impossible dates, a range that ends
 * before it starts, a zero-length window, a cron expression that does not parse, cron mixed
 * with days/window, a lunar date that no lunar month has, lunar days mixed with weekdays or
 * cron. Shared by the server (400 answers) and the console (inline messages).
 */
export function ruleProblems(rule: RuleFieldsInput): RuleProblem[] {
  const problems: RuleProblem[] = []
  const check = (field: string, f: () => void) => {
    try {
      f()
    } catch (error) {
      problems.push({ field, message: (error as Error).message })
    }
  }
  if (rule.from) check('from', () => parseLocalDateTime(rule.from!))
  if (rule.until) check('until', () => parseLocalDateTime(rule.until!))
  if (rule.from && rule.until && problems.length === 0 && rule.until <= rule.from) {
    problems.push({ field: 'until', message: `until (${rule.until}) must be after from (${rule.from})` })
  }
  if (rule.window) {
    const { start, end } = rule.window
    check('window.start', () => {
      if (parseTimeOfDay(start) === 1440) throw new RangeError('a window cannot start at 24:00; use 00:00')
    })
    check('window.end', () => parseTimeOfDay(end))
    const s = safeMinutes(start)
    const e = safeMinutes(end)
    if (s !== null && e !== null && s === e) {
      problems.push({
        field: 'window.end',
        message: `the window ${start}–${end} has zero length; leave out "window" to play all day`,
      })
    }
  }
  if (rule.cron) {
    if (rule.window || rule.days) {
      problems.push({ field: 'cron', message: 'use either cron or days/window, not both' })
    }
    try {
      parseCron(rule.cron.expression)
    } catch (error) {
      if (!(error instanceof CronError)) throw error
      problems.push({ field: 'cron.expression', message: error.message, params: { cronField: error.field } })
    }
  }
  if (rule.lunar) problems.push(...lunarProblems(rule))
  return problems
}

/**
 * A lunar recurrence's problems. JSON Schema bounds these for the API; the console checks a form
 * with no schema in between, and says which part is impossible (month 13, day 31).
 */
function lunarProblems(rule: RuleFieldsInput): RuleProblem[] {
  const lunar = rule.lunar!
  const problems: RuleProblem[] = []
  if (rule.cron || rule.days) {
    problems.push({ field: 'lunar', message: 'use either lunar days or weekdays/cron, not both' })
  }
  const { month, days } = lunar
  if (month !== null && !(Number.isInteger(month) && month >= 1 && month <= LUNAR_MONTHS)) {
    problems.push({ field: 'lunar.month', message: `a lunar month is 1–${LUNAR_MONTHS}, not ${month}` })
  }
  const wrong = days.find((d) => !(Number.isInteger(d) && d >= 1 && d <= LUNAR_MONTH_DAYS_MAX))
  if (days.length === 0) {
    problems.push({ field: 'lunar.days', message: 'choose at least one lunar day' })
  } else if (wrong !== undefined) {
    problems.push({ field: 'lunar.days', message: `a lunar day is 1–${LUNAR_MONTH_DAYS_MAX}, not ${wrong}` })
  }
  return problems
}

/** A lunar year has 12 numbered months (a leap month repeats a number); a month 29 or 30 days. */
const LUNAR_MONTHS = 12
const LUNAR_MONTH_DAYS_MAX = 30

function safeMinutes(text: string): number | null {
  try {
    return parseTimeOfDay(text)
  } catch {
    return null
  }
}

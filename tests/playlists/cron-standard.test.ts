import { CronError, parseCron } from '@playlists/schedule/cron'
import { compileRule, occurrences, zoneDays } from '@playlists/schedule/occurrences'
import { ruleProblems } from '@playlists/schedule/validate'
import { describe, expect, it } from 'vitest'
import { rule } from '../helpers/documents'

/**
 * Our cron against an independent implementation. The next-firing cases are facts taken from
 * croniter's test suite (github.com/kiorky/croniter, src/croniter/tests/test_croniter.py:
 * testDay, testWeekDay, testISOWeekday, testBug3, testBug57's range, test_rangeGenerator,
 * testSundayToThursdayWithAlphaConversion, test_multiple_months, and testDomDowVixieCronBug with
 * `implement_cron_bug=True`, croniter's switch for what Vixie cron and cronie really do with a
 * `*`-led day field). The refusals follow cronie's parser (github.com/cronie-crond/cronie,
 * src/entry.c: get_range refuses `num1 > num2` and a step of 0, get_number refuses a value
 * followed by anything but its terminators) and croniter's testError.
 *
 * Firings are found through the rules' own path (compileRule → occurrences), in UTC so that a
 * wall-clock time is its instant.
 */
const ZONE = 'UTC'
const DAY = 86_400_000

function nextFirings(expression: string, after: string, count: number): string[] {
  const compiled = compileRule(rule('r', 'p', { cron: { expression, durationMinutes: 1 } }), ZONE)
  const out: string[] = []
  let from = Date.parse(`${after}Z`)
  // Five years is enough for any case here (Feb 29 included).
  for (let guard = 0; guard < 60 && out.length < count; guard++) {
    const to = from + 31 * DAY
    const found = occurrences(compiled, ZONE, zoneDays(ZONE, from, to), from, to)
      .map((o) => o.startMs)
      .filter((ms) => ms > Date.parse(`${after}Z`) && !out.includes(iso(ms)))
      .sort((a, b) => a - b)
    for (const ms of found) if (out.length < count) out.push(iso(ms))
    from = to
  }
  return out
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16)

describe('cron: next firings agree with croniter', () => {
  it.each([
    // testDomDowVixieCronBug, implement_cron_bug=True: "*/2" keeps the day-of-month field a star
    // field, so the days are odd days that are Saturdays (AND), not odd days or Saturdays.
    [
      '0 16 */2 * sat',
      '2023-05-02T00:00',
      ['2023-05-13T16:00', '2023-05-27T16:00', '2023-06-03T16:00', '2023-06-17T16:00'],
    ],
    // testWeekDay: both day fields restricted, so the 1st OR any Wednesday.
    ['0 0 1 * wed', '2010-01-25T00:00', ['2010-01-27T00:00', '2010-02-01T00:00', '2010-02-03T00:00']],
    ['0 0 * * sat', '2010-02-25T00:00', ['2010-02-27T00:00', '2010-03-06T00:00']],
    // testDay: every third day of the month, and across February's end.
    ['0 0 */3 * *', '2010-02-24T12:09', ['2010-02-25T00:00', '2010-02-28T00:00', '2010-03-01T00:00']],
    ['0 0 * * *', '1996-02-27T00:00', ['1996-02-28T00:00', '1996-02-29T00:00']],
    // testISOWeekday: 7 is Sunday.
    ['0 0 * * 7', '2010-02-25T00:00', ['2010-02-28T00:00', '2010-03-07T00:00']],
    // testBug3
    ['00 03 16,30 * *', '2013-03-01T12:17', ['2013-03-16T03:00', '2013-03-30T03:00', '2013-04-16T03:00']],
    // test_rangeGenerator
    ['1-9/2 0 1 * *', '2013-03-04T00:00', ['2013-04-01T00:01', '2013-04-01T00:03', '2013-04-01T00:05']],
    // testSundayToThursdayWithAlphaConversion (a Wednesday)
    ['30 22 * * sun-thu', '2010-08-25T15:56', ['2010-08-25T22:30']],
    // test_multiple_months
    ['0 0 1 3,6,9,12 *', '2016-12-03T10:00', ['2017-03-01T00:00']],
    ['0 0 1 3,6,9,12 *', '2016-02-15T00:00', ['2016-03-01T00:00']],
    // testHour
    [
      '0 */3 * * *',
      '2010-01-24T12:02',
      ['2010-01-24T15:00', '2010-01-24T18:00', '2010-01-24T21:00', '2010-01-25T00:00'],
    ],
  ])('%s after %s', (expression, after, expected) => {
    expect(nextFirings(expression, after, expected.length)).toEqual(expected)
  })

  it('reads a star-led step in the day-of-week field as AND too (Vixie DOW_STAR)', () => {
    // The 13th of each month that falls on Sunday, Tuesday, Thursday or Saturday (0-6/2).
    // 2023: Jan 13 Fri, Feb 13 Mon, Mar 13 Mon, Apr 13 Thu, May 13 Sat, Jun 13 Tue.
    expect(nextFirings('0 0 13 * */2', '2023-01-01T00:00', 3)).toEqual([
      '2023-04-13T00:00',
      '2023-05-13T00:00',
      '2023-06-13T00:00',
    ])
  })

  it('reads "1-31" as a restricted field: OR with a restricted weekday, as Vixie does', () => {
    // Same days as "*" but written without a star: every day matches.
    expect(nextFirings('0 0 1-31 * mon', '2023-05-02T00:00', 2)).toEqual([
      '2023-05-03T00:00',
      '2023-05-04T00:00',
    ])
  })

  it('expands the nicknames cronie knows', () => {
    expect(nextFirings('@monthly', '2023-05-02T00:00', 1)).toEqual(['2023-06-01T00:00'])
    expect(nextFirings('@weekly', '2023-05-02T00:00', 1)).toEqual(['2023-05-07T00:00'])
    expect(nextFirings('@yearly', '2023-05-02T00:00', 1)).toEqual(['2024-01-01T00:00'])
  })
})

describe('cron: malformed expressions are refused, naming the field', () => {
  it.each([
    ['1-2-3 * * * *', 'minute', /"1-2-3" is not a value, a range or a step/],
    ['* 5-1 * * *', 'hour', /range "5-1" runs backwards/],
    ['* * 5-1 * *', 'day-of-month', /runs backwards/], // croniter testError
    ['*/0 * * * *', 'minute', /step in "\*\/0" must be at least 1/],
    ['1,,2 * * * *', 'minute', /empty list item/],
    ['1, * * * *', 'minute', /"1," has an empty list item/],
    ['60 * * * *', 'minute', /"60" is not allowed; use 0–59/],
    ['-90 * * * *', 'minute', /not a value/], // croniter testError
    ['a * * * *', 'minute', /"a" is not allowed/], // croniter testError
    ['* * * janu-jun *', 'month', /"janu" is not allowed/], // croniter testError
    ['* * 0 * *', 'day-of-month', /"0" is not allowed; use 1–31/],
    ['* * * 13 *', 'month', /"13"/],
    ['* * * * 8', 'day-of-week', /"8" is not allowed; use 0–7/],
    ['5x * * * *', 'minute', /"5x" is not allowed/],
    ['*x * * * *', 'minute', /"\*x" is not a value/],
    ['* * * * mon/2', 'day-of-week', /step on a single value/],
    ['5/20 * * * *', 'minute', /step on a single value; write a range, e.g. "5-59\/20"/],
    ['*/5/2 * * * *', 'minute', /not a value/],
    ['* * * *', 'expression', /has 4 field/],
    ['@reboot', 'expression', /not a cron nickname/],
  ])('%s (%s)', (expression, field, message) => {
    let error: unknown
    try {
      parseCron(expression)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CronError)
    expect((error as CronError).field).toBe(field)
    expect((error as CronError).message).toMatch(message)
    if (field !== 'expression') expect((error as CronError).message.startsWith(`${field}: `)).toBe(true)
  })

  it('hands the wrong field to the form and the API as data', () => {
    expect(ruleProblems({ cron: { expression: '0 8 1-2-3 * *', durationMinutes: 30 } })).toEqual([
      {
        field: 'cron.expression',
        message: expect.stringMatching(/^day-of-month: /),
        params: { cronField: 'day-of-month' },
      },
    ])
  })

  it('lets a stored rule written under the older reading fall through instead of breaking the timeline', () => {
    const compiled = compileRule(
      rule('r', 'p', { cron: { expression: '5/20 * * * *', durationMinutes: 5 } }),
      ZONE,
    )
    const from = Date.parse('2026-01-01T00:00Z')
    expect(occurrences(compiled, ZONE, zoneDays(ZONE, from, from + DAY), from, from + DAY)).toEqual([])
  })
})

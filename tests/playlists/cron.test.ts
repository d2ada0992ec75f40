import { cronMatchesDay, parseCron } from '@playlists/schedule/cron'
import { describe, expect, it } from 'vitest'

describe('cron expressions', () => {
  it('parses lists, ranges, steps and names', () => {
    const c = parseCron('0,30 6-8 * JAN-MAR mon-fri')
    expect(c.minutes).toEqual([0, 30])
    expect(c.hours).toEqual([6, 7, 8])
    expect([...c.months]).toEqual([1, 2, 3])
    expect([...c.weekdays]).toEqual([1, 2, 3, 4, 5])
    expect(parseCron('*/15 * * * *').minutes).toEqual([0, 15, 30, 45])
    expect(parseCron('5-59/20 * * * *').minutes).toEqual([5, 25, 45])
  })

  it('treats 0 and 7 as Sunday (ISO 7)', () => {
    expect([...parseCron('0 0 * * 0').weekdays]).toEqual([7])
    expect([...parseCron('0 0 * * 7').weekdays]).toEqual([7])
  })

  it('matches a day when either restricted day field matches, as Vixie cron does', () => {
    const c = parseCron('0 9 1 * MON')
    expect(cronMatchesDay(c, 6, 1, 3)).toBe(true) // the 1st, a Wednesday
    expect(cronMatchesDay(c, 6, 8, 1)).toBe(true) // a Monday
    expect(cronMatchesDay(c, 6, 9, 2)).toBe(false)
  })

  it.each([
    ['* * * *', /has 4 field/],
    ['60 * * * *', /minute: "60" is not allowed/],
    ['* 24 * * *', /hour/],
    ['* * 0 * *', /day-of-month/],
    ['* * * 13 *', /month/],
    ['* * * * FUNDAY', /day-of-week/],
    ['5-1 * * * *', /runs backwards/],
    ['*/0 * * * *', /step/],
  ])('refuses %s with a message', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message)
  })
})

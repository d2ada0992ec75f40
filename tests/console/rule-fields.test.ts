import { language } from '@console/i18n/i18n'
import { type Fields, fieldsOf, inputOf, parseFields, problemsOf } from '@console/pages/schedule/rule-fields'
import { PRIORITY_DEFAULT, PRIORITY_MAX, PRIORITY_MIN } from '@playlists/limits'
import type { Schedule } from '@playlists/schemas/schedule'
import { afterEach, describe, expect, it } from 'vitest'

/** The schedule entry form's model: fields as typed, the API body made from them, and what is wrong. */

afterEach(() => {
  language.value = 'vi'
})

const fresh = (over: Partial<Fields> = {}): Fields => ({
  ...fieldsOf(null, { type: 'site', id: 'chi-ma' }, 'p1'),
  name: 'Buổi tối',
  ...over,
})
const problems = (f: Fields) => Object.fromEntries(problemsOf(f, inputOf(f)))

describe('schedule entry form', () => {
  it('starts a new entry on the chosen target with a morning window and the default priority', () => {
    const f = fieldsOf(null, { type: 'screen', id: 's1' }, 'p1')
    expect(f).toMatchObject({
      name: '',
      playlistId: 'p1',
      targetType: 'screen',
      targetId: 's1',
      zoneId: 'main',
    })
    expect(f).toMatchObject({ mode: 'window', days: [], allDay: false, start: '08:00', end: '12:00' })
    expect(f.priority).toBe(String(PRIORITY_DEFAULT))
    expect(fieldsOf(null, { type: 'all' }, '').targetId).toBe('')
  })

  it('reads a stored entry back into the same body', () => {
    const rule = {
      name: 'Giờ cao điểm',
      playlistId: 'p2',
      target: { type: 'group', id: 'g1' },
      zoneId: 'ticker',
      from: '2026-12-31T18:00',
      until: '2027-01-01T06:00',
      days: [1, 5],
      window: { start: '22:00', end: '06:00' },
      cron: null,
      lunar: null,
      priority: 70,
    } as unknown as Schedule
    expect(inputOf(fieldsOf(rule, { type: 'all' }, 'p1'))).toEqual(rule)
    const cron = {
      ...rule,
      days: null,
      window: null,
      cron: { expression: '0 9 * * 1-5', durationMinutes: 45 },
    }
    expect(inputOf(fieldsOf(cron as Schedule, { type: 'all' }, 'p1'))).toEqual(cron)
    const allDay = { ...rule, window: null }
    expect(fieldsOf(allDay as Schedule, { type: 'all' }, 'p1').allDay).toBe(true)
    expect(inputOf(fieldsOf(allDay as Schedule, { type: 'all' }, 'p1'))).toEqual(allDay)
  })

  it('reads a lunar entry back into the lunar form and the same body', () => {
    const moon = {
      name: 'Trung thu',
      playlistId: 'p2',
      target: { type: 'site', id: 'chi-ma' },
      zoneId: 'main',
      from: null,
      until: null,
      days: null,
      window: { start: '18:00', end: '22:00' },
      cron: null,
      lunar: { month: 8, days: [15] },
      priority: 60,
    } as unknown as Schedule
    const f = fieldsOf(moon, { type: 'all' }, 'p1')
    expect(f).toMatchObject({ mode: 'lunar', lunarMonth: '8', lunarDays: '15' })
    expect(inputOf(f)).toEqual(moon)
    const everyMonth = { ...moon, window: null, lunar: { month: null, days: [1, 15] } }
    expect(fieldsOf(everyMonth, { type: 'all' }, 'p1')).toMatchObject({ lunarMonth: '', lunarDays: '1, 15' })
  })

  it('sends lunar dates as typed, in order and once each, without weekdays or cron', () => {
    const f = fresh({ mode: 'lunar', days: [1, 2], lunarMonth: '1', lunarDays: '3, 1 2，2', allDay: true })
    expect(inputOf(f)).toMatchObject({
      days: null,
      cron: null,
      window: null,
      lunar: { month: 1, days: [1, 2, 3] },
    })
    expect(inputOf(fresh({ mode: 'lunar', lunarMonth: '' })).lunar).toEqual({ month: null, days: [1, 15] })
    expect(inputOf(fresh()).lunar).toBeNull()
  })

  it('names an impossible lunar day before sending, in the reader language', () => {
    for (const lunarDays of ['31', '0', 'rằm', '']) {
      language.value = 'en'
      expect(problems(fresh({ mode: 'lunar', lunarDays }))).toEqual({
        'lunar.days': 'Lunar days are numbers from 1 to 30, e.g. 1, 15.',
      })
    }
    language.value = 'vi'
    expect(problems(fresh({ mode: 'lunar', lunarDays: '1, 32' }))['lunar.days']).toBe(
      'Ngày âm lịch là các số từ 1 đến 30, ví dụ 1, 15.',
    )
    expect(problems(fresh({ mode: 'lunar', lunarMonth: '13' }))['lunar.month']).toBe(
      'Tháng âm lịch là từ 1 đến 12.',
    )
  })

  it('sends no day filter for none or all seven days, and chosen days in week order', () => {
    expect(inputOf(fresh({ days: [] })).days).toBeNull()
    expect(inputOf(fresh({ days: [7, 6, 5, 4, 3, 2, 1] })).days).toBeNull()
    expect(inputOf(fresh({ days: [7, 1, 3] })).days).toEqual([1, 3, 7])
  })

  it('sends a cron entry without days or window, and no window all day', () => {
    const cron = inputOf(fresh({ mode: 'cron', days: [1], expression: ' 0 9 * * * ', duration: '30' }))
    expect(cron).toMatchObject({
      days: null,
      window: null,
      cron: { expression: '0 9 * * *', durationMinutes: 30 },
    })
    expect(inputOf(fresh({ allDay: true })).window).toBeNull()
    expect(inputOf(fresh({ targetType: 'all', targetId: 'left-over' })).target).toEqual({ type: 'all' })
    expect(inputOf(fresh({ from: '', until: '' }))).toMatchObject({ from: null, until: null })
  })

  it('reads a kept draft back only when it has the form shape', () => {
    const f = fresh({ days: [1, 7] })
    expect(parseFields(JSON.parse(JSON.stringify(f)))).toEqual(f)
    for (const bad of [
      null,
      'text',
      { ...f, name: 3 },
      { ...f, targetType: 'planet' },
      { ...f, mode: 'sometimes' },
      { ...f, days: [0] },
      { ...f, days: [8] },
      { ...f, days: [1.5] },
      { ...f, days: '1' },
      { ...f, allDay: 'yes' },
      { ...f, submit: undefined },
    ])
      expect(parseFields(bad), JSON.stringify(bad)).toBeNull()
    // A draft kept before lunar dates existed comes back with the form's lunar defaults.
    const { lunarMonth: _m, lunarDays: _d, ...older } = f
    expect(parseFields(JSON.parse(JSON.stringify(older)))).toEqual({
      ...f,
      lunarMonth: '',
      lunarDays: '1, 15',
    })
    expect(parseFields({ ...f, mode: 'lunar' })).toEqual({ ...f, mode: 'lunar' })
  })

  describe('problems before sending', () => {
    it('finds none in a complete entry', () => {
      expect(problems(fresh())).toEqual({})
      expect(problems(fresh({ mode: 'cron' }))).toEqual({})
    })

    it('names each missing choice, in the reader language', () => {
      language.value = 'en'
      expect(problems(fresh({ name: '  ', playlistId: '', targetId: '' }))).toEqual({
        name: 'Give the rule a name.',
        playlistId: 'Choose a playlist.',
        'target.id': 'Choose where the rule applies.',
      })
      language.value = 'zh'
      expect(problems(fresh({ name: '' })).name).toBe('请为规则命名。')
      language.value = 'vi'
      expect(problems(fresh({ name: '' })).name).toBe('Hãy đặt tên cho quy tắc.')
    })

    it('takes a whole priority within its bounds, both ends included', () => {
      language.value = 'en'
      expect(problems(fresh({ priority: String(PRIORITY_MIN) }))).toEqual({})
      expect(problems(fresh({ priority: String(PRIORITY_MAX) }))).toEqual({})
      for (const p of [String(PRIORITY_MIN - 1), String(PRIORITY_MAX + 1), '5.5', 'high'])
        expect(problems(fresh({ priority: p })), p).toEqual({
          priority: 'Priority is a whole number from 0 to 100.',
        })
    })

    it('takes a cron length of 1 to 1440 whole minutes', () => {
      for (const ok of ['1', '1440']) expect(problems(fresh({ mode: 'cron', duration: ok })), ok).toEqual({})
      for (const bad of ['0', '1441', '2.5', ''])
        expect(Object.keys(problems(fresh({ mode: 'cron', duration: bad }))), bad).toEqual([
          'cron.durationMinutes',
        ])
      // A window entry does not read the cron length.
      expect(problems(fresh({ duration: '0' }))).toEqual({})
    })

    it('says which cron field is wrong, or that the expression is malformed', () => {
      language.value = 'en'
      expect(problems(fresh({ mode: 'cron', expression: '0 25 * * *' }))['cron.expression']).toContain(
        '“hour” field',
      )
      language.value = 'vi'
      expect(problems(fresh({ mode: 'cron', expression: '0 25 * * *' }))['cron.expression']).toContain(
        '“giờ”',
      )
      language.value = 'en'
      expect(problems(fresh({ mode: 'cron', expression: 'every day' }))).toEqual({
        'cron.expression':
          'The cron expression is not valid: it needs 5 fields (minute hour day month weekday).',
      })
    })

    it('tells an empty window from a malformed time', () => {
      language.value = 'en'
      expect(problems(fresh({ start: '09:00', end: '09:00' }))).toEqual({
        'window.end': 'Start and end are the same; to play all day, tick “All day”.',
      })
      expect(problems(fresh({ start: '24:00', end: '06:00' }))).toEqual({
        'window.start': 'This time is not valid.',
      })
      expect(problems(fresh({ start: '08:00', end: '8pm' }))).toEqual({
        'window.end': 'This time is not valid.',
      })
      // A window over midnight, and one ending at 24:00, are fine.
      expect(problems(fresh({ start: '22:00', end: '06:00' }))).toEqual({})
      expect(problems(fresh({ start: '18:00', end: '24:00' }))).toEqual({})
      // All day leaves the typed times out.
      expect(problems(fresh({ allDay: true, start: '09:00', end: '09:00' }))).toEqual({})
    })

    it('wants real dates, the end after the start', () => {
      language.value = 'en'
      expect(problems(fresh({ from: '2028-02-29T00:00', until: '2028-03-01T00:00' }))).toEqual({})
      expect(problems(fresh({ from: '2027-02-29T00:00' }))).toEqual({
        from: 'This date and time is not valid.',
      })
      expect(problems(fresh({ from: '2026-12-31T18:00', until: '2026-12-31T18:00' }))).toEqual({
        until: 'The end must come after the start.',
      })
      expect(problems(fresh({ from: '2027-01-01T00:00', until: '2026-12-31T23:59' }))).toEqual({
        until: 'The end must come after the start.',
      })
    })
  })
})

import { ApiError } from '@console/api'
import { refusedFields, refuses } from '@console/components/form/refusal'
import { wiringOf } from '@console/components/form/wiring'
import { describe, expect, it } from 'vitest'

/**
 * The form kit's rules for tying a field (or a group of them, FieldGroup) to its messages, and for
 * reading which fields a server refusal names, whatever the sentence says.
 */

describe('wiringOf', () => {
  it('leaves a right field unmarked, or describes it by its hint alone', () => {
    expect(wiringOf({ id: 'f' })).toEqual({ 'aria-invalid': undefined, 'aria-describedby': undefined })
    expect(wiringOf({ id: 'f', hint: 'For example' })).toEqual({
      'aria-invalid': undefined,
      'aria-describedby': 'f-hint',
    })
  })

  it('marks a field with an error invalid and reads the error before the hint', () => {
    expect(wiringOf({ id: 'f', error: 'Choose a screen', hint: 'h', refusalId: 'r' })).toEqual({
      'aria-invalid': true,
      'aria-describedby': 'f-error f-hint',
    })
  })

  it('points a field the server named, with no message of its own, at the form refusal', () => {
    expect(wiringOf({ id: 'f', invalid: true, refusalId: 'r' })).toEqual({
      'aria-invalid': true,
      'aria-describedby': 'r',
    })
    // Not named: the refusal is the form's, not this field's.
    expect(wiringOf({ id: 'f', invalid: false, refusalId: 'r' })['aria-describedby']).toBeUndefined()
  })
})

describe('refusedFields', () => {
  it('reads a schema refusal: the reason field and every problem, without the request part', () => {
    const error = new ApiError(
      400,
      'Bad Request',
      'body.offline.afterMinutes must be at most 10080.',
      [
        { field: 'body.offline.afterMinutes', problem: 'must be at most 10080' },
        { field: 'body.errors.count', problem: 'must be at least 1' },
      ],
      { code: 'validation.maximum', field: 'body.offline.afterMinutes' },
    )
    expect([...refusedFields(error)].sort()).toEqual(['errors.count', 'offline.afterMinutes'])
  })

  it('reads a domain refusal naming one field in its details', () => {
    const error = new ApiError(400, 'Bad Request', 'url: private address', { field: 'url', rule: 'address' })
    expect([...refusedFields(error)]).toEqual(['url'])
  })

  it('names nothing for no error, a refusal without fields or one with a malformed detail', () => {
    expect(refusedFields(null).size).toBe(0)
    expect(refusedFields(new ApiError(409, 'Conflict', 'taken')).size).toBe(0)
    expect(refusedFields(new ApiError(400, 'Bad Request', 'x', [null, { field: 3 }, 'body'])).size).toBe(0)
    // The whole body refused (`body`) names no one field.
    expect(refusedFields(new ApiError(400, 'Bad Request', 'x', undefined, { field: 'body' })).size).toBe(0)
  })
})

describe('names', () => {
  const fields = new Set(['text.vi.title', 'targets[0]', 'offline.afterMinutes'])
  it('matches a field and what lies inside it, never a field that only starts alike', () => {
    expect(refuses(fields, 'text.vi.title')).toBe(true)
    expect(refuses(fields, 'text.vi')).toBe(true)
    expect(refuses(fields, 'targets')).toBe(true)
    expect(refuses(fields, 'offline')).toBe(true)
    expect(refuses(fields, 'text.vi.body')).toBe(false)
    expect(refuses(fields, 'text.v')).toBe(false)
    expect(refuses(fields, 'offlineX')).toBe(false)
  })
})

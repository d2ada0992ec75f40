import { ApiError } from '@console/api'
import { type ActionState, runGuarded, toApiError } from '@console/components/form/action'
import { pageOf } from '@console/components/form/paging'
import { describe, expect, it } from 'vitest'

/**
 * The logic under the console's form kit (components/form): what a failed action shows, the guard
 * that lets a double click submit once, and the page of a list the console holds whole.
 */

/** A promise the test settles by hand, to look at an action while it runs. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('toApiError', () => {
  it('keeps the server refusal as it came, details included', () => {
    const refusal = new ApiError(409, 'Conflict', 'Version 3 is on air', { code: 'on-air' })
    expect(toApiError(refusal)).toBe(refusal)
  })

  it('turns anything else thrown into status 0 with its message, never a blank', () => {
    const bug = toApiError(new TypeError('x is undefined'))
    expect(bug).toBeInstanceOf(ApiError)
    expect([bug.status, bug.kind, bug.message]).toEqual([0, 'Error', 'x is undefined'])
    expect(toApiError('quota exceeded').message).toBe('quota exceeded')
    expect(toApiError(undefined).message).toBe('undefined')
  })
})

describe('runGuarded', () => {
  it('runs a double click once: the second call, made before the first settles, is ignored', async () => {
    const guard = { running: false }
    const gate = deferred<string>()
    let runs = 0
    const work = () => {
      runs++
      return gate.promise
    }
    const states: ActionState[] = []
    const first = runGuarded(guard, work, (s) => states.push(s))
    const second = runGuarded(guard, work, (s) => states.push(s))
    expect(runs).toBe(1)
    expect(await second).toBeUndefined()
    gate.resolve('saved')
    expect(await first).toBe('saved')
    expect(states).toEqual([
      { busy: true, error: null },
      { busy: false, error: null },
    ])
  })

  it('lets the action run again once it has settled, after a success or a failure', async () => {
    const guard = { running: false }
    let runs = 0
    await runGuarded(
      guard,
      async () => runs++,
      () => {},
    )
    await runGuarded(
      guard,
      () => Promise.reject(new Error('no')),
      () => {},
    )
    await runGuarded(
      guard,
      async () => runs++,
      () => {},
    )
    expect(runs).toBe(2)
    expect(guard.running).toBe(false)
  })

  it('reports a failure as an ApiError and ends busy; the next run clears it', async () => {
    const guard = { running: false }
    const states: ActionState[] = []
    const refusal = new ApiError(400, 'Bad Request', 'body/priority must be <= 100')
    expect(
      await runGuarded(
        guard,
        () => Promise.reject(refusal),
        (s) => states.push(s),
      ),
    ).toBeUndefined()
    expect(states.at(-1)).toEqual({ busy: false, error: refusal })
    await runGuarded(
      guard,
      () => Promise.reject('offline'),
      (s) => states.push(s),
    )
    expect(states.at(-1)?.error).toMatchObject({ status: 0, message: 'offline' })
    await runGuarded(
      guard,
      async () => 1,
      (s) => states.push(s),
    )
    expect(states.slice(-2)).toEqual([
      { busy: true, error: null },
      { busy: false, error: null },
    ])
  })
})

describe('pageOf', () => {
  const rows = Array.from({ length: 53 }, (_, i) => i + 1)

  it('slices the asked page', () => {
    expect(pageOf(rows, 1, 25)).toEqual({ page: 1, rows: rows.slice(0, 25) })
    expect(pageOf(rows, 3, 25)).toEqual({ page: 3, rows: [51, 52, 53] })
  })

  it('keeps a page past the end (a filter shortened the list) on the last page', () => {
    expect(pageOf(rows, 9, 25)).toEqual({ page: 3, rows: [51, 52, 53] })
    expect(pageOf(rows.slice(0, 10), 3, 25)).toEqual({ page: 1, rows: rows.slice(0, 10) })
  })

  it('answers page 1 of nothing for an empty list, and for a page below 1 or not a number', () => {
    expect(pageOf([], 4, 25)).toEqual({ page: 1, rows: [] })
    expect(pageOf(rows, 0, 25).page).toBe(1)
    expect(pageOf(rows, Number.NaN, 25).page).toBe(1)
  })
})

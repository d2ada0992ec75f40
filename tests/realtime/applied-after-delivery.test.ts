import { setImmediate as nextTurn } from 'node:timers/promises'
import type { ScreenStatus } from '@playlists/schemas/status'
import { ScreenStatusService } from '@server/realtime/status'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, seedMinimal, type TestApp } from '../helpers/app'

/**
 * Players' acknowledgements of a publish are recorded after the publish has been handed out
 * (Publisher.idle): a thousand screens answer while the last slices are still going out, and
 * the last screens should not wait for the first ones' bookkeeping. Recorded together then, in
 * one transaction, and each screen's status told to the consoles.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await seedMinimal(t.app, 'screen-a', 'pl-a')
  await seedMinimal(t.app, 'screen-b', 'pl-b')
})
afterAll(() => t?.close())

const applied = (id: string) =>
  t.app.db.prepare('SELECT applied_version FROM screen_status WHERE screen_id = ?').pluck().get(id)

describe('acknowledgements during a delivery', () => {
  it('waits for the delivery to finish, then records every answer together', async () => {
    let finish = () => {}
    let delivering: Promise<void> | null = new Promise<void>((resolve) => {
      finish = resolve
    })
    const told: ScreenStatus[] = []
    const service = new ScreenStatusService(
      t.app.repos.status,
      t.app.clock,
      (statuses) => told.push(...statuses),
      false,
      () => delivering,
    )
    service.connected('screen-a')
    service.connected('screen-b')
    // Consoles are told on the next turn, of both screens at once.
    await nextTurn()
    expect(told.map((s) => s.screenId).sort()).toEqual(['screen-a', 'screen-b'])
    told.length = 0
    let recorded = 0
    const answers = [service.applied('screen-a', 5), service.applied('screen-b', 6)].map((p) =>
      p.then(() => recorded++),
    )
    // Everything the service could do without the delivery's end runs before the next turn of the
    // event loop (the database is synchronous): nothing was recorded by then.
    await nextTurn()
    expect(recorded).toBe(0)
    expect(applied('screen-a')).not.toBe(5)
    // A third answer arriving meanwhile joins the same write.
    answers.push(service.applied('screen-a', 7).then(() => recorded++))
    delivering = null
    finish()
    await Promise.all(answers)
    await nextTurn()
    expect(recorded).toBe(3)
    expect([applied('screen-a'), applied('screen-b')]).toEqual([7, 6])
    expect(told.map((s) => [s.screenId, s.appliedVersion]).sort()).toEqual([
      ['screen-a', 7],
      ['screen-b', 6],
    ])
  })

  it('records at once when nothing is being delivered', async () => {
    const service = new ScreenStatusService(
      t.app.repos.status,
      t.app.clock,
      () => {},
      false,
      () => null,
    )
    await service.applied('screen-b', 9)
    expect(applied('screen-b')).toBe(9)
  })
})

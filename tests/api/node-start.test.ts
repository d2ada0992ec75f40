import { JOBS_LEASE_MS_DEFAULT } from '@server/jobs/lease'
import { LeasesRepository } from '@server/repositories/leases'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRestartableApp, openSameDatabase, type RestartableApp, seedMinimal } from '../helpers/app'

/**
 * What a node starting does with screens' presence (issue 21 part 4): alone, it starts from
 * "every screen offline", as its players reconnect within seconds; beside a node that beat within
 * one lease period, whose players are connected there, it leaves every screen as it is.
 */

const SCREEN = 'screen-a'
let t: RestartableApp

beforeEach(async () => {
  t = await createRestartableApp()
  await seedMinimal(t.app, SCREEN, 'pl-a')
})
afterEach(async () => {
  await t.close()
})

/**
 * Stops the node with its screen online, lets `meanwhile` write to the database as another node
 * would, starts it again: is the screen still online?
 */
async function onlineAfterRestart(
  meanwhile: (leases: LeasesRepository) => void,
): Promise<boolean | undefined> {
  t.app.repos.status.setOnline(SCREEN, true, Date.now())
  await t.stop()
  const db = await openSameDatabase(t)
  try {
    meanwhile(new LeasesRepository(db))
  } finally {
    db.close()
  }
  await t.start()
  return t.app.repos.status.find(SCREEN)?.online
}

describe('screens’ presence when a node starts', () => {
  it('calls every screen offline when no other node is alive (this one closed cleanly)', async () => {
    expect(await onlineAfterRestart(() => {})).toBe(false)
  })

  it('leaves the screens of another live node as they are', async () => {
    const other = { id: 'node-other', host: 'gate-2', pid: 4242 }
    expect(await onlineAfterRestart((leases) => leases.beat(other, 'secondary', Date.now()))).toBe(true)
  })

  it('calls every screen offline when the other node was last heard more than a lease ago', async () => {
    const other = { id: 'node-gone', host: 'gate-2', pid: 4242 }
    const long = Date.now() - JOBS_LEASE_MS_DEFAULT - 1_000
    expect(await onlineAfterRestart((leases) => leases.beat(other, 'primary', long))).toBe(false)
  })
})

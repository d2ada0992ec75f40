import type { ApprovalQueuePage } from '@playlists/schemas/approval-queue'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createTestApp,
  type Member,
  screenBody,
  siteBody,
  slide,
  succeed,
  type TestApp,
} from '../helpers/app'
import { submitAndApprove } from '../helpers/approval'

/**
 * The approvals queue: every kind's versions in one list for the console, with what a reviewer
 * needs beside each (names, the version on air, the screens reached).
 */
let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody())
  await succeed(t.app, 'POST', '/api/sites', siteBody('other'))
})
afterEach(() => t.close())

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, as?: Member, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })

const queue = async (query: string, as?: Member): Promise<ApprovalQueuePage> => {
  const res = await call('GET', `/api/approvals${query}`, as)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const keys = (page: ApprovalQueuePage) => page.items.map((v) => `${v.objectType}:${v.objectId}:${v.number}`)

/** A playlist on air on screen "led" (version 1), and a schedule entry aimed at site "other". */
async function setUp() {
  const { editor } = t.team
  await call('POST', '/api/playlists', editor, { id: 'loop', name: 'Loop', items: [slide('s1', 'One')] })
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
  await succeed(t.app, 'POST', '/api/screens', screenBody('far', 'other'))
  await submitAndApprove(t.app, 'playlist', 'loop', { author: editor })
  await succeed(t.app, 'POST', '/api/playlists/loop/publish')
  await call('PUT', '/api/playlists/loop', editor, { name: 'Loop', items: [slide('s1', 'Two')] })
  expect((await call('POST', '/api/playlists/loop/submit', editor)).statusCode).toBe(201)
  await call('POST', '/api/schedules', t.team.editor2, {
    id: 'evening',
    name: 'Evening',
    playlistId: 'loop',
    target: { type: 'site', id: 'other' },
    window: { start: '18:00', end: '22:00' },
  })
  expect((await call('POST', '/api/schedules/evening/submit', t.team.editor2)).statusCode).toBe(201)
}

describe('the approvals queue', () => {
  it('lists what waits for someone, across kinds, with names, the version on air and the screens reached', async () => {
    await setUp()
    const waiting = await queue('', t.team.approver)
    expect(keys(waiting)).toEqual(['schedule:evening:1', 'playlist:loop:2'])
    expect(waiting.total).toBe(2)
    const [schedule, playlist] = waiting.items
    expect(playlist).toMatchObject({
      name: 'Loop',
      state: 'submitted',
      submittedBy: t.team.editor.id,
      submittedByName: 'editor',
      decidedByName: null,
      liveNumber: 1,
      publishAt: null,
      screens: expect.arrayContaining(['led']),
    })
    expect(playlist).not.toHaveProperty('body')
    expect(schedule).toMatchObject({ name: 'Evening', liveNumber: null, screens: ['far'] })

    // Approved but not on air still waits (for publishing); once on air it leaves the queue.
    await call('POST', '/api/playlists/loop/versions/2/approve', t.team.approver)
    const approved = (await queue('?type=playlist')).items
    expect(approved).toEqual([
      expect.objectContaining({ number: 2, state: 'approved', decidedByName: 'approver', live: false }),
    ])
    await succeed(t.app, 'POST', '/api/playlists/loop/publish')
    expect(keys(await queue(''))).toEqual(['schedule:evening:1'])
  })

  it('shows an editor their own versions, decided or not, and nobody else’s', async () => {
    await setUp()
    await call('POST', '/api/schedules/evening/versions/1/reject', t.team.approver, { comment: 'Too late' })
    const mine = await queue('?view=mine', t.team.editor2)
    expect(mine.items).toEqual([
      expect.objectContaining({
        objectId: 'evening',
        state: 'rejected',
        comment: 'Too late',
        decidedByName: 'approver',
      }),
    ])
    expect(keys(await queue('?view=mine', t.team.editor))).toEqual(['playlist:loop:2', 'playlist:loop:1'])
    expect((await queue('?view=all')).total).toBe(3)
    expect(keys(await queue('?view=all&type=playlist&objectId=loop'))).toEqual([
      'playlist:loop:2',
      'playlist:loop:1',
    ])
    const one = await queue('?view=all&type=playlist&objectId=loop&number=1')
    expect(one.items).toEqual([
      expect.objectContaining({ number: 1, live: true, liveNumber: 1, authorNames: ['editor'] }),
    ])
  })

  it('names a withdrawal by its earlier name and forgets versions of deleted objects', async () => {
    await setUp()
    await submitAndApprove(t.app, 'schedule', 'evening', { author: t.team.editor2 })
    await succeed(t.app, 'POST', '/api/schedules/evening/publish')
    await call('POST', '/api/schedules/evening/submit', t.team.editor2, { withdraw: true })
    const withdrawal = (await queue('?type=schedule')).items[0]
    expect(withdrawal).toMatchObject({ number: 2, withdrawal: true, name: 'Evening', liveNumber: 1 })

    // A draft submitted, then its object deleted: nothing left to decide, yet its history stays.
    const { editor } = t.team
    await call('POST', '/api/playlists', editor, { id: 'spare', name: 'Spare', items: [slide('s1', 'S')] })
    expect((await call('POST', '/api/playlists/spare/submit', editor)).statusCode).toBe(201)
    expect(keys(await queue('?type=playlist'))).toContain('playlist:spare:1')
    const deleted = await call('DELETE', '/api/playlists/spare', editor)
    expect(deleted.statusCode, deleted.body).toBeLessThan(300)
    expect(keys(await queue('?type=playlist'))).not.toContain('playlist:spare:1')
    expect(keys(await queue('?view=all&type=playlist'))).toContain('playlist:spare:1')
  })

  it('pages, and refuses what it cannot answer with a 400', async () => {
    await setUp()
    const first = await queue('?view=all&pageSize=2&page=1')
    const second = await queue('?view=all&pageSize=2&page=2')
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 })
    expect(first.items).toHaveLength(2)
    expect(second.items).toHaveLength(1)
    expect(new Set([...keys(first), ...keys(second)]).size).toBe(3)
    for (const bad of ['?pageSize=500', '?view=everything', '?page=0', '?type=media']) {
      const res = await call('GET', `/api/approvals${bad}`)
      expect(res.statusCode, bad).toBe(400)
      expect(res.json().message).toBeTruthy()
    }
    expect((await call('GET', '/api/approvals', t.team.viewer)).statusCode).toBe(403)
  })
})

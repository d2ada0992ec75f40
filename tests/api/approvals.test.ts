import { COMMENT_CHARS_MAX } from '@playlists/limits'
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

/**
 * Four-eyes approval of playlists, through the API: drafts, numbered immutable versions, who may
 * decide, publish and roll back, and what a refusal leaves behind. The same mechanism serves
 * schedule entries and layouts (approvals-airing.test.ts).
 */
let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody())
})
afterEach(() => t.close())

const call = (method: 'GET' | 'POST' | 'PUT', url: string, as?: Member, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    ...(as ? { headers: as.headers } : {}),
  })

const loop = (title: string, extra: object[] = []) => ({
  name: 'Loop',
  items: [slide('s1', title), ...extra],
})
const document = async () => (await call('GET', '/api/screens/led/document')).json()
const version = async (n: number) => (await call('GET', `/api/playlists/loop/versions/${n}`)).json()
const audit = (action: string) => t.app.repos.audit.query({ action, limit: 20 })

/** The editor's draft playlist "loop", shown by default on screen "led". */
async function editorDraft() {
  const { editor } = t.team
  expect((await call('POST', '/api/playlists', editor, { id: 'loop', ...loop('One') })).statusCode).toBe(201)
  await succeed(t.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'loop' }))
}

describe('four-eyes approval of a playlist', () => {
  it('puts an editor’s draft on air only once another person approved it and an approver published it', async () => {
    const { editor, approver, viewer } = t.team
    await editorDraft()
    const submitted = await call('POST', '/api/playlists/loop/submit', editor)
    expect(submitted.statusCode, submitted.body).toBe(201)
    expect(submitted.json()).toMatchObject({
      objectType: 'playlist',
      objectId: 'loop',
      number: 1,
      state: 'submitted',
      authors: [editor.id],
      submittedBy: editor.id,
      decidedBy: null,
      live: false,
      body: loop('One'),
    })
    // Submitted is not approved: nothing on screen, and nobody can put it there yet.
    expect((await document()).playlists).toEqual({})
    const early = await call('POST', '/api/playlists/loop/publish', approver)
    expect(early.statusCode).toBe(409)
    expect(early.json().message).toMatch(/no approved version yet/)

    // An editor cannot approve (not even someone else's change), a viewer cannot publish.
    expect((await call('POST', '/api/playlists/loop/versions/1/approve', editor)).statusCode).toBe(403)
    expect((await call('POST', '/api/playlists/loop/publish', viewer)).statusCode).toBe(403)
    expect((await call('POST', '/api/playlists/loop/submit', viewer)).statusCode).toBe(403)

    const approved = await call('POST', '/api/playlists/loop/versions/1/approve', approver, {
      comment: 'Good',
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: approver.id, comment: 'Good' })
    expect((await document()).playlists).toEqual({}) // approved, not yet on air

    expect((await call('POST', '/api/playlists/loop/publish', editor)).statusCode).toBe(403)
    const published = await call('POST', '/api/playlists/loop/publish', approver)
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json()).toMatchObject({
      version: { number: 1, state: 'approved', live: true },
      screens: [expect.objectContaining({ screenId: 'led', version: 2 })],
    })
    expect((await document()).playlists.loop).toMatchObject({ revision: 1, name: 'Loop' })
    expect((await call('GET', '/api/playlists/loop')).json()).toMatchObject({
      publishedRevision: 1,
      hasUnpublishedChanges: false,
    })

    // Each step is in the audit log, with who did it.
    expect(audit('playlist.submit')[0]).toMatchObject({ actor: { id: editor.id }, objectId: 'loop' })
    expect(audit('playlist.approve')[0]).toMatchObject({
      actor: { id: approver.id },
      objectId: 'loop',
      before: expect.objectContaining({ state: 'submitted' }),
      after: expect.objectContaining({ state: 'approved' }),
      detail: 'version 1: Good',
    })
    expect(audit('playlist.publish')[0]).toMatchObject({ actor: { id: approver.id }, outcome: 'ok' })
  })

  it('refuses an approver approving a change they made (403, audited), admins included, and changes nothing', async () => {
    const { approver, approver2, admin, editor } = t.team
    await editorDraft()
    // The approver edits the draft, the editor submits: both are authors.
    await call('PUT', '/api/playlists/loop', approver, loop('Edited by the approver'))
    const submitted = (await call('POST', '/api/playlists/loop/submit', editor)).json()
    expect(submitted.authors.sort()).toEqual([approver.id, editor.id].sort())

    const own = await call('POST', '/api/playlists/loop/versions/1/approve', approver)
    expect(own.statusCode).toBe(403)
    expect(own.json().message).toMatch(/You are an author of version 1.*another approver/)
    expect((await version(1)).state).toBe('submitted')
    expect(t.app.repos.audit.query({ outcome: 'denied', limit: 5 })[0]).toMatchObject({
      action: 'access.denied',
      actor: { id: approver.id },
      objectType: 'playlist',
      objectId: 'loop',
      detail: expect.stringMatching(/versions\/1\/approve: You are an author/),
    })

    // An admin is held to the same rule for their own edits.
    await call('PUT', '/api/playlists/loop', admin, loop('Edited by the admin'))
    await call('POST', '/api/playlists/loop/submit', editor)
    expect((await call('POST', '/api/playlists/loop/versions/2/approve', admin)).statusCode).toBe(403)
    expect(
      (await call('POST', '/api/playlists/loop/versions/2/reject', admin, { comment: 'x' })).statusCode,
    ).toBe(403)
    // An editor submitting their own change to an approver who did not touch it: allowed.
    expect((await call('POST', '/api/playlists/loop/versions/2/approve', approver2)).statusCode).toBe(200)
  })

  it('keeps the authors of a rejected version authors of the next, so a rejection cannot launder an edit', async () => {
    const { approver, approver2, editor } = t.team
    await editorDraft()
    await call('PUT', '/api/playlists/loop', approver, loop('The approver’s wording'))
    await call('POST', '/api/playlists/loop/submit', editor)
    await call('POST', '/api/playlists/loop/versions/1/reject', approver2, { comment: 'Typo in the body' })
    await call('PUT', '/api/playlists/loop', editor, loop('The approver’s wording, fixed'))
    const second = (await call('POST', '/api/playlists/loop/submit', editor)).json()
    expect(second.authors.sort()).toEqual([approver.id, editor.id].sort())
    expect((await call('POST', '/api/playlists/loop/versions/2/approve', approver)).statusCode).toBe(403)
    expect((await call('POST', '/api/playlists/loop/versions/2/approve', approver2)).statusCode).toBe(200)
  })

  it('rejects with a comment the author reads; a rejected version never goes on air', async () => {
    const { editor, approver, approver2 } = t.team
    await editorDraft()
    await call('POST', '/api/playlists/loop/submit', editor)
    const bare = await call('POST', '/api/playlists/loop/versions/1/reject', approver, {})
    expect(bare.statusCode).toBe(400)
    expect(bare.json().message).toMatch(/comment/)

    const rejected = await call('POST', '/api/playlists/loop/versions/1/reject', approver, {
      comment: 'The Chinese title is missing a character.',
    })
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json()).toMatchObject({
      state: 'rejected',
      decidedBy: approver.id,
      comment: 'The Chinese title is missing a character.',
    })
    const publish = await call('POST', '/api/playlists/loop/publish', approver, { version: 1 })
    expect(publish.statusCode).toBe(409)
    expect(publish.json().message).toMatch(/is rejected, not approved/)
    // A decision is final.
    const again = await call('POST', '/api/playlists/loop/versions/1/approve', approver2)
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toMatch(/already rejected/)
    expect((await document()).playlists).toEqual({})
    expect(audit('playlist.reject')[0]).toMatchObject({
      detail: 'version 1: The Chinese title is missing a character.',
    })
  })

  it(`refuses a comment over ${COMMENT_CHARS_MAX} characters (400 saying so), deciding nothing`, async () => {
    const { editor, approver } = t.team
    await editorDraft()
    await call('POST', '/api/playlists/loop/submit', editor)
    for (const verb of ['approve', 'reject']) {
      const res = await call('POST', `/api/playlists/loop/versions/1/${verb}`, approver, {
        comment: 'x'.repeat(COMMENT_CHARS_MAX + 1),
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(new RegExp(`comment.*${COMMENT_CHARS_MAX}`))
    }
    expect((await version(1)).state).toBe('submitted')
    const ok = await call('POST', '/api/playlists/loop/versions/1/approve', approver, {
      comment: 'x'.repeat(COMMENT_CHARS_MAX),
    })
    expect(ok.statusCode).toBe(200)
  })

  it('numbers versions, never changes one, and refuses a submission with nothing new (409)', async () => {
    const { editor, approver } = t.team
    await editorDraft()
    await call('POST', '/api/playlists/loop/submit', editor)
    const unchanged = await call('POST', '/api/playlists/loop/submit', editor)
    expect(unchanged.statusCode).toBe(409)
    expect(unchanged.json().message).toMatch(/Nothing changed since version 1/)

    await call('PUT', '/api/playlists/loop', editor, loop('Two'))
    expect((await call('POST', '/api/playlists/loop/submit', editor)).json().number).toBe(2)
    await call('PUT', '/api/playlists/loop', editor, loop('Three'))
    await call('POST', '/api/playlists/loop/versions/1/approve', approver)

    const list = (await call('GET', '/api/playlists/loop/versions')).json()
    expect(list.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [2, 'submitted'],
      [1, 'approved'],
    ])
    expect(list[0].body).toBeUndefined() // the list is a summary
    expect((await version(1)).body).toMatchObject(loop('One'))
    expect((await version(2)).body).toMatchObject(loop('Two'))
    expect((await call('GET', '/api/playlists/loop/versions/9')).statusCode).toBe(404)
    expect((await call('GET', '/api/playlists/loop/versions/abc')).statusCode).toBe(400)
    // Immutable in the database itself.
    expect(() => t.app.db.prepare("UPDATE versions SET body = '{}'").run()).toThrow(/immutable/)
    expect(() => t.app.db.prepare('DELETE FROM versions').run()).toThrow(/kept forever/)
    expect(() =>
      t.app.db
        .prepare("INSERT INTO live_versions VALUES ('playlist', 'loop', 2, '2026-01-01T00:00:00.000Z')")
        .run(),
    ).toThrow(/only an approved version/)
  })

  it('rolls back to an earlier approved version in one action, and to nothing else', async () => {
    const { editor, approver, approver2 } = t.team
    await editorDraft()
    await call('POST', '/api/playlists/loop/submit', editor)
    await call('POST', '/api/playlists/loop/versions/1/approve', approver)
    await call('POST', '/api/playlists/loop/publish', approver)
    await call('PUT', '/api/playlists/loop', editor, loop('Two'))
    await call('POST', '/api/playlists/loop/submit', editor)
    await call('POST', '/api/playlists/loop/versions/2/approve', approver2)
    await call('POST', '/api/playlists/loop/publish', approver)
    await call('PUT', '/api/playlists/loop', editor, loop('Three'))
    await call('POST', '/api/playlists/loop/submit', editor)
    expect((await document()).playlists.loop.items[0].text.en.title).toBe('Two (en)')

    expect((await call('POST', '/api/playlists/loop/rollback', editor, { version: 1 })).statusCode).toBe(403)
    const toSubmitted = await call('POST', '/api/playlists/loop/rollback', approver, { version: 3 })
    expect(toSubmitted.statusCode).toBe(409)
    expect((await call('POST', '/api/playlists/loop/rollback', approver, { version: 2 })).statusCode).toBe(
      409,
    )

    const back = await call('POST', '/api/playlists/loop/rollback', approver, {
      version: 1,
      comment: 'Version 2 shows the wrong opening hours',
    })
    expect(back.statusCode, back.body).toBe(200)
    expect(back.json()).toMatchObject({ version: { number: 1, live: true }, screens: [{ screenId: 'led' }] })
    const doc = await document()
    expect(doc.playlists.loop).toMatchObject({ revision: 1 })
    expect(doc.playlists.loop.items[0].text.en.title).toBe('One (en)')
    expect(audit('playlist.rollback')[0]).toMatchObject({
      actor: { id: approver.id },
      before: { live: 2 },
      after: { live: 1 },
      detail: 'rolled back to version 1: Version 2 shows the wrong opening hours',
    })
    // The draft is untouched, and what is live is reported on every version.
    expect((await call('GET', '/api/playlists/loop')).json().items[0].text.en.title).toBe('Three (en)')
    const live = (await call('GET', '/api/playlists/loop/versions'))
      .json()
      .filter((v: { live: boolean }) => v.live)
    expect(live.map((v: { number: number }) => v.number)).toEqual([1])
  })

  it('diffs any two versions, or a version and the draft, item by item', async () => {
    const { editor } = t.team
    await editorDraft()
    await call('POST', '/api/playlists/loop/submit', editor)
    await call('PUT', '/api/playlists/loop', editor, {
      name: 'Loop (winter)',
      items: [slide('s2', 'New', 8000), { ...slide('s1', 'One'), durationMs: 9000 }],
    })
    await call('POST', '/api/playlists/loop/submit', editor)

    const diff = await call('GET', '/api/playlists/loop/diff?from=1&to=2')
    expect(diff.statusCode, diff.body).toBe(200)
    expect(diff.json()).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: 'name', change: 'changed', before: 'Loop', after: 'Loop (winter)' },
        { path: 'items/s1/durationMs', change: 'changed', before: 5000, after: 9000 },
        { path: 'items/s2', change: 'added', after: expect.objectContaining({ id: 's2', durationMs: 8000 }) },
      ],
    })
    await call('PUT', '/api/playlists/loop', editor, loop('One'))
    const toDraft = (await call('GET', '/api/playlists/loop/diff?from=2&to=draft')).json()
    expect(toDraft.changes.map((c: { path: string; change: string }) => `${c.change} ${c.path}`)).toEqual([
      'changed name',
      'removed items/s2',
      'changed items/s1/durationMs',
    ])
    expect((await call('GET', '/api/playlists/loop/diff?from=1&to=draft')).json().changes).toEqual([])
    expect((await call('GET', '/api/playlists/loop/diff?from=1&to=7')).statusCode).toBe(404)
    expect((await call('GET', '/api/playlists/loop/diff?from=one&to=2')).statusCode).toBe(400)
  })

  it('answers 404 for an unknown playlist on every approval route', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/playlists/nope/submit', undefined],
      ['GET', '/api/playlists/nope/versions', undefined],
      ['POST', '/api/playlists/nope/versions/1/approve', undefined],
      ['POST', '/api/playlists/nope/publish', undefined],
      ['POST', '/api/playlists/nope/rollback', { version: 1 }],
      ['GET', '/api/playlists/nope/diff?from=1&to=draft', undefined],
    ] as const) {
      const res = await call(method, url, undefined, payload)
      expect(res.statusCode, `${method} ${url}`).toBe(404)
    }
  })
})

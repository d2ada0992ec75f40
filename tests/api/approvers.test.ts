import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, injectAs, succeed, type TestApp } from '../helpers/app'

/**
 * Who may approve, by name (GET /api/approvers): what an editor chooses a dataset's quick
 * approvers from. Only the id and the display name: sign-in names, roles and dates stay the
 * admins' (GET /api/users).
 */
let t: TestApp
afterEach(() => t.close())

describe('the approvers directory', () => {
  it('names the enabled approvers and admins to an editor, and nothing else of their accounts', async () => {
    t = await createTestApp()
    const { admin, approver, approver2, editor } = t.team
    await succeed(t.app, 'PATCH', `/api/users/${approver2.id}`, { displayName: 'Trần Thị Bình' })
    await succeed(t.app, 'PATCH', `/api/users/${admin.id}`, { displayName: 'Đinh Văn An' })
    await succeed(t.app, 'PATCH', `/api/users/${approver.id}`, { displayName: 'đặng thu hà' })
    const listed = await succeed(t.app, 'GET', '/api/approvers', undefined, editor)
    // As a Vietnamese reader looks names up: case and tone marks aside, Đ after D, before T.
    expect(listed).toEqual([
      { id: approver.id, displayName: 'đặng thu hà' },
      { id: admin.id, displayName: 'Đinh Văn An' },
      { id: approver2.id, displayName: 'Trần Thị Bình' },
    ])
    expect(listed.map((a: { id: string }) => a.id)).not.toContain(editor.id)
    expect(listed.every((a: object) => Object.keys(a).sort().join() === 'displayName,id')).toBe(true)

    await succeed(t.app, 'PATCH', `/api/users/${approver.id}`, { disabled: true })
    const after = await succeed(t.app, 'GET', '/api/approvers', undefined, editor)
    expect(after.map((a: { id: string }) => a.id)).not.toContain(approver.id)
  })

  it('is refused to a viewer, who prepares no content', async () => {
    t = await createTestApp()
    const res = await injectAs(t.app, 'GET', '/api/approvers', t.team.viewer)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toMatch(/^auth\./)
  })
})

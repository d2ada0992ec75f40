import { csvField } from '@server/routes/audit-csv'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, siteBody, type TestApp } from '../helpers/app'

/** The audit log (issue 6, item 5): append-only, queried by actor, object, action and time, exported as CSV. */

let clockMs = Date.UTC(2026, 10, 26, 8, 0, 0)
let t: TestApp
/** A fresh app per test, for the describes that need one. */
function withApp() {
  beforeEach(async () => {
    clockMs = Date.UTC(2026, 10, 26, 8, 0, 0)
    t = await createTestApp({ clock: () => clockMs })
  })
  afterEach(() => t.close())
}

const audit = async (query: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/audit${query}`,
    headers: t.team.approver.headers,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('the audit log', () => {
  withApp()

  it('records who changed what, when and from where, with the object before and after', async () => {
    await t.app.inject({ method: 'POST', url: '/api/sites', payload: siteBody('chi-ma') })
    clockMs += 60_000
    const renamed = {
      ...siteBody('chi-ma'),
      name: { vi: 'Cửa khẩu Chi Ma', zh: '支麻口岸', en: 'Chi Ma gate' },
    }
    await t.app.inject({
      method: 'PUT',
      url: '/api/sites/chi-ma',
      payload: renamed,
      headers: { 'user-agent': 'console/1' },
    })
    const [update, create] = await audit('?objectType=site&objectId=chi-ma')
    expect(create).toMatchObject({
      action: 'site.create',
      before: null,
      after: { id: 'chi-ma' },
      outcome: 'ok',
    })
    expect(update).toMatchObject({
      at: new Date(clockMs).toISOString(),
      actor: { kind: 'user', id: t.team.admin.id, name: 'admin' },
      via: expect.stringMatching(/^token:tok-/),
      action: 'site.update',
      ip: '127.0.0.1',
      userAgent: 'console/1',
      before: { name: { vi: 'Cửa khẩu thử' } },
      after: { name: { vi: 'Cửa khẩu Chi Ma', zh: '支麻口岸' } },
    })
  })

  it('answers queries by actor, action family, outcome and time range, newest first, in pages', async () => {
    for (const id of ['a-1', 'a-2', 'a-3']) {
      await t.app.inject({ method: 'POST', url: '/api/sites', payload: siteBody(id) })
      clockMs += 3_600_000
    }
    await t.app.inject({ method: 'DELETE', url: '/api/sites/a-1', headers: t.team.editor.headers }) // refused
    expect((await audit('?action=site.create')).map((e: { objectId: string }) => e.objectId)).toEqual([
      'a-3',
      'a-2',
      'a-1',
    ])
    expect(await audit('?action=site.&actor=editor')).toEqual([])
    expect(await audit('?outcome=denied&actor=editor')).toEqual([
      expect.objectContaining({ action: 'access.denied', objectType: 'site', objectId: 'a-1' }),
    ])
    const from = new Date(Date.UTC(2026, 10, 26, 9, 0, 0)).toISOString()
    const to = new Date(Date.UTC(2026, 10, 26, 10, 0, 0)).toISOString()
    expect(
      (await audit(`?action=site.create&from=${from}&to=${to}`)).map((e: { objectId: string }) => e.objectId),
    ).toEqual(['a-2'])
    const [first] = await audit('?action=site.create&limit=1')
    const next = await audit(`?action=site.create&limit=1&before=${first.seq}`)
    expect(next.map((e: { objectId: string }) => e.objectId)).toEqual(['a-2'])
  })

  it('refuses a bad query with a 400 that says what is wrong', async () => {
    const bad = (q: string) =>
      t.app.inject({ method: 'GET', url: `/api/audit${q}`, headers: t.team.approver.headers })
    expect((await bad('?limit=0')).json().message).toMatch(/limit must be from 1 to 500/)
    expect((await bad('?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z')).json().message).toMatch(
      /from must be before to/,
    )
    expect((await bad('?from=yesterday')).statusCode).toBe(400)
    expect((await bad('?colour=red')).statusCode).toBe(400)
  })

  it('is append-only: no route changes it, and the database itself refuses', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      expect((await t.app.inject({ method, url: '/api/audit', payload: {} })).statusCode).toBe(404)
    }
    expect(() => t.app.db.prepare("UPDATE audit_log SET action = 'nothing'").run()).toThrow(/append-only/)
    expect(() => t.app.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    expect((await audit('?action=user.create')).length).toBeGreaterThan(0)
  })

  it('is for approvers and admins: editors and viewers are refused', async () => {
    for (const who of [t.team.editor, t.team.viewer]) {
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/audit', headers: who.headers })).statusCode,
      ).toBe(403)
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/audit.csv', headers: who.headers })).statusCode,
      ).toBe(403)
    }
  })
})

describe('the CSV export', () => {
  withApp()

  it('holds every matching entry, with a header and a BOM, in UTF-8', async () => {
    const name = { vi: 'Hữu Nghị, "cửa khẩu"', zh: '友谊关', en: 'Huu Nghi' }
    await t.app.inject({ method: 'POST', url: '/api/sites', payload: { id: 'huu-nghi', name } })
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit.csv?objectId=huu-nghi',
      headers: t.team.admin.headers,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="gatecast-audit.csv"/)
    const lines = res.body.split('\r\n')
    expect(lines[0]).toBe(
      '\uFEFFseq,at,actor_kind,actor_id,actor_name,via,action,object_type,object_id,outcome,ip,user_agent,detail,before,after',
    )
    expect(lines).toHaveLength(3) // header, one entry, and the final line break
    expect(lines[1]).toContain(',site.create,site,huu-nghi,ok,')
    expect(lines[1]).toContain('友谊关')
    expect(lines[1]).toContain('Hữu Nghị, \\""cửa khẩu\\""')
  })

  it('pages through more entries than one query answers', async () => {
    for (let i = 0; i < 520; i++)
      t.app.audit(null, { action: 'test.bulk', objectType: 'test', objectId: `n-${i}` })
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit.csv?action=test.bulk',
      headers: t.team.admin.headers,
    })
    expect(res.body.trimEnd().split('\r\n')).toHaveLength(521)
  })
})

describe('a CSV field', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    [null, ''],
    [42, '42'],
  ])('writes %j as %s, so a spreadsheet never runs it', (value, cell) => {
    expect(csvField(value)).toBe(cell)
  })
})

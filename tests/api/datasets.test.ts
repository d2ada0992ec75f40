import type { Dataset, DatasetOnAir } from '@playlists/schemas/dataset'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, succeed, TEST_PASSWORD, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { datasetBody, RATE_ROWS } from '../helpers/datasets'

/**
 * Datasets (issue 19 point 2): typed columns, rows checked against them (a 400 naming the row and
 * the column), four-eyes approval like any content, a quick change for the named approvers and
 * an API token's update (queued, or on air under "direct"); each value keeps its "as of"; every
 * path leaves an audit entry.
 */

const T0 = Date.UTC(2026, 11, 5, 1, 0, 0)
let now = T0
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
  now = T0
})

async function app(): Promise<TestApp> {
  t = await createTestApp({ clock: () => now })
  return t
}

/** A rates dataset created by the editor, approved by the approver and on air; approver2 named for quick changes. */
async function ratesOnAir(over: Parameters<typeof datasetBody>[1] = {}): Promise<TestApp> {
  const a = await app()
  const body = datasetBody('rates', { quickApprovers: [a.team.approver2.id], ...over })
  await succeed(a.app, 'POST', '/api/datasets', body, a.team.editor)
  await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor })
  return a
}

const onAir = (a: TestApp): Promise<DatasetOnAir> => succeed(a.app, 'GET', '/api/datasets/rates/on-air')
const rateOf = (o: DatasetOnAir, row: string) => o.body?.rows.find((r) => r.id === row)?.values.rate
const inject = (
  a: TestApp,
  method: 'POST' | 'PUT',
  url: string,
  payload: object,
  headers?: Record<string, string>,
) => a.app.inject({ method, url, payload, ...(headers ? { headers } : {}) })

describe('dataset approval', () => {
  it('puts nothing on air before a second person approves it, then the approved rows', async () => {
    const a = await app()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'), a.team.editor)
    expect(await onAir(a)).toEqual({ version: null, liveAt: null, body: null })
    const own = await succeed(a.app, 'POST', '/api/datasets/rates/submit', undefined, a.team.editor)
    expect(own).toMatchObject({ objectType: 'dataset', number: 1, state: 'submitted' })
    const refused = await inject(
      a,
      'POST',
      '/api/datasets/rates/versions/1/approve',
      {},
      a.team.editor.headers,
    )
    expect(refused.statusCode).toBe(403)
    await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor })
    const live = await onAir(a)
    expect(live.version).toBe(1)
    expect(rateOf(live, 'cny')).toBe(3520.5)
  })

  it('keeps the approved rows on air while an edited draft waits, and shows the row changes in the diff', async () => {
    const a = await ratesOnAir()
    now += 60_000
    const rows = [{ ...RATE_ROWS[0]!, values: { ...RATE_ROWS[0]!.values, rate: 3530 } }, RATE_ROWS[1]!]
    await succeed(a.app, 'PUT', '/api/datasets/rates/rows', { rows }, a.team.editor)
    expect(rateOf(await onAir(a), 'cny')).toBe(3520.5)
    const diff = await succeed(a.app, 'GET', '/api/datasets/rates/diff?from=1&to=draft')
    expect(diff.changes).toContainEqual({
      path: 'rows/cny/values/rate',
      change: 'changed',
      before: 3520.5,
      after: 3530,
    })
    await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor })
    expect(rateOf(await onAir(a), 'cny')).toBe(3530)
  })

  it('keeps each value’s as-of: the instant it last changed, not when the row was saved again', async () => {
    const a = await app()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'))
    now += 3_600_000
    const rows = [{ ...RATE_ROWS[0]!, values: { ...RATE_ROWS[0]!.values, rate: 3530 } }, RATE_ROWS[1]!]
    const saved: Dataset = await succeed(a.app, 'PUT', '/api/datasets/rates/rows', { rows })
    const cny = saved.rows.find((r) => r.id === 'cny')!
    expect(cny.asOf.rate).toBe(new Date(now).toISOString())
    expect(cny.asOf.currency).toBe(new Date(T0).toISOString())
    expect(saved.rows.find((r) => r.id === 'usd')!.asOf.rate).toBe(new Date(T0).toISOString())
  })

  it('drops a removed column’s values and refuses a column change the values no longer fit', async () => {
    const a = await app()
    const created: Dataset = await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'))
    const { id: _id, createdAt: _c, updatedAt: _u, liveVersion: _l, rows: _r, ...definition } = created
    const narrowed = await succeed(a.app, 'PUT', '/api/datasets/rates', {
      ...definition,
      columns: definition.columns.filter((c) => c.id !== 'day'),
    })
    expect(Object.keys(narrowed.rows[0].values)).toEqual(['currency', 'rate'])
    const retyped = definition.columns.map((c) => (c.id === 'currency' ? { ...c, type: 'date' } : c))
    const res = await inject(a, 'PUT', '/api/datasets/rates', { ...definition, columns: retyped })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      code: 'dataset.value-date',
      params: { row: 1, rowId: 'cny', column: 'currency' },
    })
  })
})

describe('dataset rows refused', () => {
  it.each([
    ['text in a number column', { rate: 'ba nghìn' }, 'dataset.value-number', 'rate'],
    ['more decimals than the column shows', { rate: 3520.555 }, 'dataset.value-decimals', 'rate'],
    ['a day that does not exist', { day: '2026-02-30' }, 'dataset.value-date', 'day'],
    ['a number as text', { currency: 12 }, 'dataset.value-text', 'currency'],
    ['a column the dataset does not have', { fee: 1 }, 'dataset.unknown-column', 'fee'],
  ])('refuses %s with a 400 naming the row and the column', async (_what, values, code, column) => {
    const a = await app()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('rates'))
    const rows = [RATE_ROWS[0]!, { id: 'usd', values: { ...RATE_ROWS[1]!.values, ...values } }]
    const res = await inject(a, 'PUT', '/api/datasets/rates/rows', { rows })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toMatchObject({
      code,
      field: `rows/1/values/${column}`,
      params: { row: 2, rowId: 'usd', column },
    })
    expect(res.json().message).toMatch(/^Row 2 \("usd"\)/)
    // Nothing of the refused rows was kept.
    const kept: Dataset = await succeed(a.app, 'GET', '/api/datasets/rates')
    expect(kept.rows.find((r) => r.id === 'usd')?.values.rate).toBe(25410)
  })

  it.each([
    [
      'a time past midnight',
      {
        columns: [{ id: 'opens', type: 'time', label: { vi: 'Mở', zh: '开', en: 'Opens' } }],
        rows: [{ values: { opens: '24:30' } }],
      },
      'dataset.value-time',
    ],
    [
      'two columns with one id',
      {
        columns: [
          { id: 'a', type: 'time', label: { vi: 'A', zh: 'A', en: 'A' } },
          { id: 'a', type: 'date', label: { vi: 'B', zh: 'B', en: 'B' } },
        ],
        rows: [],
      },
      'dataset.column-twice',
    ],
    ['a quick approver who is an editor', { quickApprovers: ['editor-id'] }, 'dataset.quick-approver'],
  ])('refuses creating a dataset with %s', async (_what, over, code) => {
    const a = await app()
    const body = { ...datasetBody('hours'), ...over }
    if (code === 'dataset.quick-approver') body.quickApprovers = [a.team.editor.id]
    const res = await inject(a, 'POST', '/api/datasets', body)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toBe(code)
    expect((await a.app.inject({ method: 'GET', url: '/api/datasets/hours' })).statusCode).toBe(404)
  })

  it('refuses bodies outside the schema’s bounds with a 400, never a 500', async () => {
    const a = await app()
    for (const over of [{ columns: [] }, { staleAfterMinutes: 0 }, { tokenPolicy: 'sometimes' }]) {
      const res = await inject(a, 'POST', '/api/datasets', { ...datasetBody('x'), ...over })
      expect(res.statusCode, JSON.stringify(over)).toBe(400)
    }
  })
})

describe('quick change', () => {
  it('puts a named approver’s change on air at once and audits it with the rows before and after', async () => {
    const a = await ratesOnAir()
    now += 60_000
    const patch = { rows: [{ id: 'cny', values: { rate: 3541.25 } }], comment: 'Bank rate at 08:01' }
    const res = await succeed(a.app, 'POST', '/api/datasets/rates/quick-change', patch, a.team.approver2)
    expect(res.version).toBe(2)
    const live = await onAir(a)
    expect(rateOf(live, 'cny')).toBe(3541.25)
    expect(live.body?.rows.find((r) => r.id === 'cny')?.asOf.rate).toBe(new Date(now).toISOString())
    const [entry] = a.app.repos.audit.query({ action: 'dataset.quick-change', limit: 1 })
    expect(entry).toMatchObject({
      objectId: 'rates',
      actor: { id: a.team.approver2.id },
      via: expect.stringMatching(/^token:/),
    })
    expect(entry?.before).toMatchObject({
      version: 1,
      rows: [{ id: 'cny', values: { rate: 3520.5 } }, { id: 'usd' }],
    })
    expect(entry?.after).toMatchObject({
      version: 2,
      rows: [{ id: 'cny', values: { rate: 3541.25 } }, { id: 'usd' }],
    })
    // The draft took the change: submitting it now would put nothing back.
    const submit = await a.app.inject({ method: 'POST', url: '/api/datasets/rates/submit' })
    expect(submit.json().code).toBe('approval.unchanged')
  })

  it('refuses an approver the approved version does not name, and changes nothing', async () => {
    const a = await ratesOnAir()
    const patch = { rows: [{ id: 'cny', values: { rate: 1 } }] }
    const res = await inject(a, 'POST', '/api/datasets/rates/quick-change', patch, a.team.approver.headers)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('dataset.not-quick-approver')
    const editor = await inject(a, 'POST', '/api/datasets/rates/quick-change', patch, a.team.editor.headers)
    expect(editor.statusCode).toBe(403)
    expect(rateOf(await onAir(a), 'cny')).toBe(3520.5)
  })

  it('goes by the policy on air: naming oneself in the draft grants nothing until approved', async () => {
    const a = await ratesOnAir()
    const {
      id: _i,
      createdAt: _c,
      updatedAt: _u,
      liveVersion: _l,
      rows: _r,
      ...definition
    }: Dataset = await succeed(a.app, 'GET', '/api/datasets/rates')
    await succeed(
      a.app,
      'PUT',
      '/api/datasets/rates',
      { ...definition, quickApprovers: [a.team.approver.id] },
      a.team.approver,
    )
    const res = await inject(
      a,
      'POST',
      '/api/datasets/rates/quick-change',
      { rows: [{ id: 'cny', values: { rate: 1 } }] },
      a.team.approver.headers,
    )
    expect(res.json().code).toBe('dataset.not-quick-approver')
  })

  it('refuses a quick change before anything is on air, one that changes nothing, and a bad value', async () => {
    const a = await app()
    await succeed(
      a.app,
      'POST',
      '/api/datasets',
      datasetBody('rates', { quickApprovers: [a.team.approver.id] }),
      a.team.editor,
    )
    const patch = { rows: [{ id: 'cny', values: { rate: 3520.5 } }] }
    const first = await inject(a, 'POST', '/api/datasets/rates/quick-change', patch, a.team.approver.headers)
    expect(first.json().code).toBe('dataset.not-on-air')
    await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor, approver: a.team.approver2 })
    const same = await inject(a, 'POST', '/api/datasets/rates/quick-change', patch, a.team.approver.headers)
    expect(same.statusCode).toBe(409)
    expect(same.json().code).toBe('dataset.unchanged')
    const bad = { rows: [{ id: 'usd', values: { day: 'hôm nay' } }] }
    const refused = await inject(a, 'POST', '/api/datasets/rates/quick-change', bad, a.team.approver.headers)
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({
      code: 'dataset.value-date',
      params: { rowId: 'usd', column: 'day' },
    })
  })
})

describe('updates by API token', () => {
  const patch = {
    rows: [
      { id: 'usd', values: { rate: 25420 } },
      { id: 'eur', values: { currency: { vi: 'Euro' }, rate: 27015.5 } },
    ],
  }

  it('queues the change for approval under the default policy, audited with the token', async () => {
    const a = await ratesOnAir()
    const res = await succeed(a.app, 'POST', '/api/datasets/rates/token-update', patch, a.team.editor)
    expect(res).toEqual({ outcome: 'queued', version: 2, screens: [] })
    expect(rateOf(await onAir(a), 'usd')).toBe(25410)
    const version = await succeed(a.app, 'GET', '/api/datasets/rates/versions/2')
    expect(version).toMatchObject({ state: 'submitted', authors: [a.team.editor.id] })
    expect(a.app.repos.audit.query({ action: 'dataset.token-update', limit: 1 })[0]).toMatchObject({
      actor: { id: a.team.editor.id },
      via: expect.stringMatching(/^token:/),
      detail: 'queued: version 2',
    })
    // The token's owner cannot approve it; another approver can.
    await succeed(a.app, 'POST', '/api/datasets/rates/versions/2/approve', {}, a.team.approver)
    await succeed(a.app, 'POST', '/api/datasets/rates/publish', { version: 2 }, a.team.approver)
    const live = await onAir(a)
    expect(rateOf(live, 'usd')).toBe(25420)
    expect(live.body?.rows.map((r) => r.id)).toEqual(['cny', 'usd', 'eur'])
    const again = await succeed(a.app, 'POST', '/api/datasets/rates/token-update', patch, a.team.editor)
    expect(again).toEqual({ outcome: 'unchanged', version: null, screens: [] })
  })

  it('puts the change on air at once under the "direct" policy, audited with before and after', async () => {
    const a = await ratesOnAir({ tokenPolicy: 'direct' })
    const res = await succeed(a.app, 'POST', '/api/datasets/rates/token-update', patch, a.team.editor)
    expect(res).toMatchObject({ outcome: 'on-air', version: 2 })
    expect(rateOf(await onAir(a), 'usd')).toBe(25420)
    const [entry] = a.app.repos.audit.query({ action: 'dataset.token-update', limit: 1 })
    expect(entry).toMatchObject({
      via: expect.stringMatching(/^token:/),
      before: { version: 1 },
      after: { version: 2 },
    })
  })

  it('refuses a signed-in person: under "direct" it would skip the second pair of eyes', async () => {
    const a = await ratesOnAir({ tokenPolicy: 'direct' })
    const login = await a.anonymous({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: a.team.editor.username, password: TEST_PASSWORD },
    })
    const cookie = login.cookies.find((c) => c.name === 'gatecast_session')
    const res = await inject(a, 'POST', '/api/datasets/rates/token-update', patch, {
      cookie: `gatecast_session=${cookie?.value}`,
    })
    expect(res.statusCode, res.body).toBe(403)
    expect(res.json().code).toBe('dataset.token-only')
    expect(rateOf(await onAir(a), 'usd')).toBe(25410)
  })

  it('refuses removing a row that is not there, and a viewer’s token', async () => {
    const a = await ratesOnAir({ tokenPolicy: 'direct' })
    const gone = await inject(
      a,
      'POST',
      '/api/datasets/rates/token-update',
      { rows: [], remove: ['jpy'] },
      a.team.editor.headers,
    )
    expect(gone.statusCode).toBe(400)
    expect(gone.json()).toMatchObject({ code: 'dataset.row-unknown', params: { rowId: 'jpy' } })
    const viewer = await inject(a, 'POST', '/api/datasets/rates/token-update', patch, a.team.viewer.headers)
    expect(viewer.statusCode).toBe(403)
  })
})

describe('dataset audit', () => {
  it('records every path that changes a dataset, with who made it', async () => {
    const a = await ratesOnAir({ tokenPolicy: 'direct' })
    await succeed(a.app, 'PUT', '/api/datasets/rates/rows', { rows: RATE_ROWS.slice(0, 1) }, a.team.editor)
    await succeed(
      a.app,
      'POST',
      '/api/datasets/rates/quick-change',
      { rows: [{ id: 'cny', values: { rate: 3500 } }] },
      a.team.approver2,
    )
    await succeed(
      a.app,
      'POST',
      '/api/datasets/rates/token-update',
      { rows: [{ id: 'cny', values: { rate: 3501 } }] },
      a.team.editor,
    )
    const actions = a.app.repos.audit
      .query({ limit: 100 })
      .filter((e) => e.objectType === 'dataset')
      .map((e) => e.action)
    for (const action of [
      'dataset.create',
      'dataset.submit',
      'dataset.approve',
      'dataset.publish',
      'dataset.rows',
      'dataset.quick-change',
      'dataset.token-update',
    ])
      expect(actions).toContain(action)
    // Four versions: the approved first, the quick change, the token's; each on air in turn.
    const versions = await succeed(a.app, 'GET', '/api/datasets/rates/versions')
    expect(versions.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [3, 'approved'],
      [2, 'approved'],
      [1, 'approved'],
    ])
  })
})

describe('sample datasets', () => {
  it('come with a new install, approved and on air: exchange rates and the gates’ opening hours', async () => {
    t = await createTestApp({ seed: true })
    const list: Dataset[] = await succeed(t.app, 'GET', '/api/datasets')
    expect(list.map((d) => [d.id, d.liveVersion])).toEqual([
      ['exchange-rates', 1],
      ['gate-hours', 1],
    ])
    const rates: DatasetOnAir = await succeed(t.app, 'GET', '/api/datasets/exchange-rates/on-air')
    expect(rates.body?.rows.map((r) => r.id)).toEqual(['cny', 'usd'])
    const hours: DatasetOnAir = await succeed(t.app, 'GET', '/api/datasets/gate-hours/on-air')
    expect(hours.body?.rows.map((r) => r.id)).toEqual(['huu-nghi', 'tan-thanh', 'chi-ma'])
    const [approval] = t.app.repos.audit.query({ action: 'dataset.approve', limit: 1 })
    expect(approval).toMatchObject({ objectType: 'dataset', actor: { kind: 'system' } })
  })
})
